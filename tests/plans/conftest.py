from tests.plans.invitations import invite, shared_ritual  # noqa: F401 - fixtures
from tests.reminders.conftest import dispatch, eager_tasks  # noqa: F401 - fixtures
