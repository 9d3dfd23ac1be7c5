"""A signed link whose target is odd (only a leaked key or a bug could make one) is refused
calmly, never with a 500."""

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from reminders import links
from reminders.models import Delivery, Kind
from reminders.services import schedule_upsert

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "action", "target"),
    [
        (Kind.RITUAL, "done", "at:99999999999999"),
        (Kind.RITUAL, "done", "at:²"),
        (Kind.PLAN_DAY, "done", "day:²"),
        (Kind.NUDGE, "snooze", "²"),
        (Kind.NUDGE, "connected", "person:²"),
    ],
)
def test_a_signed_link_with_an_odd_target_is_refused(client, user, kind, action, target):
    schedule = schedule_upsert(owner=user, kind=kind, source_key=f"{kind}:1")
    delivery = Delivery.objects.create(schedule=schedule, due_at=timezone.now(), state="sent")
    payload = {"d": delivery.pk, "u": user.pk, "a": action, "t": target}
    token = signing.dumps(payload, salt=links.ACTION_SALT, compress=True)
    url = reverse("reminder_action", args=[token])
    assert client.get(url).status_code in (200, 400)
    assert client.post(url).status_code == 400
