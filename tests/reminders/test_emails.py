"""What every reminder email carries, the standing schedules, and a delivery no longer
needed by the time it is sent (on the keep-in-touch nudge, a real kind)."""

import datetime

import pytest
import time_machine

from landscape.services import interaction_log
from reminders.models import Delivery, DeliveryState
from reminders.services import schedule_upsert, schedules_refresh
from tests.landscape.nudges import TEN_AM, nudge_email, overdue_person

pytestmark = pytest.mark.django_db


def test_every_reminder_carries_one_click_unsubscribe_headers_and_a_stable_message_id(
    user, dispatch, smtp_sink, settings
):
    settings.SITE_URL = "https://kindred.example"
    overdue_person(user, "Jonas")
    [message] = nudge_email(user, dispatch, smtp_sink)
    delivery = Delivery.objects.get()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"].strip().startswith(f"<{settings.SITE_URL}/email/unsubscribe/")
    )
    assert message["Message-ID"] == delivery.message_id
    assert message["Message-ID"].startswith(f"<reminder-{delivery.pk}@")


def test_standing_schedules_are_created_for_verified_accounts_only(make_user):
    verified = make_user()
    make_user(verified=False)
    schedules_refresh()
    schedules_refresh()
    from reminders.models import ReminderSchedule

    assert sorted(ReminderSchedule.objects.values_list("owner_id", "kind")) == [
        (verified.pk, "nudge"),
        (verified.pk, "reflection"),
    ]


def test_a_delivery_whose_nudge_is_no_longer_needed_is_not_sent(user, smtp_sink):
    from reminders.dispatch import reminders_dispatch
    from reminders.sending import deliveries_send

    jonas = overdue_person(user, "Jonas")
    with time_machine.travel(TEN_AM - datetime.timedelta(hours=1), tick=False):
        schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    with time_machine.travel(TEN_AM, tick=False):
        reminders_dispatch(now=TEN_AM)
        interaction_log(owner=user, occurred_on=datetime.date(2026, 5, 4), people=[jonas])
        deliveries_send(list(Delivery.objects.values_list("pk", flat=True)))
    assert Delivery.objects.get().state == DeliveryState.MISSED
    assert smtp_sink.messages == []
