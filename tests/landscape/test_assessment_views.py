import pytest
from django.urls import reverse
from django.utils import timezone

from landscape.models import Assessment, Person
from tests.landscape.factories import HOSTILE_NAME, AssessmentFactory, finished_assessment, person

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


def rate_url(someone):
    return reverse("assessment_rate", args=[someone.pk])


def answers(energy="neutral", closeness="close", needs=(), **more):
    return {
        "energy": energy,
        "closeness": closeness,
        "needs_met": list(needs),
        "reciprocity": "",
        "contact_now": "monthly",
        "contact_wished": "weekly",
        **more,
    }


def rate(client, name, action="next", **values):
    someone = Person.objects.get(name=name)
    return client.post(rate_url(someone), {**answers(**values), action: "1"})


UCLA_LONELY = {"ucla_companionship": 3, "ucla_left_out": 2, "ucla_isolated": 2}


def test_the_wizard_saves_every_step_and_resumes_where_it_was_left(signed_in_client, user):
    assert signed_in_client.get(reverse("assessment")).url == step_url("people")
    # Steps not reached yet send you back to where you are.
    assert signed_in_client.get(step_url("connected")).url == step_url("people")

    response = add_people(signed_in_client, ("Ana", "friend"), ("Max", "colleague"), ("", "friend"))
    assert response.url == step_url("feelings")
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Ana", "Max"]

    # "How do they feel" asks one person at a time, in name order, saving each.
    assert signed_in_client.get(step_url("feelings")).url == rate_url(
        Person.objects.get(name="Ana")
    )
    response = rate(signed_in_client, "Ana", energy="energizing", closeness="inner", needs=["fun"])
    assert response.url == rate_url(Person.objects.get(name="Max"))
    assert Person.objects.get(name="Ana").needs_met == ["fun"]

    # Coming back later lands on the first person not answered yet, with nothing lost.
    assert signed_in_client.get(reverse("assessment")).url == step_url("feelings")
    assert signed_in_client.get(step_url("feelings")).url == rate_url(
        Person.objects.get(name="Max")
    )
    response = rate(signed_in_client, "Max", action="later", energy="draining", closeness="inner")
    assert response.url == reverse("today")
    page = signed_in_client.get(rate_url(Person.objects.get(name="Ana"))).content.decode()
    assert 'value="energizing" class="btn-check" id="id_energy_0" required checked' in page
    assert signed_in_client.get(step_url("feelings")).url == rate_url(
        Person.objects.get(name="Ana")
    )
    # After the last person the check-in moves on.
    response = rate(signed_in_client, "Max", energy="draining", closeness="inner")
    assert response.url == step_url("missing")

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
    assert assessment.completed_at is not None and assessment.ucla_score == 7
    assert assessment.lsns_score is None
    assert {row["name"] for row in assessment.people_snapshot} == {"Ana", "Max"}
    # The next visit starts a fresh check-in; the finished one stays as history.
    signed_in_client.get(reverse("assessment"))
    assert Assessment.objects.count() == 2


def test_lsns6_is_all_six_or_none(signed_in_client, user):
    assessment = AssessmentFactory(owner=user, step="connected")
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
    assert (
        '<th scope="row"><bdi>Ana</bdi> <span class="d-block small fw-normal">Friend</span>' in page
    )
    # The map is drawn to the width of the screen, with classes rather than inline styles.
    assert 'viewBox="0 0 360 360" width="100%"' in page and "style=" not in page
    assert "<title>Ana · Inner circle · Energizing · in touch monthly</title>" in page
    assert page.count('<g class="dot dot-') == 3
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
    draft = AssessmentFactory(owner=user)
    assert signed_in_client.get(reverse("assessment_results", args=[draft.pk])).status_code == 404


def test_a_step_never_shows_or_rates_another_users_people(signed_in_client, user, other_user):
    theirs = person(other_user, "Grace's friend")
    mine = person(user, "Ana")
    AssessmentFactory(owner=user, step="feelings")
    assert signed_in_client.get(step_url("feelings")).url == rate_url(mine)
    assert "Grace" not in signed_in_client.get(rate_url(mine)).content.decode()
    assert signed_in_client.get(rate_url(theirs)).status_code == 404
    response = signed_in_client.post(rate_url(theirs), answers(energy="draining"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.energy == "neutral"
    # The retired formset's fields posted to the step (or mixed into a person's page) are
    # ignored: nothing is saved for anyone else, and nothing breaks.
    formset = {
        "rate-TOTAL_FORMS": "3",
        "rate-INITIAL_FORMS": "1",
        "rate-0-id": theirs.pk,
        "rate-0-energy": "draining",
        "rate-2-id": "nonsense",
        "id": theirs.pk,
        "owner": other_user.pk,
    }
    assert signed_in_client.post(step_url("feelings"), formset).url == rate_url(mine)
    response = signed_in_client.post(rate_url(mine), {**answers(energy="mixed"), **formset})
    assert response.status_code == 302
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.energy, theirs.owner, mine.energy, mine.owner) == (
        "neutral",
        other_user,
        "mixed",
        user,
    )


def test_archived_people_and_unknown_ids_are_404(signed_in_client, user):
    gone = person(user, "Old friend", archived_at=timezone.now())
    AssessmentFactory(owner=user, step="feelings")
    assert signed_in_client.get(rate_url(gone)).status_code == 404
    assert signed_in_client.post("/assessment/feelings/999999/", answers()).status_code == 404
    assert signed_in_client.get("/assessment/feelings/abc/").status_code == 404


def test_a_missing_or_forged_answer_is_a_clear_error_and_keeps_the_rest(signed_in_client, user):
    ana = person(user, "Ana")
    AssessmentFactory(owner=user, step="feelings")
    forged = {
        **answers(needs=["fun", "world domination"], reciprocity="always"),
        "energy": "",
        "contact_now": "hourly",
    }
    response = signed_in_client.post(rate_url(ana), {**forged, "next": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-error-summary" in page and "What you picked is kept" in page
    # Each error is listed in the summary at the top and again beside its question.
    assert page.count("Please pick one answer.") == 2
    assert page.count("Select a valid choice.") == 6
    assert 'value="close" class="btn-check" id="id_closeness_1" required checked' in page
    ana.refresh_from_db()
    assert (ana.energy, ana.needs_met) == ("neutral", [])
    assert Assessment.objects.get().rated_people == []


def test_a_person_not_asked_yet_starts_blank_and_a_retake_starts_from_the_last_answers(
    signed_in_client, user
):
    ana = person(user, "Ana", energy="energizing", closeness="inner")
    AssessmentFactory(owner=user, step="feelings")
    page = signed_in_client.get(rate_url(ana)).content.decode()
    assert "Ana" in page and "· 1 of 1" in page
    assert " checked" not in page.replace(
        'value="" class="btn-check" id="id_reciprocity_3" checked', ""
    )
    assert "about 5" in page and "about 15" in page and "about 50" in page
    Assessment.objects.all().delete()
    finished_assessment(user)
    signed_in_client.get(reverse("assessment"))
    Assessment.objects.filter(completed_at__isnull=True).update(step="feelings")
    page = signed_in_client.get(rate_url(ana)).content.decode()
    assert 'value="energizing" class="btn-check" id="id_energy_0" required checked' in page
    assert 'value="inner" class="btn-check" id="id_closeness_0" required checked' in page


def test_skip_moves_on_without_saving_and_back_links_to_the_previous_person(signed_in_client, user):
    ana, bo = person(user, "Ana"), person(user, "Bo")
    AssessmentFactory(owner=user, step="feelings")
    response = signed_in_client.post(rate_url(ana), {"energy": "draining", "skip": "1"})
    assert response.url == rate_url(bo)
    ana.refresh_from_db()
    assert ana.energy == "neutral"
    page = signed_in_client.get(rate_url(bo)).content.decode()
    assert f'href="{rate_url(ana)}"' in page and "· 2 of 2" in page
    assert (
        f'href="{step_url("people")}">‹ Back'
        in signed_in_client.get(rate_url(ana)).content.decode()
    )
    # Skipping the last person moves on; the skipped one is still waiting on return.
    assert signed_in_client.post(rate_url(bo), {"skip": "1"}).url == step_url("missing")
    Assessment.objects.update(step="feelings")
    assert signed_in_client.get(step_url("feelings")).url == rate_url(ana)


def test_a_person_page_is_out_of_reach_before_the_people_step_is_done(signed_in_client, user):
    ana = person(user, "Ana")
    assert signed_in_client.get(rate_url(ana)).url == step_url("people")
    assert signed_in_client.post(rate_url(ana), answers(energy="draining")).url == step_url(
        "people"
    )
    ana.refresh_from_db()
    assert ana.energy == "neutral"


def test_with_nobody_on_the_map_the_feelings_step_lets_you_continue(signed_in_client, user):
    AssessmentFactory(owner=user, step="feelings")
    page = signed_in_client.get(step_url("feelings")).content.decode()
    assert "Nobody on your map yet" in page
    assert signed_in_client.post(step_url("feelings"), {"next": "1"}).url == step_url("missing")


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
