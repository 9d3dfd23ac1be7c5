"""Birthday and important-date reminders: the chosen days before, at 09:00 local, across
the clock changes and 29 February; never about people Kindred must not point to."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from landscape.forms import ImportantDateForm
from landscape.models import ImportantDate, Interaction, Person
from landscape.reminder_kinds import ImportantDateKind
from landscape.services import important_date_save
from reminders.models import Delivery, DeliveryAction, Kind, ReminderPreferences, ReminderSchedule
from tests.landscape.factories import HOSTILE_NAME
from tests.reminders.conftest import link, local, path

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def add_date(owner, person, *, now, **fields):
    """A date saved the way the person page saves it, at `now`."""
    data = {"kind": "birthday", "label": "", "year": "", "remind_days_before": "3", **fields}
    form = ImportantDateForm(
        {key: str(value) for key, value in data.items()},
        instance=ImportantDate(person=person, owner=owner),
    )
    assert form.is_valid(), form.errors
    with time_machine.travel(now, tick=False):
        return important_date_save(form=form, person=person, owner=owner)


def schedule_of(date) -> ReminderSchedule:
    return ReminderSchedule.objects.get(kind=Kind.IMPORTANT_DATE, source_key=f"date:{date.pk}")


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def ticks(dispatch, zone, day, times):
    """The beat's ticks at these local times of `day`."""
    for hour, minute in times:
        now = local(zone, *day, hour, minute)
        with time_machine.travel(now, tick=False):
            dispatch(now)


# --- When -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day", "before", "now", "due"),
    [
        # 14 March, 3 days before: 11 March, 09:00 in Berlin (winter time, UTC+1).
        (3, 14, 3, (2026, 1, 10), datetime.datetime(2026, 3, 11, 8, 0, tzinfo=UTC)),
        # On the day.
        (3, 14, 0, (2026, 1, 10), datetime.datetime(2026, 3, 14, 8, 0, tzinfo=UTC)),
        # Once this year's reminder has passed: next year's.
        (3, 14, 3, (2026, 3, 11, 10), datetime.datetime(2027, 3, 11, 8, 0, tzinfo=UTC)),
        # A date early in January is reminded of in the December before.
        (1, 4, 7, (2026, 12, 20), datetime.datetime(2026, 12, 28, 8, 0, tzinfo=UTC)),
        # 29 February: the 28th in a common year, the 29th in a leap year.
        (2, 29, 0, (2026, 1, 10), datetime.datetime(2026, 2, 28, 8, 0, tzinfo=UTC)),
        (2, 29, 0, (2027, 3, 1), datetime.datetime(2028, 2, 29, 8, 0, tzinfo=UTC)),
        (2, 29, 3, (2026, 1, 10), datetime.datetime(2026, 2, 25, 8, 0, tzinfo=UTC)),
        (2, 29, 3, (2027, 3, 1), datetime.datetime(2028, 2, 26, 8, 0, tzinfo=UTC)),
        # Summer time (UTC+2): 09:00 is 07:00 UTC.
        (7, 26, 1, (2026, 1, 10), datetime.datetime(2026, 7, 25, 7, 0, tzinfo=UTC)),
    ],
)
def test_the_reminder_is_due_the_chosen_days_before_at_nine_local(
    user, make_person, month, day, before, now, due
):
    date = add_date(
        user,
        make_person(user),
        now=datetime.datetime(*now, tzinfo=ZoneInfo("Europe/Berlin")),
        month=month,
        day=day,
        remind_days_before=before,
    )
    assert schedule_of(date).due_at == due


@pytest.mark.parametrize(
    ("zone", "date_day", "reminder_day"),
    [
        # Berlin moves to summer time on Sunday 29 March 2026, New York on 8 March and back
        # on 1 November: a reminder on each of those days comes at 09:00 on the clock.
        ("Europe/Berlin", (2026, 4, 1), (2026, 3, 29)),
        ("Europe/Berlin", (2026, 10, 28), (2026, 10, 25)),
        ("America/New_York", (2026, 3, 11), (2026, 3, 8)),
        ("America/New_York", (2026, 11, 4), (2026, 11, 1)),
    ],
)
def test_the_email_arrives_once_at_nine_local_on_a_clock_change_day(
    make_user, make_person, dispatch, smtp_sink, zone, date_day, reminder_day
):
    owner = make_user(time_zone=zone)
    date = add_date(
        owner,
        make_person(owner),
        now=local(zone, 2026, 1, 5, 12, 0),
        month=date_day[1],
        day=date_day[2],
    )
    ticks(dispatch, zone, reminder_day, [(8, 59)])
    assert smtp_sink.messages == []
    ticks(dispatch, zone, reminder_day, [(9, 0), (9, 1), (9, 30)])

    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "Maya's birthday is in 3 days"
    delivery = Delivery.objects.get(schedule=schedule_of(date))
    assert delivery.state == "sent"
    assert delivery.due_at == local(zone, *reminder_day, 9, 0)
    assert delivery.sent_at == local(zone, *reminder_day, 9, 0)
    # And the next one is a year later, at 09:00 local again.
    assert schedule_of(date).due_at == local(zone, 2027, *reminder_day[1:], 9, 0)


def test_29_february_is_reminded_on_the_28th_in_a_common_year_and_the_29th_in_a_leap_year(
    user, make_person, dispatch, smtp_sink
):
    zone = user.time_zone
    date = add_date(
        user,
        make_person(user),
        now=local(zone, 2027, 1, 5, 12),
        month=2,
        day=29,
        remind_days_before=0,
    )
    ticks(dispatch, zone, (2027, 2, 28), [(9, 0)])
    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "Maya's birthday is today"
    assert "today, Sunday 28 February" in text_of(message)

    smtp_sink.clear()
    ticks(dispatch, zone, (2028, 2, 28), [(9, 0)])
    assert smtp_sink.messages == []
    ticks(dispatch, zone, (2028, 2, 29), [(9, 0)])
    [message] = smtp_sink.wait_for(1)
    assert "today, Tuesday 29 February" in text_of(message)
    assert [d.due_at for d in Delivery.objects.filter(schedule=schedule_of(date))] == [
        local(zone, 2027, 2, 28, 9, 0),
        local(zone, 2028, 2, 29, 9, 0),
    ]


# --- Never about the wrong people ---------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"energy": "draining"},
        {"status": "paused"},
        {"status": "estranged"},
        {"status": "grieving"},
        {"archived_at": datetime.datetime(2026, 1, 1, tzinfo=UTC)},
    ],
)
def test_no_reminder_of_a_date_of_someone_draining_paused_estranged_grieving_or_archived(
    user, make_person, dispatch, smtp_sink, change
):
    zone = user.time_zone
    maya = make_person(user)
    date = add_date(user, maya, now=local(zone, 2026, 1, 5, 12), month=3, day=14)
    Person.objects.filter(pk=maya.pk).update(**change)

    ticks(dispatch, zone, (2026, 3, 11), [(9, 0), (12, 0)])

    assert smtp_sink.messages == []
    assert not Delivery.objects.exists()
    # The date is kept and waits for next year, when things may have changed.
    assert schedule_of(date).due_at == local(zone, 2027, 3, 11, 9, 0)


def test_a_person_who_became_draining_after_the_dispatch_gets_no_email(
    user, make_person, eager_tasks, smtp_sink, django_capture_on_commit_callbacks
):
    from reminders.dispatch import reminders_dispatch
    from reminders.sending import deliveries_send

    zone = user.time_zone
    maya = make_person(user)
    add_date(user, maya, now=local(zone, 2026, 1, 5, 12), month=3, day=14)
    nine = local(zone, 2026, 3, 11, 9, 0)
    with time_machine.travel(nine, tick=False):
        reminders_dispatch(now=nine)  # queued, not yet sent (no on-commit run)
        Person.objects.filter(pk=maya.pk).update(energy="draining")
        deliveries_send(list(Delivery.objects.values_list("pk", flat=True)))
    assert smtp_sink.messages == []
    assert Delivery.objects.get().state == "missed"


def test_switched_off_date_reminders_send_nothing(user, make_person, dispatch, smtp_sink):
    ReminderPreferences.objects.create(owner=user, important_date_on=False)
    add_date(user, make_person(user), now=local(user.time_zone, 2026, 1, 5, 12), month=3, day=14)
    ticks(dispatch, user.time_zone, (2026, 3, 11), [(9, 0)])
    assert smtp_sink.messages == []


# --- What the email says, and its links ----------------------------------------------------


@pytest.fixture
def date_email(user, make_person, dispatch, smtp_sink):
    """The reminder of Maya's birthday (14 March 1986), sent at 09:00 on 11 March 2026."""

    def send(name="Maya", **person_fields):
        maya = make_person(user, name=name, **person_fields)
        date = add_date(
            user, maya, now=local(user.time_zone, 2026, 1, 5, 12), month=3, day=14, year=1986
        )
        ticks(dispatch, user.time_zone, (2026, 3, 11), [(9, 0)])
        [message] = smtp_sink.wait_for(1)
        smtp_sink.clear()
        return message, date

    return send


def test_the_email_names_the_day_the_age_and_a_way_to_reach_out(date_email):
    message, _ = date_email(channels=["call", "message"])
    text, html = text_of(message), html_of(message)
    assert message["Subject"] == "Maya's birthday is in 3 days"
    assert "Maya's birthday is in 3 days, Saturday 14 March. They turn 40." in text
    assert "A way to reach out: Give them a call" in text
    assert "Give them a call" in html and "They turn 40." in html
    assert "Mark it done" in html
    assert "Did it? Mark it done: http" in text
    # Snoozing can bring it back before the day, not after: 1 and 3 days, not 7.
    assert "1 day: http" in text and "3 days: http" in text and "7 days" not in text
    assert "Stop these emails: http" in text
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_another_date_is_named_with_its_years(user, make_person, dispatch, smtp_sink):
    maya = make_person(user)
    add_date(
        user,
        maya,
        now=local(user.time_zone, 2026, 1, 5, 12),
        kind="other",
        label="Wedding anniversary",
        month=6,
        day=20,
        year=2016,
        remind_days_before=1,
    )
    ticks(dispatch, user.time_zone, (2026, 6, 19), [(9, 0)])
    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "Maya: Wedding anniversary is tomorrow"
    assert "Maya: Wedding anniversary is tomorrow, Saturday 20 June. It has been 10 years." in (
        text_of(message)
    )
    # No preferred way noted: the general suggestion.
    assert "A call, a message in your own words or a card" in text_of(message)


def test_names_in_the_email_are_escaped_in_html_and_plain_in_text(date_email):
    message, _ = date_email(name=HOSTILE_NAME)
    html = html_of(message)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)" in html
    assert "<script>alert('x')</script> Zoë" in text_of(message)


def test_done_logs_the_connection_once(client, user, date_email):
    message, date = date_email()
    done = path(link(text_of(message), "Did it\\? Mark it done"))

    with time_machine.travel(local(user.time_zone, 2026, 3, 11, 10), tick=False):
        page = client.get(done)
        assert page.status_code == 200 and "Did you connect with Maya?" in page.content.decode()
        assert not Interaction.objects.exists()
        assert "is logged for today" in client.post(done, {"channel": "call"}).content.decode()
        assert "Already noted" in client.post(done, {"channel": "call"}).content.decode()
    interaction = Interaction.objects.get()
    assert (interaction.channel, list(interaction.people.all())) == ("call", [date.person])
    assert DeliveryAction.objects.get().action == "done"
    assert Person.objects.get(pk=date.person.pk).last_contact_on == datetime.date(2026, 3, 11)


def test_done_of_a_deleted_date_changes_nothing(client, user, date_email):
    from landscape.services import important_date_delete

    message, date = date_email()
    done = path(link(text_of(message), "Did it\\? Mark it done"))
    with time_machine.travel(local(user.time_zone, 2026, 3, 11, 10), tick=False):
        assert client.get(done).status_code == 200
        important_date_delete(date=date)
        assert client.post(done, {"channel": "call"}).status_code == 400
    assert not Interaction.objects.exists()


def test_snooze_brings_the_reminder_back_the_next_morning_then_waits_a_year(
    client, user, date_email, dispatch, smtp_sink
):
    message, date = date_email()
    zone = user.time_zone
    snooze_one = path(link(text_of(message), "1 day"))
    snooze_three = path(link(text_of(message), "3 days"))
    with time_machine.travel(local(zone, 2026, 3, 11, 10), tick=False):
        assert client.post(snooze_one).status_code == 200
        assert schedule_of(date).due_at == local(zone, 2026, 3, 12, 9, 0)
        assert client.post(snooze_three).status_code == 200
        assert schedule_of(date).due_at == local(zone, 2026, 3, 14, 9, 0)
        # A shorter snooze after a longer one changes nothing; later snoozes win.
        assert client.post(snooze_one).status_code == 200
        assert schedule_of(date).due_at == local(zone, 2026, 3, 14, 9, 0)

    ticks(dispatch, zone, (2026, 3, 14), [(9, 0)])
    [again] = smtp_sink.wait_for(1)
    assert again["Subject"] == "Maya's birthday is today"
    assert "Remind me again" not in text_of(again) and "Not now?" not in text_of(again)
    assert schedule_of(date).due_at == local(zone, 2027, 3, 11, 9, 0)


def test_a_snooze_never_goes_past_the_day(user, make_person):
    from reminders.services import ActionRefused, delivery_snooze

    zone = user.time_zone
    date = add_date(user, make_person(user), now=local(zone, 2026, 1, 5, 12), month=3, day=14)
    schedule = schedule_of(date)
    delivery = Delivery.objects.create(schedule=schedule, due_at=local(zone, 2026, 3, 11, 9, 0))
    ReminderSchedule.objects.filter(pk=schedule.pk).update(
        due_at=local(zone, 2027, 3, 11, 9, 0), next_fire_at=local(zone, 2027, 3, 11, 9, 0)
    )
    delivery = Delivery.objects.select_related("schedule__owner").get(pk=delivery.pk)
    with pytest.raises(ActionRefused):
        delivery_snooze(delivery=delivery, days=2)  # not an offered length
    assert delivery_snooze(delivery=delivery, days=7) == local(zone, 2027, 3, 11, 9, 0)


def test_the_kind_is_registered_by_the_landscape():
    from reminders.kinds import kind_for

    assert isinstance(kind_for(Kind.IMPORTANT_DATE), ImportantDateKind)
