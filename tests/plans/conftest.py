import datetime

import pytest

from connection.models import Person
from plans.models import Ritual


@pytest.fixture
def make_person(db):
    def make(owner, name="Maya", **fields):
        return Person.objects.create(owner=owner, name=name, **fields)

    return make


@pytest.fixture
def make_ritual(db):
    def make(owner, people=(), **fields):
        fields.setdefault("title", "Tuesday call")
        fields.setdefault("cadence", "weekly")
        fields.setdefault("weekdays", [1])
        fields.setdefault("local_time", datetime.time(19, 0))
        ritual = Ritual.objects.create(owner=owner, **fields)
        ritual.people.set(people)
        return ritual

    return make
