"""The *Done* link in ritual and plan-day emails: it asks first, acts once, needs no session."""

import datetime
import html

import pytest
import time_machine
from django.test import Client
from django.utils.html import strip_tags

from landscape.models import Interaction
from plans.models import CheckIn, DayEntry, Ritual
from plans.services import (
    enrollment_schedule_sync,
    enrollment_start,
    plan_day_complete,
    ritual_check_in,
    ritual_delete,
)
from reminders.models import DeliveryAction
from tests.landscape.factories import PersonFactory
from tests.reminders.conftest import link, local, path

pytestmark = pytest.mark.django_db

ZONE = "Europe/Berlin"  # the `user` fixture's zone
MONDAY = (2026, 5, 4)


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def words(response) -> str:
    """What the page's main region says, as a reader would read it."""
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(strip_tags("<main" + main)).split())


@pytest.fixture
def ritual_email(user, weekly_ritual, dispatch, smtp_sink):
    """ "Call with Maya", Mondays at 19:00 reminded 30 minutes ahead: the email, sent at 18:30.
    Returns (message, ritual, Maya), the clock half an hour later."""
    maya = PersonFactory(owner=user, name="Maya")
    with time_machine.travel(local(ZONE, *MONDAY, 9, 0), tick=False):
        ritual = weekly_ritual(
            weekday=0, title="Call with Maya", reminder_lead_minutes=30, channel="call"
        )
        ritual.people.set([maya])
    due = local(ZONE, *MONDAY, 18, 30)
    with time_machine.travel(due, tick=False):
        dispatch(due)
    [message] = smtp_sink.wait_for(1)
    with time_machine.travel(due + datetime.timedelta(minutes=30), tick=False):
        yield message, ritual, maya


def test_ritual_done_asks_first_then_checks_in_the_occurrence_once_without_a_session(
    ritual_email,
):
    message, ritual, maya = ritual_email
    url = path(link(text_of(message), "Mark it done"))
    assert url in html_of(message)
    browser = Client(enforce_csrf_checks=True)

    confirm = browser.get(url)
    assert confirm.status_code == 200
    assert "Did you do it? Call with Maya, Monday 4 May at 19:00." in words(confirm)
    assert not CheckIn.objects.exists()

    token = confirm.cookies["csrftoken"].value
    first = browser.post(url, {"csrfmiddlewaretoken": token})
    again = browser.post(url, {"csrfmiddlewaretoken": token})

    assert "Well done, it's marked Call with Maya, Monday 4 May at 19:00, is marked done." in words(
        first
    )
    assert "Already done" in words(again)
    [check_in] = CheckIn.objects.all()
    # The occurrence is the reminder's time plus the ritual's lead: 19:00, not 18:30.
    assert (check_in.ritual, check_in.status) == (ritual, "done")
    assert check_in.occurrence_at == local(ZONE, *MONDAY, 19, 0)
    [interaction] = Interaction.objects.all()
    assert check_in.interaction == interaction
    assert (interaction.channel, list(interaction.people.all())) == ("call", [maya])
    maya.refresh_from_db()
    assert maya.last_contact_on == datetime.date(*MONDAY)
    assert f'href="/rituals/{ritual.pk}/"' in first.content.decode()


def test_ritual_done_after_a_check_in_on_the_site_changes_nothing(ritual_email, client):
    message, ritual, _ = ritual_email
    ritual_check_in(
        ritual=ritual,
        occurrence_at=local(ZONE, *MONDAY, 19, 0),
        status="skipped",
        note="Maya was ill",
    )

    response = client.post(path(link(text_of(message), "Mark it done")))

    assert "Already done" in words(response)
    [check_in] = CheckIn.objects.all()
    assert (check_in.status, check_in.note) == ("skipped", "Maya was ill")
    assert not Interaction.objects.exists()


def test_ritual_done_for_a_deleted_ritual_is_refused(ritual_email, client):
    message, ritual, _ = ritual_email
    url = path(link(text_of(message), "Mark it done"))
    # Deleted from the admin: the reminder's schedule and delivery are still there.
    Ritual.objects.filter(pk=ritual.pk).delete()
    assert client.get(url).status_code == 400

    response = client.post(url)

    assert response.status_code == 400
    assert "This ritual no longer exists. Nothing was changed." in words(response)
    assert not Interaction.objects.exists()


def test_ritual_done_after_the_ritual_was_deleted_on_the_site_is_refused(ritual_email, client):
    message, ritual, _ = ritual_email
    ritual_delete(ritual=ritual)  # takes its reminders with it

    response = client.post(path(link(text_of(message), "Mark it done")))

    assert response.status_code == 400
    assert "This link is not valid. Nothing was changed." in words(response)
    assert not Interaction.objects.exists()


@pytest.fixture
def plan_day_email(user, dispatch, smtp_sink):
    """The plan started on Monday 4 May, reminders at 09:00: the email of day `number`.
    Returns (message, enrollment), the clock an hour after it was sent."""

    def send(number):
        with time_machine.travel(local(ZONE, *MONDAY, 8, 0), tick=False):
            enrollment = enrollment_start(
                owner=user, starts_on=datetime.date(*MONDAY), reminder_time=datetime.time(9, 0)
            )
        due = local(ZONE, *MONDAY, 9, 0) + datetime.timedelta(days=number - 1)
        with time_machine.travel(due - datetime.timedelta(hours=1), tick=False):
            enrollment_schedule_sync(enrollment=enrollment)
        with time_machine.travel(due, tick=False):
            dispatch(due)
        [message] = smtp_sink.wait_for(1)
        traveller = time_machine.travel(due + datetime.timedelta(hours=1), tick=False)
        traveller.start()
        sent.append(traveller)
        return message, enrollment

    sent = []
    yield send
    for traveller in sent:
        traveller.stop()


def test_plan_day_done_marks_the_micro_connection_day_done_once(plan_day_email, client):
    message, enrollment = plan_day_email(5)
    url = path(link(text_of(message), "Mark it done"))

    confirm = client.get(url)
    assert "Day 5 of your 7-day plan: A micro-connection." in words(confirm)
    assert not DayEntry.objects.exists()

    first, again = client.post(url), client.post(url)

    assert "Well done, it's marked" in words(first)
    assert "Already done" in words(again)
    [entry] = DayEntry.objects.all()
    assert (entry.enrollment, entry.number) == (enrollment, 5)
    assert entry.completed_on == datetime.date(2026, 5, 8)
    [interaction] = Interaction.objects.all()
    assert entry.interaction == interaction
    assert interaction.is_micro
    assert 'href="/plan/day/5/"' in first.content.decode()


def test_plan_day_done_after_the_day_was_done_on_its_page_keeps_what_was_written(
    plan_day_email, client
):
    message, enrollment = plan_day_email(5)
    plan_day_complete(
        enrollment=enrollment,
        number=5,
        today=datetime.date(2026, 5, 8),
        data={"note": "Thanked the bus driver", "feeling": "energized"},
    )

    response = client.post(path(link(text_of(message), "Mark it done")))

    assert "Already done" in words(response)
    [entry] = DayEntry.objects.all()
    assert entry.note == "Thanked the bus driver"
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize(
    ("number", "asks"),
    [
        (1, "Pick three people who support or inspire you"),
        (2, "Log who you talked to and how it felt."),
        (4, "Record the group you joined and when it meets."),
        (7, "Write what felt best"),
    ],
)
def test_plan_day_done_for_a_day_that_needs_choices_leads_to_its_page(
    plan_day_email, client, number, asks
):
    message, _ = plan_day_email(number)
    url = path(link(text_of(message), "Mark it done"))

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        said = words(response)
        assert "One more step on the day's page" in said
        assert asks in said
        assert "this day is marked done on its page rather than from the email" in said
        assert f'href="/plan/day/{number}/"' in response.content.decode()

    assert not DayEntry.objects.exists()
    assert not DeliveryAction.objects.exists()


def test_a_signed_in_owner_opening_a_done_link_already_done_sees_it_at_once(
    ritual_email, client, user, other_user
):
    message, ritual, _ = ritual_email
    url = path(link(text_of(message), "Mark it done"))
    ritual_check_in(ritual=ritual, occurrence_at=local(ZONE, *MONDAY, 19, 0), status="done")

    # Without a session the link only asks, so it never tells who opened it what was done.
    assert "Did you do it?" in words(client.get(url))
    client.force_login(other_user)
    assert "Did you do it?" in words(client.get(url))

    client.force_login(user)
    page = words(client.get(url))
    assert "Already done" in page and "Did you do it?" not in page
    assert CheckIn.objects.count() == 1


def test_a_signed_in_owner_opening_the_done_link_of_a_done_plan_day_sees_it_at_once(
    plan_day_email, client, user
):
    message, enrollment = plan_day_email(5)
    url = path(link(text_of(message), "Mark it done"))
    client.force_login(user)
    assert "Did you do it?" in words(client.get(url))

    plan_day_complete(enrollment=enrollment, number=5, today=datetime.date(2026, 5, 8), data={})

    assert "Already done" in words(client.get(url))
