import datetime

from django.core.management.base import BaseCommand

from reminders.sweeper import deliveries_sweep


class Command(BaseCommand):
    help = "Hand deliveries stuck in queued/sending back to the workers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stuck-seconds",
            type=int,
            default=None,
            help="How long untouched before a delivery counts as stuck (default: settings).",
        )

    def handle(self, *args, stuck_seconds, **options):
        stuck_after = None if stuck_seconds is None else datetime.timedelta(seconds=stuck_seconds)
        count = deliveries_sweep(stuck_after=stuck_after)
        self.stdout.write(f"{count} deliveries re-enqueued")
