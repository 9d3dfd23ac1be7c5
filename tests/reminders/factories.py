"""Reminder engine rows for the tests."""

import factory

from reminders.models import ReminderPreferences


class ReminderPreferencesFactory(factory.django.DjangoModelFactory):
    """Someone's reminder settings: the model's defaults unless told otherwise."""

    class Meta:
        model = ReminderPreferences
