"""The reminder engine's fixtures (tests/reminders/conftest.py), for the tests of the plans'
reminder kinds and their email actions, and the shared-ritual fixtures."""

from tests.plans.invitations import invite, shared_ritual  # noqa: F401 - fixtures
from tests.reminders.conftest import (  # noqa: F401 - fixtures
    daily_ritual,
    dispatch,
    eager_tasks,
    ticks_around_six_pm,
    weekly_ritual,
)
