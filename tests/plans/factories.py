"""Plans rows for the tests."""

import datetime

import factory

from plans.models import Ritual


class RitualFactory(factory.django.DjangoModelFactory):
    """A weekly ritual on Tuesdays at 19:00 local time."""

    class Meta:
        model = Ritual
        skip_postgeneration_save = True

    title = "Tuesday call"
    cadence = "weekly"
    weekdays = factory.LazyFunction(lambda: [1])
    local_time = datetime.time(19, 0)

    @factory.post_generation
    def people(ritual, create, extracted, **kwargs):
        if create and extracted:
            ritual.people.set(extracted)
