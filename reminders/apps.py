from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    label = "reminders"
    verbose_name = "Reminders"

    def ready(self):
        from accounts.signals import time_zone_changed
        from reminders.receivers import on_time_zone_changed

        time_zone_changed.connect(on_time_zone_changed, dispatch_uid="reminders-time-zone")
