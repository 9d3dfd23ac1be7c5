from django.core.management.base import BaseCommand

from reminders.dispatch import reminders_dispatch


class Command(BaseCommand):
    help = "Dispatch the reminders due now (what the beat tick does every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        written = reminders_dispatch(batch_size=batch_size)
        self.stdout.write(f"{written} deliveries written")
