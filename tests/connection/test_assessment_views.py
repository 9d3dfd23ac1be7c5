import pytest
from django.urls import reverse

from connection.models import Assessment, Person
from tests.connection.factories import HOSTILE_NAME, finished_assessment, person

pytestmark = pytest.mark.django_db


def step_url(step):
    return reverse("assessment_step", args=[step])


def add_people(client, *rows, action="next"):
    data = {
        "add-TOTAL_FORMS": str(len(rows)),
        "add-INITIAL_FORMS": "0",
        "add-MIN_NUM_FORMS": "0",
        "add-MAX_NUM_FORMS": "1000",
        action: "1",
    }
    for index, (name, kind) in enumerate(rows):
        data[f"add-{index}-name"] = name
        data[f"add-{index}-kind"] = kind
    return client.post(step_url("people"), data)


def rate(client, ratings, action="next"):
    people = list(Person.objects.order_by("name", "pk"))
    data = {
        "rate-TOTAL_FORMS": str(len(people)),
        "rate-INITIAL_FORMS": str(len(people)),
        "rate-MIN_NUM_FORMS": "0",
        "rate-MAX_NUM_FORMS": "1000",
        action: "1",
    }
    for index, someone in enumerate(people):
        values = ratings[someone.name]
        data[f"rate-{index}-id"] = someone.pk
        data[f"rate-{index}-energy"] = values["energy"]
        data[f"rate-{index}-closeness"] = values["closeness"]
        data[f"rate-{index}-needs_met"] = values.get("needs", [])
        data[f"rate-{index}-reciprocity"] = ""
        data[f"rate-{index}-contact_now"] = "monthly"
        data[f"rate-{index}-contact_wished"] = "weekly"
    return client.post(step_url("feelings"), data)


UCLA_LONELY = {"ucla_companionship": 3, "ucla_left_out": 2, "ucla_isolated": 2}


def test_the_wizard_saves_every_step_and_resumes_where_it_was_left(signed_in_client, user):
    assert signed_in_client.get(reverse("assessment")).url == step_url("people")
    # Steps not reached yet send you back to where you are.
    assert signed_in_client.get(step_url("connected")).url == step_url("people")

    response = add_people(signed_in_client, ("Ana", "friend"), ("Max", "colleague"), ("", "friend"))
    assert response.url == step_url("feelings")
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Ana", "Max"]

    response = rate(
        signed_in_client,
        {
            "Ana": {"energy": "energizing", "closeness": "inner", "needs": ["fun"]},
            "Max": {"energy": "draining", "closeness": "inner"},
        },
        action="later",
    )
    assert response.url == reverse("today")
    assert Person.objects.get(name="Ana").needs_met == ["fun"]

    # Coming back later lands on the step that was being worked on, with nothing lost.
    assert signed_in_client.get(reverse("assessment")).url == step_url("feelings")
    page = signed_in_client.get(step_url("feelings")).content.decode()
    assert 'value="draining" selected' in page
    ratings = {
        "Ana": {"energy": "energizing", "closeness": "inner", "needs": ["fun"]},
        "Max": {"energy": "draining", "closeness": "inner"},
    }
    assert rate(signed_in_client, ratings).url == step_url("missing")

    signed_in_client.post(
        step_url("missing"), {"cravings": ["belonging"], "missing_note": "a choir?", "later": "1"}
    )
    assessment = Assessment.objects.get()
    assert (assessment.step, assessment.cravings) == ("missing", ["belonging"])
    assert "a choir?" in signed_in_client.get(step_url("missing")).content.decode()
    response = signed_in_client.post(
        step_url("missing"), {"cravings": ["belonging"], "missing_note": "a choir?", "next": "1"}
    )
    assert response.url == step_url("connected")

    response = signed_in_client.post(step_url("connected"), {"ucla_companionship": 3})
    page = response.content.decode()
    assert "Please pick one answer." in page
    assert 'value="3"  id="id_ucla_companionship_2" required checked' in page

    response = signed_in_client.post(step_url("connected"), UCLA_LONELY)
    assessment = Assessment.objects.get()
    assert response.url == reverse("assessment_results", args=[assessment.pk])
    assert assessment.is_complete and assessment.ucla_score == 7
    assert assessment.lsns_score is None
    assert {row["name"] for row in assessment.people_snapshot} == {"Ana", "Max"}
    # The next visit starts a fresh check-in; the finished one stays as history.
    signed_in_client.get(reverse("assessment"))
    assert Assessment.objects.count() == 2


def test_lsns6_is_all_six_or_none(signed_in_client, user):
    assessment = Assessment.objects.create(owner=user, step="connected")
    partial = {**UCLA_LONELY, "lsns_family_monthly": 2}
    page = signed_in_client.post(step_url("connected"), partial).content.decode()
    assert "Answer all six network questions" in page
    lsns = {
        f"lsns_{key}": 2
        for key in ("family_monthly", "family_private", "family_help")
        + ("friends_monthly", "friends_private", "friends_help")
    }
    signed_in_client.post(step_url("connected"), {**UCLA_LONELY, **lsns})
    assessment.refresh_from_db()
    assert assessment.lsns_score == 12


def test_results_show_map_table_needs_grid_insights_and_support_note(signed_in_client, user):
    person(user, "Ana", energy="energizing", closeness="inner", needs_met=["fun"])
    person(user, "Max", energy="draining", closeness="inner")
    person(user, HOSTILE_NAME, closeness="wider")
    assessment = finished_assessment(user, ucla=(3, 2, 2), cravings=["belonging", "fun"])

    page = signed_in_client.get(
        reverse("assessment_results", args=[assessment.pk])
    ).content.decode()
    assert "<svg" in page and 'aria-labelledby="map-title map-desc"' in page
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert '<th scope="row"><bdi>Ana</bdi></th>' in page
    # Needs grid: belonging is craved and uncovered, fun is craved but met by Ana.
    assert "Nobody yet" in page and "You want more" in page
    assert 'id="insight-craved-belonging"' in page and 'id="insight-craved-fun"' not in page
    assert 'id="insight-draining-ties"' in page
    assert 'id="insight-tend-close-support"' in page
    assert 'id="insight-weekly-ritual"' in page
    # UCLA-3 of 7: the gentle note with the configured help lines.
    assert 'id="insight-support"' in page and "988 Suicide &amp; Crisis Lifeline" in page
    assert "7 out of 9" in page
    assert "This is your first check-in" in page


def test_a_second_check_in_compares_with_the_first_and_charts_both(signed_in_client, user):
    ana = person(user, "Ana", energy="neutral")
    finished_assessment(user, ucla=(3, 3, 3))
    ana.energy = "energizing"
    ana.save()
    person(user, "Bo")
    second = finished_assessment(user, ucla=(2, 1, 1))
    page = signed_in_client.get(reverse("assessment_results", args=[second.pk])).content.decode()
    assert "went from 9 to 4: 5 points lower (less lonely)" in page
    assert "New on your map: Bo." in page
    assert "Ana: neutral → energizing." in page
    assert page.count('class="score-point"') == 2
    assert 'id="insight-support"' not in page
    history = signed_in_client.get(reverse("assessment_history")).content.decode()
    assert history.count(reverse("assessment_results", args=[second.pk])) == 1


def test_help_lines_come_from_settings(signed_in_client, user, settings):
    settings.KINDRED_CRISIS_LINES = "Testland|Friendly Line|call 123"
    assessment = finished_assessment(user, ucla=(3, 3, 3))
    page = signed_in_client.get(
        reverse("assessment_results", args=[assessment.pk])
    ).content.decode()
    assert "Friendly Line" in page and "988" not in page


def test_another_users_results_and_an_unfinished_check_in_are_404(
    signed_in_client, user, other_user
):
    theirs = finished_assessment(other_user)
    assert signed_in_client.get(reverse("assessment_results", args=[theirs.pk])).status_code == 404
    draft = Assessment.objects.create(owner=user)
    assert signed_in_client.get(reverse("assessment_results", args=[draft.pk])).status_code == 404


def test_a_step_never_shows_or_rates_another_users_people(signed_in_client, user, other_user):
    theirs = person(other_user, "Grace's friend")
    Assessment.objects.create(owner=user, step="feelings")
    page = signed_in_client.get(step_url("feelings")).content.decode()
    assert "Grace" not in page
    data = {
        "rate-TOTAL_FORMS": "1",
        "rate-INITIAL_FORMS": "1",
        "rate-MIN_NUM_FORMS": "0",
        "rate-MAX_NUM_FORMS": "1000",
        "rate-0-id": theirs.pk,
        "rate-0-energy": "draining",
        "rate-0-closeness": "inner",
        "rate-0-contact_now": "weekly",
        "rate-0-contact_wished": "weekly",
    }
    signed_in_client.post(step_url("feelings"), data)
    theirs.refresh_from_db()
    assert theirs.energy == "neutral"


def test_an_unknown_step_is_404(signed_in_client):
    assert signed_in_client.get(step_url("nonsense")).status_code == 404


def test_results_lead_with_words_and_keep_the_scales_under_about_these_questions(
    signed_in_client, user
):
    assessment = finished_assessment(user, ucla=(1, 3, 2), lsns=(1, 1, 1, 0, 0, 0))
    page = signed_in_client.get(
        reverse("assessment_results", args=[assessment.pk])
    ).content.decode()
    words_at = page.index("You often feel left out.")
    assert words_at < page.index("That is common, and it can change")
    assert words_at < page.index('id="insights-heading"') < page.index("6 out of 9")
    about = page[page.index("<details") : page.index("</details>")]
    assert "<summary>About these questions</summary>" in about
    for scale_word in ("UCLA-3", "LSNS-6", "Hughes et al., 2004", "Lubben et al., 2006"):
        assert page.count(scale_word) == about.count(scale_word) == 1, scale_word
