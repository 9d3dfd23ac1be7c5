"""Redis stopped: pages keep working, and reminders due in the gap go out once it is back,
or are marked missed when it came back too late for them.

Redis stays down for a full minute. What the length decides is whether a reminder outlived
its freshness window meanwhile, so the test places one reminder that is fresh throughout
and one whose window closes during the gap.
"""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.reminder_kinds import RitualKind
from reminders.models import Delivery, DeliveryState, ReminderSchedule
from tests.reminders.faults.conftest import lateness_line, seed_due_reminders, wait_until

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

OUTAGE = 60  # seconds
LEAD = datetime.timedelta(minutes=60)  # the test kind's lead
FRESHNESS = LEAD + RitualKind.started_grace  # until shortly after the ritual's start


@pytest.fixture
def cache_on_the_test_redis(settings, redis_server):
    settings.CACHES = {
        "default": {
            "BACKEND": "connection.lib.redis_cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}


def pages_work(client, user):
    signed_in = client
    for url in ("/today/", reverse("reminder_preferences"), reverse("account_settings")):
        response = signed_in.get(url)
        assert response.status_code == 200, (url, response.status_code)
    anonymous = type(client)()
    response = anonymous.post(
        reverse("account_login"), {"login": user.email, "password": "a-long-Passw0rd"}
    )
    assert response.status_code == 302


def test_pages_keep_working_and_reminders_are_sent_or_missed_after_redis_returns(
    services, redis_server, smtp_sink, cache_on_the_test_redis, client, make_user
):
    user = make_user(email="ada@example.com", time_zone="Europe/Berlin")
    client.force_login(user)
    now = timezone.now()
    [fresh] = seed_due_reminders(1, now - datetime.timedelta(minutes=1), prefix="fresh")
    # Still fresh when dispatched, no longer when Redis comes back.
    closing = now - FRESHNESS + datetime.timedelta(seconds=OUTAGE * 0.6)
    [late] = seed_due_reminders(1, closing, prefix="late")
    services.start_worker()

    redis_server.stop()
    outage_began = time.monotonic()
    pages_work(client, user)
    services.manage("reminders_dispatch")  # the broker is down: rows stay queued
    queued = Delivery.objects.filter(state=DeliveryState.QUEUED)
    assert sorted(queued.values_list("schedule__owner__email", flat=True)) == [
        "fresh0@example.com",
        "late0@example.com",
    ]
    pages_work(client, user)
    time.sleep(max(0, OUTAGE - (time.monotonic() - outage_began)))

    redis_server.start()
    services.manage("reminders_sweep", "--stuck-seconds=0")
    [message] = smtp_sink.wait_for(1, timeout=90)
    assert message["To"] == fresh.email
    late_delivery = Delivery.objects.get(schedule__owner=late)
    wait_until(
        lambda: Delivery.objects.filter(pk=late_delivery.pk, state=DeliveryState.MISSED).exists(),
        60,
        "the late reminder to be marked missed",
    )
    assert len(smtp_sink.messages) == 1
    print("the reminder sent after the outage: " + lateness_line())
    assert ReminderSchedule.objects.filter(owner=fresh, due_at__gt=now).exists()
    pages_work(client, user)
