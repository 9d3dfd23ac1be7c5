"""Plans rows for the tests."""

import datetime

import factory

from plans.models import CheckIn, DayEntry, Ritual


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


class CheckInFactory(factory.django.DjangoModelFactory):
    """A done check-in; pass the ritual and the occurrence it is for."""

    class Meta:
        model = CheckIn

    status = "done"


class DayEntryFactory(factory.django.DjangoModelFactory):
    """A plan day done at completed_at (by default now), on that day."""

    class Meta:
        model = DayEntry

    completed_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    completed_on = factory.LazyAttribute(lambda entry: entry.completed_at.date())
