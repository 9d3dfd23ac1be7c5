"""What the nudge and reflection emails say, and that user text is always safe in them."""

import datetime

import pytest
import time_machine

from landscape.choices import Energy, Feeling, Frequency, PersonStatus
from landscape.services import interaction_log
from plans.services import ritual_check_in
from reminders.models import Delivery, DeliveryState
from reminders.services import schedule_upsert, schedules_refresh
from tests.landscape.factories import PersonFactory
from tests.plans.factories import RitualFactory
from tests.reminders.conftest import local
from tests.reminders.factories import ReminderPreferencesFactory

pytestmark = pytest.mark.django_db

ZONE = "Europe/Berlin"
TEN_AM = local(ZONE, 2026, 5, 4, 10, 0)
LONG_AGO = datetime.date(2026, 1, 1)


def person(owner, name, **fields):
    fields = {"contact_wished": Frequency.WEEKLY, "last_contact_on": LONG_AGO, **fields}
    return PersonFactory(owner=owner, name=name, **fields)


def nudge_email(owner, dispatch, smtp_sink, now=TEN_AM):
    with time_machine.travel(now - datetime.timedelta(hours=2), tick=False):
        schedule_upsert(owner=owner, kind="nudge", source_key="nudges")
    with time_machine.travel(now, tick=False):
        dispatch(now)
    return list(smtp_sink.messages)


def text_and_html(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_nudge_lists_at_most_three_overdue_people_energizing_first_and_never_the_unwanted(
    user, dispatch, smtp_sink
):
    person(user, "Noor", energy=Energy.NEUTRAL, last_contact_on=datetime.date(2025, 12, 1))
    person(user, "Jonas", energy=Energy.ENERGIZING)
    person(user, "Mia", energy=Energy.MIXED)
    person(user, "Pat", energy=Energy.NEUTRAL)
    person(user, "Drew", energy=Energy.DRAINING)
    person(user, "Sam", status=PersonStatus.ESTRANGED)
    person(user, "Lou", status=PersonStatus.GRIEVING)
    person(user, "Kim", status=PersonStatus.PAUSED)
    person(user, "Eli", last_contact_on=datetime.date(2026, 5, 1))  # not overdue yet

    [message] = nudge_email(user, dispatch, smtp_sink)
    text, html = text_and_html(message)
    assert message["Subject"] == "3 people you hoped to hear from"
    named = [name for name in ("Jonas", "Noor", "Mia", "Pat") if f"* {name}" in text]
    assert named == ["Jonas", "Noor", "Mia"]
    assert text.index("Jonas") < text.index("Noor") < text.index("Mia")
    for unwanted in ("Drew", "Sam", "Lou", "Kim", "Eli", "Pat"):
        assert unwanted not in text and unwanted not in html


def test_at_most_one_nudge_email_a_day(user, dispatch, smtp_sink):
    person(user, "Jonas")
    nudge_email(user, dispatch, smtp_sink)
    for hour in (11, 15, 23):
        now = local(ZONE, 2026, 5, 4, hour, 0)
        with time_machine.travel(now, tick=False):
            dispatch(now)
    assert len(smtp_sink.messages) == 1


def test_no_nudge_email_when_nobody_is_overdue(user, dispatch, smtp_sink):
    person(user, "Eli", last_contact_on=datetime.date(2026, 5, 1))
    assert nudge_email(user, dispatch, smtp_sink) == []
    assert Delivery.objects.count() == 0


def test_a_name_with_html_is_escaped_in_the_html_email_and_plain_in_the_text(
    user, dispatch, smtp_sink
):
    person(user, "<script>alert(1)</script>")
    [message] = nudge_email(user, dispatch, smtp_sink)
    text, html = text_and_html(message)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Plain text is never interpreted as markup: the name reads exactly as typed.
    assert "* <script>alert(1)</script>" in text
    assert "&lt;" not in text


def test_every_reminder_carries_one_click_unsubscribe_headers_and_a_stable_message_id(
    user, dispatch, smtp_sink, settings
):
    settings.SITE_URL = "https://kindred.example"
    person(user, "Jonas")
    [message] = nudge_email(user, dispatch, smtp_sink)
    delivery = Delivery.objects.get()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"].strip().startswith(f"<{settings.SITE_URL}/email/unsubscribe/")
    )
    assert message["Message-ID"] == delivery.message_id
    assert message["Message-ID"].startswith(f"<reminder-{delivery.pk}@")


def test_weekly_reflection_sums_up_the_week_on_the_chosen_day_and_time(user, dispatch, smtp_sink):
    ReminderPreferencesFactory(
        owner=user, reflection_weekday=4, reflection_time=datetime.time(17, 30)
    )
    jonas = person(user, "Jonas")
    drew = person(user, "<b>Drew</b>", energy=Energy.DRAINING)
    week = datetime.date(2026, 5, 4)
    interaction_log(owner=user, occurred_on=week, people=[jonas], feeling=Feeling.ENERGIZED)
    interaction_log(owner=user, occurred_on=week, people=[drew], feeling=Feeling.DRAINED)
    interaction_log(owner=user, occurred_on=week, is_micro=True)
    interaction_log(owner=user, occurred_on=datetime.date(2026, 4, 20), people=[jonas])

    with time_machine.travel(local(ZONE, 2026, 5, 4, 9, 0), tick=False):
        schedule_upsert(owner=user, kind="reflection", source_key="reflection")
    friday = local(ZONE, 2026, 5, 8, 17, 30)
    with time_machine.travel(friday, tick=False):
        dispatch(friday)

    [message] = smtp_sink.wait_for(1)
    text, html = text_and_html(message)
    assert message["Subject"] == "Your week in connection: time to look back"
    assert "2 May to 8 May" in text
    assert "Connections you logged: 3" in text
    assert "Left you energized: Jonas" in text
    assert "Left you drained: <b>Drew</b>" in text
    assert "&lt;b&gt;Drew&lt;/b&gt;" in html
    assert "/guide/steps/#evaluate" in text


def test_weekly_reflection_counts_the_rituals_kept_and_missed_that_week(user, dispatch, smtp_sink):
    """The reflection goes out on Friday 8 May at 17:30 for Saturday 2 to Friday 8 May."""
    ReminderPreferencesFactory(
        owner=user, reflection_weekday=4, reflection_time=datetime.time(17, 30)
    )

    def ritual(title, made_on, **fields):
        with time_machine.travel(local(ZONE, *made_on, 12, 0), tick=False):
            return RitualFactory(owner=user, title=title, **fields)

    # Mondays, Wednesdays and Fridays at 19:00: Monday done, Wednesday forgotten, Friday's
    # is still ahead when the email goes out; a check-in the week before does not count.
    call = ritual(
        "Call with <i>Maya</i>",
        (2026, 4, 20),
        cadence="weekly",
        weekdays=[0, 2, 4],
        local_time=datetime.time(19, 0),
    )
    # Every day at 07:00 since Tuesday: Wednesday and Thursday done, Friday missed.
    walk = ritual(
        "Morning walk", (2026, 5, 5), cadence="daily", weekdays=[], local_time=datetime.time(7, 0)
    )
    # Skipped on purpose: neither kept nor missed.
    games = ritual(
        "Board games", (2026, 4, 20), cadence="weekly", weekdays=[1], local_time=datetime.time(18)
    )
    # Paused: its times are not missed.
    ritual(
        "Choir",
        (2026, 4, 20),
        cadence="daily",
        weekdays=[],
        local_time=datetime.time(8, 0),
        is_active=False,
    )
    for done, day, at in [
        (call, (2026, 4, 27), (19, 0)),
        (call, (2026, 5, 4), (19, 0)),
        (walk, (2026, 5, 6), (7, 0)),
        (walk, (2026, 5, 7), (7, 0)),
    ]:
        ritual_check_in(ritual=done, occurrence_at=local(ZONE, *day, *at), status="done")
    ritual_check_in(ritual=games, occurrence_at=local(ZONE, 2026, 5, 5, 18, 0), status="skipped")

    with time_machine.travel(local(ZONE, 2026, 5, 4, 9, 0), tick=False):
        schedule_upsert(owner=user, kind="reflection", source_key="reflection")
    friday = local(ZONE, 2026, 5, 8, 17, 30)
    with time_machine.travel(friday, tick=False):
        dispatch(friday)

    [message] = smtp_sink.wait_for(1)
    text, html = text_and_html(message)
    assert (
        "Rituals kept: 3, missed: 2\n"
        "  Call with <i>Maya</i>: kept 1, missed 1\n"
        "  Morning walk: kept 2, missed 1\n"
    ) in text.replace("\r\n", "\n")
    assert "Board games" not in text
    assert "Choir" not in text
    assert "Rituals kept: <strong>3</strong>, missed: <strong>2</strong>" in html
    assert "<li>Call with &lt;i&gt;Maya&lt;/i&gt;: kept 1, missed 1</li>" in html


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

    jonas = person(user, "Jonas")
    with time_machine.travel(TEN_AM - datetime.timedelta(hours=1), tick=False):
        schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    with time_machine.travel(TEN_AM, tick=False):
        reminders_dispatch(now=TEN_AM)
        interaction_log(owner=user, occurred_on=datetime.date(2026, 5, 4), people=[jonas])
        deliveries_send(list(Delivery.objects.values_list("pk", flat=True)))
    assert Delivery.objects.get().state == DeliveryState.MISSED
    assert smtp_sink.messages == []
