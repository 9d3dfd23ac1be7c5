from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "plans.reminders"
    label = "reminders"
    verbose_name = "Reminders"
