import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from plans.models import CheckIn
from plans.selectors import today_plans_context
from plans.services import enrollment_start
from tests.plans.factories import CheckInFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
# Wednesday 3 June 2026, 10:00 in Berlin.
NOW = datetime.datetime(2026, 6, 3, 8, 0, tzinfo=UTC)
TODAY = datetime.date(2026, 6, 3)


@pytest.fixture
def setup(user, other_user, make_ritual):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        rituals = {
            "wednesday": make_ritual(user, title="Wednesday lunch", weekdays=[2]),
            "tuesday": make_ritual(user, title="Tuesday call", weekdays=[1]),
            "daily": make_ritual(
                user, title="Gratitude", cadence="daily", weekdays=[], local_time=datetime.time(8)
            ),
            "paused": make_ritual(user, title="Paused", weekdays=[2], is_active=False),
            "theirs": make_ritual(other_user, title="Grace's", weekdays=[2]),
        }
    with time_machine.travel(datetime.datetime(2026, 6, 1, 8, tzinfo=UTC), tick=False):
        enrollment = enrollment_start(
            owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
        )
    return rituals, enrollment


@time_machine.travel(NOW, tick=False)
def test_today_shows_the_plan_day_progress_and_todays_rituals(user, setup):
    rituals, _ = setup
    daily_occurrence = datetime.datetime(2026, 6, 3, 6, 0, tzinfo=UTC)
    CheckInFactory(ritual=rituals["daily"], occurrence_at=daily_occurrence, status="done")
    context = today_plans_context(user=user, today=TODAY)
    assert context["plan_day"]["content"].number == 3
    assert context["plan"]["done_count"] == 0
    assert [d["content"].number for d in context["plan"]["to_catch_up"]] == [1, 2]
    items = {item["ritual"].title: item for item in context["rituals"]}
    assert list(items) == ["Gratitude", "Wednesday lunch"]
    assert items["Gratitude"]["check_in"].status == "done"
    assert items["Gratitude"]["target"] is None
    lunch = datetime.datetime(2026, 6, 3, 17, 0, tzinfo=UTC)
    assert items["Wednesday lunch"]["occurrence"] == lunch
    assert items["Wednesday lunch"]["target"] == lunch
    assert items["Wednesday lunch"]["check_in"] is None


@time_machine.travel(NOW, tick=False)
def test_without_a_plan_today_offers_to_start_one(user):
    context = today_plans_context(user=user, today=TODAY)
    assert context == {"plan": None, "plan_day": None, "rituals": []}


@time_machine.travel(NOW, tick=False)
def test_a_times_a_week_ritual_shows_while_its_week_has_an_open_slot(user, make_ritual):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        walk = make_ritual(
            user, title="Walk", cadence="times_per_week", times_per_week=2, weekdays=[0, 3]
        )
    (item,) = today_plans_context(user=user, today=TODAY)["rituals"]
    # Monday's slot is still open on Wednesday: a check-in today fills it.
    assert item["target"] == datetime.datetime(2026, 6, 1, 17, 0, tzinfo=UTC)
    for slot in (
        datetime.datetime(2026, 6, 1, 17, tzinfo=UTC),
        datetime.datetime(2026, 6, 4, 17, tzinfo=UTC),
    ):
        CheckInFactory(ritual=walk, occurrence_at=slot, status="done")
    # Both slots filled (today): it stays on Today as done, with nothing left to tap.
    (item,) = today_plans_context(user=user, today=TODAY)["rituals"]
    assert (item["check_in"].status, item["target"]) == ("done", None)


@time_machine.travel(NOW, tick=False)
def test_the_panel_renders_one_tap_check_ins_that_post_to_the_check_in_view(
    signed_in_client, user, setup
):
    rituals, _ = setup
    request = RequestFactory().get("/today/")
    request.user = user
    html = render_to_string(
        "plans/today_panel.html", today_plans_context(user=user, today=TODAY), request=request
    )
    lunch = rituals["wednesday"]
    action = reverse("ritual_check_in", args=[lunch.pk])
    assert f'action="{action}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Day 3: Make a plan together" in html
    assert 'max="7" value="0"' in html
    response = signed_in_client.post(
        action,
        {"occurrence": "2026-06-03T17:00:00+00:00", "status": "done", "next": "/today/"},
    )
    assert response.url == "/today/"
    assert CheckIn.objects.get(ritual=lunch).status == "done"
    context = today_plans_context(user=user, today=TODAY)
    item = next(i for i in context["rituals"] if i["ritual"] == lunch)
    assert item["check_in"].status == "done"


@time_machine.travel(NOW, tick=False)
def test_a_times_a_week_ritual_made_mid_week_offers_only_slots_after_it_was_made(user, make_ritual):
    with time_machine.travel(datetime.datetime(2026, 6, 2, 12, tzinfo=UTC), tick=False):
        make_ritual(
            user, title="Walk", cadence="times_per_week", times_per_week=3, weekdays=[0, 2, 4]
        )  # made on Tuesday: Monday's slot was before it
    (item,) = today_plans_context(user=user, today=TODAY)["rituals"]
    assert item["target"] == datetime.datetime(2026, 6, 3, 17, 0, tzinfo=UTC)  # Wednesday
