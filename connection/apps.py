from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package is an app only for its management commands (demo, mailsink).

    The label "connection" belongs to the landscape app (its tables keep that prefix), so
    the project package takes a label of its own.
    """

    name = "connection"
    label = "site"
    verbose_name = "Kindred site"
