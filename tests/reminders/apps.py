from django.apps import AppConfig


class TestKindsConfig(AppConfig):
    """Registers the tests' reminder kind the way the apps register theirs."""

    name = "tests.reminders"
    label = "test_reminder_kinds"

    def ready(self):
        from reminders.kinds import kind_register
        from tests.reminders.kinds import DailyRitualKind

        kind_register(DailyRitualKind())
