import django.db
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from connection.demo import demo_populate

DEMO_EMAIL = "demo@kindred.localhost"
DEMO_PASSWORD = "look-around-kindly"  # noqa: S105 - a public sample account, local only


class Command(BaseCommand):
    help = "Create a demo account with sample people, connections and check-ins (local only)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Rebuild the demo account.")
        parser.add_argument(
            "--offer",
            action="store_true",
            help="Used by `make run`: create it when missing, and stay quiet outside the "
            "embedded default.",
        )

    def handle(self, *args, reset=False, offer=False, **options):
        embedded = django.db.connection.vendor == "sqlite"
        if offer and not (settings.DEBUG and embedded):
            # `make run` against a real database (DATABASE_URL set) adds no sample account.
            return
        # Production runs with DEBUG off (settings insist on a real SECRET_KEY then).
        if not settings.DEBUG:
            raise CommandError(
                "The demo account is for the embedded default only (DEBUG on); "
                "it is never created with production settings."
            )
        existing = User.objects.filter(email=DEMO_EMAIL).first()
        if existing and reset:
            existing.delete()
            existing = None
        if existing is None:
            user = User.objects.create_user(
                email=DEMO_EMAIL,
                password=DEMO_PASSWORD,
                display_name="Alex (demo)",
                time_zone=settings.TIME_ZONE,
            )
            EmailAddress.objects.create(user=user, email=DEMO_EMAIL, verified=True, primary=True)
            demo_populate(owner=user, today=timezone.localdate())
            self.stdout.write("Created the demo account.")
        self.stdout.write(f"  Look around as {DEMO_EMAIL} with the password {DEMO_PASSWORD}")
