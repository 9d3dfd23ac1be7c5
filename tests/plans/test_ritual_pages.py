import datetime

import pytest
import time_machine
from django.urls import reverse

from landscape.models import Interaction
from plans.models import CheckIn, Ritual
from tests.plans.factories import CheckInFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def ritual_post(**overrides):
    data = {
        "title": "Call with Maya",
        "description": "",
        "cadence": "weekly",
        "weekdays": ["1"],
        "times_per_week": "",
        "month_week": "",
        "month_weekday": "",
        "local_time": "19:00",
        "duration_minutes": "30",
        "channel": "call",
        "reminder_lead_minutes": "60",
    }
    data.update(overrides)
    return data


def test_a_catalog_ritual_is_added_with_its_schedule_and_then_edited(signed_in_client, user):
    response = signed_in_client.post(reverse("ritual_catalog"), {"slug": "sunday-dinner"})
    ritual = Ritual.objects.get(owner=user)
    assert response.url == reverse("ritual_edit", args=[ritual.pk])
    assert (ritual.title, ritual.cadence, ritual.weekdays) == ("Sunday dinner", "weekly", [6])
    assert ritual.local_time == datetime.time(18, 30)
    assert ritual.schedule_text() == "Every Sunday at 18:30"


def test_an_unknown_catalog_slug_is_a_404(signed_in_client):
    assert signed_in_client.post(reverse("ritual_catalog"), {"slug": "nope"}).status_code == 404


def test_a_custom_ritual_with_people_is_saved(signed_in_client, user, make_person):
    maya = make_person(user)
    data = ritual_post(people=[maya.pk], weekdays=["1", "3"])
    response = signed_in_client.post(reverse("ritual_new"), data)
    ritual = Ritual.objects.get(owner=user)
    assert response.url == reverse("ritual_detail", args=[ritual.pk])
    assert ritual.weekdays == [1, 3]
    assert ritual.schedule_text() == "Every Tuesday and Thursday at 19:00"
    assert list(ritual.people.all()) == [maya]


def test_another_users_person_cannot_be_put_in_a_ritual(signed_in_client, other_user, make_person):
    theirs = make_person(other_user, name="Not yours")
    response = signed_in_client.post(reverse("ritual_new"), ritual_post(people=[theirs.pk]))
    assert response.status_code == 200
    assert not Ritual.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cadence": "times_per_week", "times_per_week": "0"}, "times_per_week", "1 to 7"),
        ({"cadence": "times_per_week", "times_per_week": "9"}, "times_per_week", "1 to 7"),
        ({"cadence": "weekly", "weekdays": []}, "weekdays", "at least one day"),
        (
            {"cadence": "monthly", "month_week": "5", "month_weekday": "0"},
            "month_week",
            "fifth",
        ),
        ({"cadence": "monthly", "month_week": "", "month_weekday": "0"}, "month_week", "which"),
        (
            {"cadence": "monthly", "month_week": "1", "month_weekday": ""},
            "month_weekday",
            "weekday",
        ),
        ({"local_time": "25:99"}, "local_time", "valid time"),
        ({"duration_minutes": "0"}, "duration_minutes", "1 minute"),
        ({"title": ""}, "title", "required"),
    ],
)
def test_bad_ritual_input_gets_a_clear_message_and_keeps_what_was_typed(
    signed_in_client, overrides, field, message
):
    data = ritual_post(**{"title": "Keep <b>this</b> 🌿", **overrides})
    response = signed_in_client.post(reverse("ritual_new"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message.lower() in error.lower() for error in errors), errors
    assert not Ritual.objects.exists()
    if "title" not in overrides:
        assert b"Keep &lt;b&gt;this&lt;/b&gt; \xf0\x9f\x8c\xbf" in response.content


def test_times_a_week_are_spread_and_a_monthly_last_weekday_is_kept(signed_in_client, user):
    signed_in_client.post(
        reverse("ritual_new"), ritual_post(cadence="times_per_week", times_per_week="3")
    )
    signed_in_client.post(
        reverse("ritual_new"),
        ritual_post(title="Club", cadence="monthly", month_week="-1", month_weekday="6"),
    )
    spread, monthly = Ritual.objects.order_by("pk")
    assert (spread.weekdays, spread.times_per_week) == ([0, 2, 4], 3)
    assert (monthly.weekdays, monthly.month_week, monthly.times_per_week) == ([6], -1, None)
    assert monthly.schedule_text() == "The last Sunday of each month at 19:00"


@time_machine.travel(datetime.datetime(2026, 6, 2, 12, 0, tzinfo=UTC), tick=False)
def test_a_done_check_in_logs_a_connection_with_the_rituals_people(
    signed_in_client, user, make_person, make_ritual
):
    maya = make_person(user)
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user, people=[maya], channel="call")
    # Tuesday 2026-06-02, 19:00 in Berlin is 17:00 UTC.
    occurrence = datetime.datetime(2026, 6, 2, 17, 0, tzinfo=UTC)
    assert ritual.check_in_target(datetime.datetime.now(UTC)) == occurrence
    response = signed_in_client.post(
        reverse("ritual_check_in", args=[ritual.pk]),
        {
            "occurrence": occurrence.isoformat(),
            "status": "done",
            "feeling": "energized",
            "note": "Long chat",
        },
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get(ritual=ritual)
    assert (check_in.status, check_in.feeling) == ("done", "energized")
    interaction = Interaction.objects.get(owner=user)
    assert check_in.interaction == interaction
    assert list(interaction.people.all()) == [maya]
    assert (interaction.channel, interaction.occurred_on) == ("call", datetime.date(2026, 6, 2))
    maya.refresh_from_db()
    assert maya.last_contact_on == datetime.date(2026, 6, 2)


@time_machine.travel(datetime.datetime(2026, 6, 2, 12, 0, tzinfo=UTC), tick=False)
def test_a_skip_logs_no_connection_and_a_second_check_in_changes_nothing(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
    url = reverse("ritual_check_in", args=[ritual.pk])
    occurrence = datetime.datetime(2026, 6, 2, 17, 0, tzinfo=UTC).isoformat()
    signed_in_client.post(url, {"occurrence": occurrence, "status": "skipped"})
    again = signed_in_client.post(url, {"occurrence": occurrence, "status": "done"})
    assert again.status_code == 400
    assert "already been checked in" in again.content.decode()
    assert CheckIn.objects.get().status == "skipped"
    assert not Interaction.objects.exists()


@time_machine.travel(datetime.datetime(2026, 6, 2, 12, 0, tzinfo=UTC), tick=False)
def test_a_check_in_for_a_time_that_is_not_an_occurrence_is_refused(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
    response = signed_in_client.post(
        reverse("ritual_check_in", args=[ritual.pk]),
        {"occurrence": "2026-06-03T17:00:00+00:00", "status": "done"},
    )
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_the_one_tap_check_in_goes_back_to_a_local_page_only(signed_in_client, user, make_ritual):
    with time_machine.travel(datetime.datetime(2026, 6, 2, 12, 0, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
        url = reverse("ritual_check_in", args=[ritual.pk])
        occurrence = "2026-06-02T17:00:00+00:00"
        local = signed_in_client.post(
            url, {"occurrence": occurrence, "status": "done", "next": "/today/"}
        )
    assert local.url == "/today/"
    with time_machine.travel(datetime.datetime(2026, 6, 9, 12, 0, tzinfo=UTC), tick=False):
        outside = signed_in_client.post(
            url,
            {
                "occurrence": "2026-06-09T17:00:00+00:00",
                "status": "done",
                "next": "https://evil.example/",
            },
        )
    assert outside.url == reverse("ritual_detail", args=[ritual.pk])


def test_pausing_stops_occurrences_and_resuming_records_the_pause_as_skipped(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
    url = reverse("ritual_set_active", args=[ritual.pk])
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=UTC), tick=False):
        signed_in_client.post(url, {"active": "0"})
    ritual.refresh_from_db()
    assert not ritual.is_active
    assert ritual.next_occurrence(datetime.datetime(2026, 6, 1, tzinfo=UTC)) is None
    with time_machine.travel(datetime.datetime(2026, 6, 20, tzinfo=UTC), tick=False):
        signed_in_client.post(url, {"active": "1"})
    ritual.refresh_from_db()
    assert ritual.is_active
    skipped = CheckIn.objects.filter(ritual=ritual, status="skipped")
    assert [c.occurrence_at.date().isoformat() for c in skipped.order_by("occurrence_at")] == [
        "2026-06-02",
        "2026-06-09",
        "2026-06-16",
    ]


def test_consistency_and_streak_follow_check_ins_and_missed_days(user, make_ritual):
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user, cadence="daily", weekdays=[], local_time=datetime.time(9))
    for day, status in [(1, "done"), (2, "done"), (4, "skipped"), (5, "done")]:
        CheckInFactory(
            ritual=ritual,
            occurrence_at=datetime.datetime(2026, 6, day, 7, 0, tzinfo=UTC),
            status=status,
        )
    now = datetime.datetime(2026, 6, 6, 6, 0, tzinfo=UTC)  # 08:00 in Berlin, before 09:00
    outcomes = [status for _, status in ritual.outcomes(now)]
    assert outcomes == ["done", "done", "missed", "skipped", "done"]
    assert ritual.streak(now) == 1
    assert 0 < ritual.consistency(now) < 20


def test_the_ritual_page_charts_consistency_with_the_shared_score_chart(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user, cadence="daily", weekdays=[], local_time=datetime.time(9))
        assert (
            'class="score-chart"'
            not in signed_in_client.get(reverse("ritual_detail", args=[ritual.pk])).content.decode()
        )
    for day, status in [(1, "done"), (2, "done"), (4, "skipped"), (5, "done")]:
        CheckInFactory(
            ritual=ritual,
            occurrence_at=datetime.datetime(2026, 6, day, 7, 0, tzinfo=UTC),
            status=status,
        )
    now = datetime.datetime(2026, 6, 6, 6, 0, tzinfo=UTC)
    percents = [round(100 * score) for _, score in ritual.scores(now)]
    with time_machine.travel(now, tick=False):
        page = signed_in_client.get(reverse("ritual_detail", args=[ritual.pk])).content.decode()
    title = f"Consistency over the last 5 times: from {percents[0]}% to {percents[-1]}%"
    assert f'<title id="consistency-chart-title">{title}</title>' in page
    assert page.count('class="score-point"') == 5
    assert f"<title>5 Jun: {percents[-1]}%</title>" in page
    assert ">1 Jun</text>" in page and 'class="tick-label"' in page
    assert "style=" not in page


def test_the_ritual_pages_show_the_score_and_escape_user_text(signed_in_client, user, make_ritual):
    ritual = make_ritual(
        user,
        title="<script>alert(1)</script> שלום " + "x" * 150,
        description="<img src=x onerror=alert(1)> " + "y" * 1200,
    )
    for name in ("rituals", "ritual_detail"):
        url = reverse(name, args=[ritual.pk] if name != "rituals" else [])
        body = signed_in_client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt; שלום" in body
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body
        assert "Nothing to count yet" in body


def test_deleting_a_ritual_removes_its_check_ins_but_keeps_the_logged_connections(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 6, 2, 12, 0, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
        signed_in_client.post(
            reverse("ritual_check_in", args=[ritual.pk]),
            {"occurrence": "2026-06-02T17:00:00+00:00", "status": "done"},
        )
    assert CheckIn.objects.count() == 1
    signed_in_client.post(reverse("ritual_delete", args=[ritual.pk]))
    assert not Ritual.objects.exists()
    assert not CheckIn.objects.exists()
    assert Interaction.objects.filter(owner=user).count() == 1


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("ritual_detail", "get"),
        ("ritual_edit", "get"),
        ("ritual_edit", "post"),
        ("ritual_check_in", "post"),
        ("ritual_set_active", "post"),
        ("ritual_delete", "post"),
        ("ritual_ics", "get"),
    ],
)
def test_another_users_ritual_is_a_404_on_every_url(
    signed_in_client, other_user, make_ritual, name, method
):
    theirs = make_ritual(other_user)
    response = getattr(signed_in_client, method)(reverse(name, args=[theirs.pk]), ritual_post())
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Tuesday call" and theirs.is_active
    assert not CheckIn.objects.exists()


def test_ritual_pages_need_a_sign_in(client, user, make_ritual):
    ritual = make_ritual(user)
    for url in (reverse("rituals"), reverse("ritual_detail", args=[ritual.pk])):
        assert client.get(url).status_code == 302


def test_changing_the_schedule_keeps_past_check_ins_and_does_not_count_old_times_as_missed(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)  # Tuesdays at 19:00 in Berlin
    for day in (5, 12, 19):
        CheckInFactory(
            ritual=ritual,
            occurrence_at=datetime.datetime(2026, 5, day, 17, 0, tzinfo=UTC),
            status="done",
        )
    with time_machine.travel(datetime.datetime(2026, 5, 20, 9, tzinfo=UTC), tick=False):
        signed_in_client.post(
            reverse("ritual_edit", args=[ritual.pk]), ritual_post(weekdays=["3"], local_time="8:00")
        )
    ritual.refresh_from_db()
    assert ritual.weekdays == [3] and ritual.local_time == datetime.time(8)
    now = datetime.datetime(2026, 5, 22, 12, tzinfo=UTC)  # after Thursday the 21st at 08:00
    assert [status for _, status in ritual.outcomes(now)] == ["done", "done", "done", "missed"]
    assert ritual.streak(now) == 0


def test_renaming_a_ritual_does_not_restart_its_schedule(signed_in_client, user, make_ritual):
    ritual = make_ritual(user)
    signed_in_client.post(reverse("ritual_edit", args=[ritual.pk]), ritual_post(title="Call Mum"))
    ritual.refresh_from_db()
    assert ritual.title == "Call Mum" and ritual.schedule_changed_at is None


def test_a_first_check_in_reads_kept_1_of_1_in_words_not_a_low_score(
    signed_in_client, user, make_ritual
):
    with time_machine.travel(datetime.datetime(2026, 5, 30, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
    with time_machine.travel(datetime.datetime(2026, 6, 2, 18, 0, tzinfo=UTC), tick=False):
        signed_in_client.post(
            reverse("ritual_check_in", args=[ritual.pk]),
            {"occurrence": "2026-06-02T17:00:00+00:00", "status": "done"},
        )
        for name, args in (("ritual_detail", [ritual.pk]), ("rituals", [])):
            body = signed_in_client.get(reverse(name, args=args)).content.decode()
            assert "Kept 1 of 1" in body
            assert "Consistency" not in body and "<polyline" not in body


def test_with_four_times_behind_it_a_ritual_shows_its_score(signed_in_client, user, make_ritual):
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        ritual = make_ritual(user)
    with time_machine.travel(datetime.datetime(2026, 5, 27, 12, 0, tzinfo=UTC), tick=False):
        body = signed_in_client.get(reverse("ritual_detail", args=[ritual.pk])).content.decode()
    assert "Consistency" in body and "Kept" not in body


def test_the_time_help_speaks_of_clocks_going_forward_and_back_in_everyday_words(
    signed_in_client,
):
    body = signed_in_client.get(reverse("ritual_new")).content.decode()
    assert "the clocks change" in body and "2:30 becomes 3:30" in body
    assert "skipped hour" not in body


def test_a_ritual_without_a_time_lists_the_error_at_the_top_linked_to_the_field(
    signed_in_client,
):
    response = signed_in_client.post(reverse("ritual_new"), ritual_post(local_time=""))
    page = response.content.decode()
    summary = page[
        page.index("data-error-summary") - 200 : page.index(
            "</ul>", page.index("data-error-summary")
        )
    ]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert '<a href="#id_local_time">At what time?</a>' in summary
    assert page.index("data-error-summary") < page.index("<h1")
