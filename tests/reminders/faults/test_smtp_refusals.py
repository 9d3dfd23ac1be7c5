import datetime

import pytest
from django.utils import timezone

from reminders.models import Delivery, DeliveryState
from tests.reminders.faults.conftest import seed_due_reminders, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_worker_retries_4xx_with_backoff_and_fails_5xx_at_once(services, smtp_sink):
    seed_due_reminders(2, timezone.now() - datetime.timedelta(minutes=1))
    smtp_sink.refuse_next("550 5.1.1 No such mailbox")
    smtp_sink.refuse_next("451 4.3.0 Try again later", times=2)
    services.start_worker(concurrency=1)
    services.manage("reminders_dispatch")

    wait_until(
        lambda: (
            not Delivery.objects.filter(
                state__in=(DeliveryState.QUEUED, DeliveryState.SENDING)
            ).exists()
        ),
        60,
        "both deliveries to settle",
    )
    sent, failed = (
        Delivery.objects.get(state=DeliveryState.SENT),
        Delivery.objects.get(state=DeliveryState.FAILED),
    )
    assert (failed.attempts, failed.last_error) == (
        1,
        "The mail server answered 550 5.1.1 No such mailbox.",
    )
    assert sent.attempts == 3
    assert [m["Message-ID"] for m in smtp_sink.messages] == [sent.message_id]
