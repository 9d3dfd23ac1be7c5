"""Landscape rows for the tests."""

import datetime

import factory

from landscape.models import Assessment, Person
from landscape.services import assessment_complete, assessment_resume

HOSTILE_NAME = "<script>alert('x')</script> Zoë 🌻 שרה " + "long" * 260


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = "Ana"


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A check-in in progress (a draft) at its first step unless told otherwise."""

    class Meta:
        model = Assessment


def person(owner, name="Ana", **fields):
    return PersonFactory(owner=owner, name=name, **fields)


def finished_assessment(owner, *, ucla=(1, 1, 1), lsns=(), cravings=(), today=None):
    assessment = assessment_resume(owner=owner)
    assessment.cravings = list(cravings)
    assessment.save()
    return assessment_complete(
        assessment=assessment,
        ucla_answers=list(ucla),
        lsns_answers=list(lsns),
        reflection="",
        today=today or datetime.date.today(),
    )
