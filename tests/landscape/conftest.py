"""The reminder engine's fixtures (tests/reminders/conftest.py), for the tests of the
landscape's reminder kinds and their email actions, and the sent nudge."""

from tests.landscape.nudges import nudge  # noqa: F401 - a fixture
from tests.reminders.conftest import dispatch, eager_tasks  # noqa: F401 - fixtures
