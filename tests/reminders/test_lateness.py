"""The lateness the benchmark and the fault tests report: sent_at − due_at of sent rows."""

import datetime

import pytest

from reminders.models import Delivery, DeliveryState
from reminders.selectors import sent_lateness
from tests.reminders.conftest import local

pytestmark = pytest.mark.django_db

SIX_PM = local("Europe/Berlin", 2026, 5, 4, 18, 0)


def test_lateness_percentiles_count_sent_deliveries_only(daily_ritual):
    schedule = daily_ritual(now=SIX_PM)
    rows = []
    for seconds in range(1, 21):  # 1 … 20 s late
        due = SIX_PM + datetime.timedelta(days=seconds)
        sent = due + datetime.timedelta(seconds=seconds)
        rows.append(Delivery(schedule=schedule, due_at=due, state="sent", sent_at=sent))
    due = SIX_PM - datetime.timedelta(days=1)
    rows.append(Delivery(schedule=schedule, due_at=due, state=DeliveryState.MISSED))
    Delivery.objects.bulk_create(rows)

    assert sent_lateness() == {"p50": 10.0, "p95": 19.0, "max": 20.0}
    assert sent_lateness(Delivery.objects.none()) == {"p50": 0.0, "p95": 0.0, "max": 0.0}
