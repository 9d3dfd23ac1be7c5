"""Sending over real SMTP into the sink: transient refusals are retried, permanent ones fail."""

import pytest
import time_machine
from django.urls import reverse

from reminders.models import Delivery, DeliveryState
from tests.reminders.conftest import local

pytestmark = pytest.mark.django_db

SIX_PM = local("Europe/Berlin", 2026, 5, 4, 18, 0)


@pytest.fixture
def due_ritual(user, daily_ritual):
    with time_machine.travel(local("Europe/Berlin", 2026, 5, 4, 9, 0), tick=False):
        return daily_ritual()


def test_a_sink_answering_4xx_then_accepting_gets_the_email_after_retries(
    due_ritual, dispatch, smtp_sink
):
    smtp_sink.refuse_next("451 4.3.0 Try again later", times=2)
    with time_machine.travel(SIX_PM, tick=False):
        dispatch(SIX_PM)

    [message] = smtp_sink.wait_for(1)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.SENT
    assert delivery.attempts == 3
    assert message["Message-ID"] == delivery.message_id


def test_a_5xx_fails_at_once_is_not_retried_and_shows_in_settings(
    due_ritual, dispatch, smtp_sink, signed_in_client
):
    smtp_sink.refuse_next("550 5.1.1 Mailbox unavailable", times=1)
    with time_machine.travel(SIX_PM, tick=False):
        dispatch(SIX_PM)

    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.attempts == 1
    assert "550" in delivery.last_error
    assert smtp_sink.messages == []

    page = signed_in_client.get(reverse("reminder_preferences"))
    assert "Something went wrong" in page.content.decode()
    assert "The mail server answered 550 5.1.1 Mailbox unavailable." in page.content.decode()


def test_too_many_transient_failures_end_as_a_failure_in_plain_words(
    due_ritual, dispatch, smtp_sink, settings
):
    settings.KINDRED_REMINDER_MAX_ATTEMPTS = 2
    smtp_sink.refuse_next("421 4.7.0 Too busy", times=5)
    with time_machine.travel(SIX_PM, tick=False):
        dispatch(SIX_PM)

    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.last_error.endswith("We gave up after 2 attempts.")


def test_a_delivery_already_sent_is_not_sent_again_by_a_second_task(
    due_ritual, dispatch, smtp_sink
):
    from reminders.sending import deliveries_send

    with time_machine.travel(SIX_PM, tick=False):
        dispatch(SIX_PM)
        smtp_sink.wait_for(1)
        deliveries_send([Delivery.objects.get().pk])
    assert len(smtp_sink.messages) == 1


def test_a_batch_past_its_time_budget_puts_back_what_it_has_not_started(
    make_user, daily_ritual, smtp_sink, monkeypatch
):
    from reminders import sending
    from reminders.dispatch import reminders_dispatch

    with time_machine.travel(local("Europe/Berlin", 2026, 5, 4, 9, 0), tick=False):
        for n in range(3):
            daily_ritual(owner=make_user(email=f"p{n}@example.com", time_zone="Europe/Berlin"))
    with time_machine.travel(SIX_PM, tick=False):
        reminders_dispatch(now=SIX_PM)  # written, not enqueued: no commit hook runs here
        ids = sorted(Delivery.objects.values_list("pk", flat=True))
        # The clock: the budget starts at 0 and has run out by the second delivery.
        readings = iter([0.0, 0.0])
        monkeypatch.setattr(sending, "monotonic", lambda: next(readings, 100.0))
        retry, unstarted = sending.deliveries_send(ids, budget_seconds=10)

    assert (retry, unstarted) == ([], ids[1:])
    assert len(smtp_sink.wait_for(1)) == 1
    states = dict(Delivery.objects.values_list("pk", "state"))
    assert [states[pk] for pk in ids] == ["sent", "queued", "queued"]
    # Put back untried: the attempt it never made is not counted against it.
    assert list(Delivery.objects.filter(pk__in=ids[1:]).values_list("attempts", flat=True)) == [
        0,
        0,
    ]
