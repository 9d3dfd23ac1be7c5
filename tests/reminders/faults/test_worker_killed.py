"""A worker SIGKILLed mid-batch, with beat's real schedule running (the sweeper every 30 s,
the 60 s lease): every reminder goes out, within two minutes of its due time.

The bound on duplicates: an email the sink accepted just before its worker process died,
before the row said "sent", is sent again after the lease; each pool process has at most
one such email in flight, so at most CONCURRENCY duplicates. Nothing else is sent twice:
deliveries the dead worker had claimed but not started are re-sent once, and those whose
message it had received but not started were never claimed.
"""

import pytest
from django.utils import timezone

from reminders.models import Delivery, DeliveryState, ReminderSchedule
from reminders.selectors import sent_lateness
from tests.reminders.faults.conftest import (
    lateness_line,
    message_ids,
    seed_due_reminders,
    wait_until,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CONCURRENCY = 2
RECOVERED_WITHIN = 120  # seconds after the due time


def test_a_worker_killed_mid_batch_is_recovered_within_two_minutes_at_most_one_copy_per_process(
    services, smtp_sink
):
    seed_due_reminders(1000, timezone.now())
    worker = services.start_worker(concurrency=CONCURRENCY)
    # Due now, with the worker already up, as when beat's tick finds them.
    due = timezone.now().replace(microsecond=0)
    ReminderSchedule.objects.update(due_at=due, next_fire_at=due)
    services.manage("reminders_dispatch")

    wait_until(lambda: len(smtp_sink.messages) >= 150, 60, "the batch to be under way")
    services.kill_worker(worker)
    sent_before_kill = len(smtp_sink.messages)
    assert sent_before_kill < 1000, "the kill must land mid-batch"
    print(f"killed {timezone.now() - due} after the due time")

    services.start_worker(concurrency=CONCURRENCY)
    services.start_beat()
    wait_until(
        lambda: len(set(message_ids(smtp_sink))) >= 1000,
        RECOVERED_WITHIN + 30,
        "every reminder",
        interval=0.5,
    )
    wait_until(
        lambda: not Delivery.objects.exclude(state=DeliveryState.SENT).exists(),
        30,
        "every delivery recorded as sent",
    )

    ids = message_ids(smtp_sink)
    lost = 1000 - len(set(ids))
    duplicated = len(ids) - len(set(ids))
    print(
        f"killed after {sent_before_kill} emails: lost={lost} duplicated={duplicated} "
        + lateness_line()
    )
    assert lost == 0
    assert duplicated <= CONCURRENCY
    assert sent_lateness()["max"] <= RECOVERED_WITHIN
    assert Delivery.objects.filter(due_at=due).count() == 1000
