import datetime

import pytest
from django.utils import timezone

from reminders.models import Delivery, DeliveryState
from tests.reminders.faults.conftest import (
    lateness_line,
    message_ids,
    seed_due_reminders,
    wait_until,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_two_dispatchers_at_once_send_each_of_1000_reminders_exactly_once(services, smtp_sink):
    seed_due_reminders(1000, timezone.now() - datetime.timedelta(minutes=1))
    services.start_worker()

    dispatchers = [services.manage_async("reminders_dispatch", "--batch-size=50") for _ in "ab"]
    outputs = [d.communicate(timeout=120)[0] for d in dispatchers]
    assert [d.returncode for d in dispatchers] == [0, 0], outputs
    written = [int(output.strip().splitlines()[-1].split()[0]) for output in outputs]
    print("deliveries written by each dispatcher:", written)
    assert sum(written) == 1000

    wait_until(lambda: len(smtp_sink.messages) >= 1000, 120, "1000 emails in the sink")
    wait_until(
        lambda: not Delivery.objects.exclude(state=DeliveryState.SENT).exists(),
        30,
        "every delivery recorded as sent",
    )
    ids = message_ids(smtp_sink)
    print(f"lost={1000 - len(set(ids))} duplicated={len(ids) - len(set(ids))} " + lateness_line())
    assert len(ids) == len(set(ids)) == 1000
    assert Delivery.objects.count() == 1000
