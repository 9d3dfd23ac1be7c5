import datetime

import pytest
from django.utils import timezone

from reminders.models import Delivery, DeliveryState
from tests.reminders.faults.conftest import message_ids, seed_due_reminders, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CONCURRENCY = 2


def test_a_worker_killed_mid_batch_loses_nothing_and_duplicates_at_most_one_per_process(
    services, smtp_sink
):
    seed_due_reminders(1000, timezone.now() - datetime.timedelta(minutes=1))
    worker = services.start_worker(concurrency=CONCURRENCY)
    services.manage("reminders_dispatch")

    wait_until(lambda: len(smtp_sink.messages) >= 150, 60, "the batch to be under way")
    services.kill_worker(worker)
    sent_before_kill = len(smtp_sink.messages)
    assert sent_before_kill < 1000, "the kill must land mid-batch"

    services.start_worker(concurrency=CONCURRENCY)
    # A real sweeper waits minutes before calling a delivery stuck; here nothing else runs.
    services.manage("reminders_sweep", "--stuck-seconds=0")
    wait_until(lambda: len(set(message_ids(smtp_sink))) >= 1000, 120, "every reminder")
    wait_until(
        lambda: not Delivery.objects.exclude(state=DeliveryState.SENT).exists(),
        30,
        "every delivery recorded as sent",
    )

    ids = message_ids(smtp_sink)
    lost = 1000 - len(set(ids))
    duplicated = len(ids) - len(set(ids))
    print(f"killed after {sent_before_kill} emails: lost={lost} duplicated={duplicated}")
    assert lost == 0
    # The bound: an email the sink accepted just before its worker process died, before
    # the row said "sent", is sent again; each pool process has at most one such email.
    assert duplicated <= CONCURRENCY
