import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import Interaction, Person
from plans.models import DayEntry, Enrollment, Ritual
from plans.services import enrollment_start
from tests.landscape.factories import PersonFactory
from tests.plans.factories import DayEntryFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
# Noon in Berlin on Monday 1 June 2026.
MONDAY_NOON = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def at_day(number, hour_utc=10):
    return time_machine.travel(
        MONDAY_NOON.replace(hour=hour_utc) + datetime.timedelta(days=number - 1), tick=False
    )


@pytest.fixture
def enrollment(user):
    with at_day(1):
        return enrollment_start(
            owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
        )


def day_url(number):
    return reverse("plan_day", args=[number])


@at_day(1)
def test_starting_the_plan_today_opens_day_one(signed_in_client, user):
    response = signed_in_client.post(
        reverse("plan"), {"starts_on": "2026-06-01", "reminder_time": "08:30"}
    )
    assert response.url == day_url(1)
    enrollment = Enrollment.objects.get(owner=user)
    assert (enrollment.status, enrollment.reminder_time) == ("active", datetime.time(8, 30))
    page = signed_in_client.get(day_url(1)).content.decode()
    assert "Three people who lift you up" in page
    assert "Seppälä" in page
    assert "shy or introverted" in page


@at_day(1)
def test_a_start_date_in_the_past_is_refused_with_a_message(signed_in_client):
    response = signed_in_client.post(
        reverse("plan"), {"starts_on": "2026-05-31", "reminder_time": "08:30"}
    )
    assert response.status_code == 400
    assert "Choose today or a day after it." in response.content.decode()
    assert not Enrollment.objects.exists()


@time_machine.travel(datetime.datetime(2026, 3, 25, 10, 0, tzinfo=UTC), tick=False)
def test_a_reminder_time_the_clocks_skip_during_the_plan_is_refused(signed_in_client):
    response = signed_in_client.post(
        reverse("plan"), {"starts_on": "2026-03-27", "reminder_time": "02:30"}
    )
    assert response.status_code == 400
    assert "On Sunday 29 March the clocks skip 02:30" in response.content.decode()
    assert 'value="2026-03-27"' in response.content.decode()


def test_restarting_keeps_the_earlier_plan_in_the_history(signed_in_client, user, enrollment):
    with at_day(3):
        signed_in_client.post(
            reverse("plan"), {"starts_on": "2026-06-03", "reminder_time": "09:00"}
        )
    enrollment.refresh_from_db()
    assert enrollment.status == "stopped"
    assert Enrollment.objects.filter(owner=user, status="active").count() == 1
    assert signed_in_client.get(reverse("plan_history", args=[enrollment.pk])).status_code == 200


def test_stopping_the_plan_keeps_it_in_the_history(signed_in_client, user, enrollment):
    signed_in_client.post(reverse("plan_stop"))
    enrollment.refresh_from_db()
    assert enrollment.status == "stopped" and enrollment.ended_at
    assert signed_in_client.get(day_url(1)).url == reverse("plan")


def test_a_day_opens_on_its_date_in_the_users_time_zone(signed_in_client, enrollment):
    with at_day(1, hour_utc=21):  # 23:00 in Berlin on day 1
        page = signed_in_client.get(day_url(2)).content.decode()
        assert "This day opens on Tuesday 2 June" in page
        signed_in_client.post(day_url(2), {"new_name": "Sam", "channel": "in_person"})
        assert not DayEntry.objects.exists()
    with at_day(1, hour_utc=22):  # 00:00 on day 2 in Berlin, still day 1 in UTC
        assert "Mark day 2 done" in signed_in_client.get(day_url(2)).content.decode()


@at_day(1)
def test_day_one_picks_three_people_from_the_landscape_or_on_the_spot(
    signed_in_client, user, enrollment
):
    maya = PersonFactory(owner=user, name="Maya")
    leo = PersonFactory(owner=user, name="Leo")
    response = signed_in_client.post(
        day_url(1),
        {
            "people": [maya.pk, leo.pk],
            "new_name_1": "Aunt Rosa",
            "messaged": maya.pk,
            "note": "Texted Maya",
        },
    )
    assert response.url == day_url(1)
    entry = DayEntry.objects.get(enrollment=enrollment, number=1)
    assert sorted(p.name for p in entry.people.all()) == ["Aunt Rosa", "Leo", "Maya"]
    assert entry.messaged == maya and entry.completed_on == datetime.date(2026, 6, 1)
    assert Person.objects.filter(owner=user, name="Aunt Rosa").exists()
    assert list(entry.interaction.people.all()) == [maya]
    assert entry.interaction.channel == "message"
    assert "✓ Done" in signed_in_client.get(day_url(1)).content.decode()


@at_day(1)
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "at least one person"),
        (
            {"new_name_1": "A", "new_name_2": "B", "new_name_3": "C", "people": "PERSON"},
            "You chose 4 people",
        ),
    ],
)
def test_day_one_needs_one_to_three_people(signed_in_client, user, enrollment, data, message):
    person = PersonFactory(owner=user, name="Maya")
    if data.get("people") == "PERSON":
        data["people"] = [person.pk]
    response = signed_in_client.post(day_url(1), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DayEntry.objects.exists()


def test_day_two_logs_the_conversation_as_a_connection(signed_in_client, user, enrollment):
    with at_day(2):
        signed_in_client.post(
            day_url(2),
            {"new_name": "Neighbour Jo", "channel": "in_person", "feeling": "energized"},
        )
    interaction = Interaction.objects.get(owner=user)
    assert [p.name for p in interaction.people.all()] == ["Neighbour Jo"]
    assert (interaction.feeling, interaction.occurred_on) == (
        "energized",
        datetime.date(2026, 6, 2),
    )


def test_day_four_records_the_group_joined(signed_in_client, user, enrollment):
    with at_day(4):
        signed_in_client.post(day_url(4), {"new_group": "Thursday book club", "note": "Thu 7pm"})
    group = Person.objects.get(owner=user, name="Thursday book club")
    assert group.kind == "group"
    assert list(DayEntry.objects.get(number=4).people.all()) == [group]


def test_day_five_logs_a_micro_connection(signed_in_client, user, enrollment):
    with at_day(5):
        response = signed_in_client.post(day_url(5), {"note": "", "feeling": "energized"})
        assert "a few words about the moment" in response.content.decode()
        signed_in_client.post(day_url(5), {"note": "Smiled at the baker", "feeling": "energized"})
    interaction = Interaction.objects.get(owner=user)
    assert interaction.is_micro and interaction.note == "Smiled at the baker"


def test_day_six_offers_message_starters_for_a_chosen_friend(
    signed_in_client, user, other_user, enrollment
):
    maya = PersonFactory(owner=user, name="Maya & <Co>")
    with at_day(6):
        page = signed_in_client.get(day_url(6), {"person": maya.pk}).content.decode()
        theirs = PersonFactory(owner=other_user, name="Not yours")
        assert signed_in_client.get(day_url(6), {"person": theirs.pk}).status_code == 404
    assert "Maya &amp; &lt;Co&gt;, I don&#x27;t say it often enough" in page
    assert 'href="sms:?&amp;body=Hi%20Maya%20%26%20%3CCo%3E' in page
    assert 'href="mailto:?subject=Thinking%20of%20you&amp;body=' in page
    assert 'data-copy-target="starter-1"' in page


def test_day_seven_reflection_turns_the_best_activity_into_a_weekly_ritual(
    signed_in_client, user, enrollment
):
    with at_day(7):
        response = signed_in_client.post(
            day_url(7),
            {
                "felt_best": "The walk with Leo",
                "to_repeat": "Sunday walk with Leo",
                "make_ritual": "on",
            },
        )
    ritual = Ritual.objects.get(owner=user)
    assert response.url == reverse("ritual_edit", args=[ritual.pk])
    assert (ritual.title, ritual.cadence, ritual.weekdays) == (
        "Sunday walk with Leo",
        "weekly",
        [6],
    )
    assert ritual.local_time == datetime.time(9)
    assert DayEntry.objects.get(number=7).ritual == ritual


def test_a_missed_day_can_be_caught_up_later(signed_in_client, user, enrollment):
    with at_day(3):
        assert "To catch up" in signed_in_client.get(reverse("plan")).content.decode()
        signed_in_client.post(day_url(1), {"new_name_1": "Maya"})
    entry = DayEntry.objects.get(number=1)
    assert entry.was_caught_up
    with at_day(3):
        assert "caught up on 3 June" in signed_in_client.get(day_url(1)).content.decode()


def test_doing_all_seven_days_completes_the_plan_and_fills_the_progress_bar(
    signed_in_client, user, enrollment
):
    posts = {
        1: {"new_name_1": "Maya"},
        2: {"new_name": "Jo", "channel": "in_person"},
        3: {"new_name": "Mum", "channel": "call"},
        4: {"new_group": "Choir"},
        5: {"note": "Complimented a coat"},
        6: {"new_name": "Leo", "channel": "message"},
        7: {"felt_best": "The choir"},
    }
    for number, data in posts.items():
        with at_day(number):
            assert signed_in_client.post(day_url(number), data).status_code == 302
            if number == 3:
                page = signed_in_client.get(reverse("plan")).content.decode()
                assert 'max="7" value="3"' in page
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    assert enrollment.progress_percent() == 100


def test_next_reminder_follows_the_local_time_across_the_eu_autumn_change(user):
    with time_machine.travel(datetime.datetime(2026, 10, 22, 5, 0, tzinfo=UTC), tick=False):
        enrollment = enrollment_start(
            owner=user, starts_on=datetime.date(2026, 10, 22), reminder_time=datetime.time(9)
        )
    first = enrollment.next_reminder_at(datetime.datetime(2026, 10, 22, 5, 0, tzinfo=UTC))
    assert first == datetime.datetime(2026, 10, 22, 7, 0, tzinfo=UTC)  # 09:00 CEST
    after_change = enrollment.next_reminder_at(datetime.datetime(2026, 10, 24, 8, tzinfo=UTC))
    assert after_change == datetime.datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # 09:00 CET
    last = datetime.datetime(2026, 10, 28, 8, 0, tzinfo=UTC)
    assert enrollment.next_reminder_at(last - datetime.timedelta(seconds=1)) == last
    assert enrollment.next_reminder_at(last) is None


def test_next_reminder_skips_days_already_done_and_stops_with_the_plan(user, enrollment):
    DayEntryFactory(
        enrollment=enrollment, number=2, completed_at=MONDAY_NOON, completed_on=MONDAY_NOON.date()
    )
    assert enrollment.next_reminder_at(MONDAY_NOON) == datetime.datetime(
        2026, 6, 3, 7, 0, tzinfo=UTC
    )
    enrollment.status = "stopped"
    assert enrollment.next_reminder_at(MONDAY_NOON) is None


def test_only_one_plan_is_active_at_a_time(user, enrollment):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Enrollment.objects.create(
            owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
        )


def test_another_users_plan_is_a_404_and_their_days_are_not_mine(
    signed_in_client, user, other_user
):
    with at_day(1):
        theirs = enrollment_start(
            owner=other_user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
        )
        theirs.status = "stopped"
        theirs.save()
        assert signed_in_client.get(reverse("plan_history", args=[theirs.pk])).status_code == 404
        # Without a plan of my own, day URLs lead to starting one, never to theirs.
        assert signed_in_client.get(day_url(1)).url == reverse("plan")
        signed_in_client.post(day_url(1), {"new_name_1": "Maya"})
        signed_in_client.post(reverse("plan_stop"))
    assert not DayEntry.objects.exists()
    theirs.refresh_from_db()
    assert theirs.status == "stopped"


def test_an_active_plan_is_not_shown_as_history(signed_in_client, enrollment):
    assert signed_in_client.get(reverse("plan_history", args=[enrollment.pk])).status_code == 404


@pytest.mark.parametrize("number", [0, 8])
def test_the_plan_has_seven_days(signed_in_client, enrollment, number):
    assert signed_in_client.get(day_url(number)).status_code == 404


def test_draining_people_are_not_offered_on_day_one_or_for_day_six_messages(
    signed_in_client, user, enrollment
):
    PersonFactory(owner=user, name="Kind Kim")
    draining = PersonFactory(owner=user, name="Draining Dan", energy="draining")
    with at_day(1):
        assert "Draining Dan" not in signed_in_client.get(day_url(1)).content.decode()
        response = signed_in_client.post(day_url(1), {"people": [draining.pk]})
        assert response.status_code == 400
    with at_day(6):
        page = signed_in_client.get(day_url(6)).content.decode()
        starter_choices = page.split('id="starter-person"')[1].split("</select>")[0]
        assert "Kind Kim" in starter_choices and "Draining Dan" not in starter_choices
        assert signed_in_client.get(day_url(6), {"person": draining.pk}).status_code == 404
