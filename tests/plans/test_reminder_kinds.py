"""The plans' reminder kinds.

RitualKind: the clock-change scenario of tests/reminders/test_dst.py on a real Ritual,
weekly at 19:00 on that day's weekday, with the model's default one-hour lead. Its email
reaches the sink once, at 18:00 local.

ReflectionKind: what the weekly reflection email says, and that user text is always safe
in it."""

import datetime

import pytest
import time_machine

from landscape.choices import Energy, Feeling
from landscape.services import interaction_log
from plans.services import ritual_check_in
from reminders.models import Delivery, DeliveryState
from reminders.services import schedule_upsert
from tests.landscape.nudges import ZONE, overdue_person
from tests.plans.factories import RitualFactory
from tests.reminders.conftest import DST_CASES, local, text_and_html
from tests.reminders.factories import ReminderPreferencesFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("zone", "day"), DST_CASES)
def test_a_weekly_ritual_is_emailed_once_at_18_00_local(
    zone, day, make_user, weekly_ritual, ticks_around_six_pm, dispatch, smtp_sink
):
    owner = make_user(time_zone=zone)
    # Made three days ahead: for the days on and after a change, the reminder is planned
    # across it.
    made_at = local(zone, *day, 12, 0) - datetime.timedelta(days=3)
    with time_machine.travel(made_at, tick=False):
        ritual = weekly_ritual(owner=owner, weekday=datetime.date(*day).weekday())
    assert ritual.reminder_lead_minutes == 60

    [message] = ticks_around_six_pm(zone, day)

    assert message["Subject"] == "Soon: Evening call at 19:00 today"
    assert message["To"] == owner.email
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert 'Your ritual "Evening call" starts at 19:00 today.' in text
    delivery = Delivery.objects.get(schedule__owner=owner)
    assert delivery.state == DeliveryState.SENT
    assert delivery.sent_at == local(zone, *day, 18, 0)
    # Later ticks that day send nothing more; the next reminder is a week on, again at 18:00.
    evening = local(zone, *day, 19, 30)
    with time_machine.travel(evening, tick=False):
        dispatch(evening)
    assert len(smtp_sink.messages) == 1
    schedule = delivery.schedule
    schedule.refresh_from_db()
    next_week = datetime.date(*day) + datetime.timedelta(days=7)
    assert schedule.due_at == local(zone, *next_week.timetuple()[:3], 18, 0)


def test_weekly_reflection_sums_up_the_week_on_the_chosen_day_and_time(user, dispatch, smtp_sink):
    ReminderPreferencesFactory(
        owner=user, reflection_weekday=4, reflection_time=datetime.time(17, 30)
    )
    jonas = overdue_person(user, "Jonas")
    drew = overdue_person(user, "<b>Drew</b>", energy=Energy.DRAINING)
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
