from django.apps import AppConfig


class LandscapeConfig(AppConfig):
    name = "landscape"
    # The app lived in the `connection` package before the project package was split off.
    # Its label stays, so its tables (connection_person, ...), migration history, content
    # types and permissions are the ones existing databases already hold.
    label = "connection"
    verbose_name = "Social landscape"

    def ready(self):
        from landscape.reminder_kinds import ImportantDateKind, NudgeKind
        from reminders.kinds import kind_register

        kind_register(NudgeKind())
        kind_register(ImportantDateKind())
