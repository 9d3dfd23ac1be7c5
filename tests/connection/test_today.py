import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import Person
from tests.landscape.factories import HOSTILE_NAME, AssessmentFactory, finished_assessment, person

pytestmark = pytest.mark.django_db

JUNE_15 = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


def overdue(owner, name, **fields):
    someone = person(owner, name, contact_wished="weekly", **fields)
    Person.objects.filter(pk=someone.pk).update(last_contact_on=datetime.date(2026, 5, 1))
    return someone


@time_machine.travel(JUNE_15)
def test_today_suggests_overdue_people_energizing_first_and_never_the_unnudgeable(
    signed_in_client, user, other_user
):
    overdue(user, "Neutral Nia", energy="neutral")
    overdue(user, "Sunny Sol", energy="energizing")
    overdue(user, "Mixed Mo", energy="mixed")
    overdue(user, "Draining Dee", energy="draining")
    overdue(user, "Paused Pat", energy="energizing", status="paused")
    overdue(user, "Estranged Eve", energy="energizing", status="estranged")
    overdue(user, "Grieving Gus", energy="energizing", status="grieving")
    overdue(other_user, "Grace's Gil", energy="energizing")
    recent = person(user, "Recent Rae", energy="energizing", contact_wished="weekly")
    Person.objects.filter(pk=recent.pk).update(last_contact_on=datetime.date(2026, 6, 14))

    page = signed_in_client.get(reverse("today")).content.decode()
    section = page[page.index('id="reach-heading"') : page.index('id="micro-heading"')]
    assert section.index("Sunny Sol") < section.index("Neutral Nia") < section.index("Mixed Mo")
    for name in ("Draining Dee", "Paused Pat", "Estranged Eve", "Grieving Gus", "Gil", "Rae"):
        assert name not in section


def test_a_new_user_is_led_into_the_check_in(signed_in_client):
    page = signed_in_client.get(reverse("today")).content.decode()
    assert "Start the check-in" in page
    assert reverse("assessment") in page
    assert "Today&#x27;s micro-connection" in page or "Today's micro-connection" in page


def test_an_open_check_in_is_offered_to_continue(signed_in_client, user):
    AssessmentFactory(owner=user, step="missing")
    assert "Continue your check-in" in signed_in_client.get(reverse("today")).content.decode()


def test_after_a_check_in_today_links_the_latest_results(signed_in_client, user):
    person(user, "Ana")
    assessment = finished_assessment(user)
    page = signed_in_client.get(reverse("today")).content.decode()
    assert reverse("assessment_results", args=[assessment.pk]) in page
    assert "Nobody to suggest today" in page


def test_with_nobody_to_suggest_today_claims_no_wish_it_was_never_told(signed_in_client, user):
    # Someone skipped in the check-in keeps the default answers, so "you are in touch as
    # often as you wished" would be untrue: say how suggestions come about instead.
    person(user, "Maya")
    finished_assessment(user, ucla=(3, 3, 3))
    page = signed_in_client.get(reverse("today")).content.decode()
    section = page[page.index('id="reach-heading"') : page.index('id="micro-heading"')]
    assert "as often as you wished" not in section
    assert "would like to be in touch with more often" in section
    assert f'href="{reverse("people")}"' in section


@time_machine.travel(JUNE_15)
def test_today_shows_hostile_names_escaped(signed_in_client, user):
    overdue(user, HOSTILE_NAME, energy="energizing")
    page = signed_in_client.get(reverse("today")).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


@time_machine.travel(JUNE_15)
def test_todays_cached_suggestions_follow_every_change(
    signed_in_client, user, django_capture_on_commit_callbacks
):
    ana = overdue(user, "Ana", energy="energizing")
    assert "Ana" in signed_in_client.get(reverse("today")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        signed_in_client.post(
            reverse("quick_log"), {"log": f"{ana.pk}:energized", f"channel-{ana.pk}": "call"}
        )
    assert "Ana" not in reach_out_section(signed_in_client)

    bo = overdue(user, "Bo", energy="energizing")
    assert "Bo" not in reach_out_section(signed_in_client)  # not saved through the app yet
    fields = {"name": "Bo", "kind": "friend", "closeness": "close", "energy": "energizing"}
    fields |= {"contact_now": "weekly", "contact_wished": "weekly", "status": "active"}
    with django_capture_on_commit_callbacks(execute=True):
        signed_in_client.post(reverse("person_edit", args=[bo.pk]), fields)
    assert "Bo" in reach_out_section(signed_in_client)

    with django_capture_on_commit_callbacks(execute=True):
        signed_in_client.post(reverse("person_edit", args=[bo.pk]), {**fields, "status": "paused"})
    assert "Bo" not in reach_out_section(signed_in_client)


def test_the_next_day_brings_newly_overdue_people_without_any_write(signed_in_client, user):
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, tzinfo=datetime.UTC)):
        cy = person(user, "Cy", energy="energizing", contact_wished="weekly")
        Person.objects.filter(pk=cy.pk).update(last_contact_on=datetime.date(2026, 6, 1))
        assert "Cy" not in reach_out_section(signed_in_client)
    with time_machine.travel(datetime.datetime(2026, 6, 9, 10, tzinfo=datetime.UTC)):
        assert "Cy" in reach_out_section(signed_in_client)


def reach_out_section(client):
    page = client.get(reverse("today")).content.decode()
    return page[page.index('id="reach-heading"') : page.index('id="micro-heading"')]


def test_todays_plan_and_rituals_follow_every_change(
    signed_in_client, user, make_ritual, django_capture_on_commit_callbacks
):
    from plans.services import enrollment_start, ritual_pause

    with time_machine.travel(datetime.datetime(2026, 6, 2, 8, 0, tzinfo=datetime.UTC), tick=False):
        ritual = make_ritual(user, title="Morning gratitude", cadence="daily", weekdays=[])
        page = signed_in_client.get("/today/").content.decode()
        assert "Morning gratitude" in page and "Mark done" in page
        assert "Start the plan" in page

        with django_capture_on_commit_callbacks(execute=True):
            enrollment_start(
                owner=user, starts_on=datetime.date(2026, 6, 2), reminder_time=datetime.time(9)
            )
            signed_in_client.post(
                reverse("ritual_check_in", args=[ritual.pk]),
                {"occurrence": "2026-06-02T17:00:00+00:00", "status": "skipped"},
            )
        page = signed_in_client.get("/today/").content.decode()
        assert "Day 1:" in page
        assert "Skipped" in page and "Mark done" not in page

        with django_capture_on_commit_callbacks(execute=True):
            ritual_pause(ritual=ritual)
        assert "Morning gratitude" not in signed_in_client.get("/today/").content.decode()


def test_cached_forms_on_today_carry_each_requests_own_csrf_token(user, make_ritual):
    import re

    from django.test import Client

    from plans.models import CheckIn

    make_ritual(user, title="Evening walk", cadence="daily", weekdays=[])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    first = browser.get("/today/").content.decode()
    second = browser.get("/today/").content.decode()

    assert "kindred-csrf-slot" not in first
    form = re.search(
        r'<form method="post" action="(/rituals/\d+/check-in/)".*?</form>', first, re.S
    )
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(0)))
    assert fields["csrfmiddlewaretoken"] not in second  # masked afresh for every response
    response = browser.post(form.group(1), fields)

    assert response.status_code == 302
    assert CheckIn.objects.filter(ritual__owner=user, status="done").count() == 1


@time_machine.travel(JUNE_15)
def test_from_the_first_minute_today_suggests_whom_you_wish_to_see_more_often(
    signed_in_client, user
):
    person(user, "Maya", energy="neutral", contact_now="monthly", contact_wished="weekly")
    person(user, "Sunny Sol", energy="energizing", contact_now="yearly", contact_wished="monthly")
    person(user, "Even Ed", energy="energizing", contact_now="weekly", contact_wished="weekly")
    person(user, "Rarer Rae", energy="energizing", contact_now="weekly", contact_wished="monthly")
    person(user, "Draining Dee", energy="draining", contact_now="yearly", contact_wished="weekly")
    person(user, "Paused Pat", status="paused", contact_now="yearly", contact_wished="weekly")
    person(user, "Grieving Gus", status="grieving", contact_now="yearly", contact_wished="weekly")
    finished_assessment(user, ucla=(3, 3, 3))

    page = signed_in_client.get(reverse("today")).content.decode()
    section = page[page.index('id="reach-heading"') : page.index('id="micro-heading"')]
    assert section.index("Sunny Sol") < section.index("Maya")
    for name in ("Even Ed", "Rarer Rae", "Draining Dee", "Paused Pat", "Grieving Gus"):
        assert name not in section
    assert "Nobody to suggest today" not in section


@time_machine.travel(JUNE_15)
def test_once_logged_the_wished_interval_counts_from_the_last_contact(signed_in_client, user):
    maya = person(user, "Maya", contact_now="monthly", contact_wished="weekly")
    Person.objects.filter(pk=maya.pk).update(last_contact_on=datetime.date(2026, 6, 14))
    maya.refresh_from_db()
    assert not maya.is_overdue(datetime.date(2026, 6, 15))
    assert maya.is_overdue(datetime.date(2026, 6, 22))
    page = signed_in_client.get(reverse("today")).content.decode()
    assert "Maya" not in page[page.index('id="reach-heading"') : page.index('id="micro-heading"')]


@time_machine.travel(JUNE_15)
def test_the_people_filter_and_the_model_agree_on_who_is_wished_more_often(signed_in_client, user):
    person(user, "Maya", contact_now="no_goal", contact_wished="fortnightly")
    person(user, "Even Ed", contact_now="fortnightly", contact_wished="fortnightly")
    page = signed_in_client.get(reverse("people") + "?overdue=on").content.decode()
    assert "Maya" in page and "Even Ed" not in page
    assert [p.name for p in Person.objects.all() if p.is_overdue(datetime.date(2026, 6, 15))] == [
        "Maya"
    ]


def test_a_new_user_with_nobody_on_the_map_gets_a_first_step_not_an_empty_panel(
    signed_in_client,
):
    page = signed_in_client.get(reverse("today")).content.decode()
    section = page[page.index('id="reach-heading"') : page.index('id="micro-heading"')]
    assert "Your first step" in section
    assert f'href="{reverse("person_new")}">Add your first person' in section
    assert reverse("log_connection") not in section
