from landscape.insights import Landscape, Rated, insights_for, needs_met_by
from plans.content.guide import find


def keys(landscape):
    return [insight.key for insight in insights_for(landscape)]


def supporter(name, **fields):
    fields = {"closeness": "inner", "energy": "energizing", **fields}
    return Rated(name=name, needs_met=("emotional_support",), **fields)


def test_nobody_close_and_supportive_suggests_starting_small_with_one_message():
    landscape = Landscape(people=(Rated(name="Bo", closeness="wider"),))
    [insight] = [i for i in insights_for(landscape) if i.key == "no-close-support"]
    assert "Step 2" in insight.evidence
    assert [s.url_name for s in insight.next_steps if s.url_name] == ["plan", "log_connection"]


def test_one_or_two_close_supporters_are_named_and_enough_per_seppala():
    landscape = Landscape(people=(supporter("Ana"), supporter("Bo"), Rated(name="Cy")))
    [insight] = [i for i in insights_for(landscape) if i.key == "tend-close-support"]
    assert "Ana and Bo are close" in insight.body
    assert "Seppälä" in insight.evidence


def test_three_close_supporters_need_neither_nudge():
    landscape = Landscape(people=tuple(supporter(n) for n in ("Ana", "Bo", "Cy")))
    assert {"no-close-support", "tend-close-support"}.isdisjoint(keys(landscape))


def test_pets_groups_draining_and_estranged_people_are_not_close_supporters():
    people = (
        supporter("Rex", kind="pet"),
        supporter("Choir", kind="group"),
        supporter("Dee", energy="draining"),
        supporter("Ed", status="estranged"),
    )
    assert "no-close-support" in keys(Landscape(people=people))


def draining_insights(*people):
    return [i for i in insights_for(Landscape(people=people)) if i.key.startswith("draining")]


def test_draining_inner_circle_names_them_and_cites_the_mistake():
    [insight] = draining_insights(
        supporter("Ana"), Rated(name="Max", closeness="inner", energy="draining")
    )
    assert "Max" in insight.body and "Ana" not in insight.body
    assert insight.next_steps[0].guide_slug == "draining-relationships"


def test_a_close_draining_tie_counts_too():
    [insight] = draining_insights(
        Rated(name="Dee", closeness="close", energy="draining", contact_now="monthly")
    )
    assert "Dee" in insight.body


def test_a_wider_draining_tie_seen_every_week_takes_enough_time_to_count():
    close = Rated(name="Dee", closeness="close", energy="draining", contact_now="weekly")
    wider = Rated(name="Wes", closeness="wider", energy="draining", contact_now="weekly")
    [insight] = draining_insights(close, wider)
    assert "Dee and Wes" in insight.body


def test_a_wider_draining_tie_seen_rarely_or_left_behind_does_not_trigger():
    for contact_now in ("fortnightly", "monthly", "yearly", "no_goal"):
        assert (
            draining_insights(
                Rated(name="Wes", closeness="wider", energy="draining", contact_now=contact_now)
            )
            == []
        )
    estranged = Rated(name="Eve", closeness="close", energy="draining", status="estranged")
    assert draining_insights(estranged) == []


def test_a_craved_need_nobody_meets_gets_concrete_ways_and_a_met_one_does_not():
    people = (Rated(name="Ana", needs_met=("fun",)),)
    landscape = Landscape(people=people, cravings=("fun", "belonging", "physical_presence"))
    found = {i.key: i for i in insights_for(landscape)}
    assert "craved-fun" not in found
    assert "volunteer" in found["craved-belonging"].body
    assert "Journal of Happiness Studies, 2018" in found["craved-belonging"].evidence
    assert "pet" in found["craved-physical_presence"].body


def test_no_weekly_ritual_cites_murthy_and_a_ritual_silences_it():
    [insight] = [i for i in insights_for(Landscape()) if i.key == "weekly-ritual"]
    assert "Murthy" in insight.evidence
    assert "weekly-ritual" not in keys(Landscape(has_weekly_ritual=True))


def test_connections_only_online_suggest_mixing_in_person():
    assert "only-online" in keys(Landscape(recent_channels=("message", "online")))
    assert "only-online" not in keys(Landscape(recent_channels=("message", "call")))
    # With nothing logged, the people's preferred channels tell.
    online_only = (Rated(name="Pixel", channels=("online",)),)
    assert "only-online" in keys(Landscape(people=online_only))
    assert "only-online" not in keys(Landscape())


def test_many_commitments_and_drained_suggest_balancing_with_self_care():
    busy = tuple(Rated(name=f"P{i}", contact_wished="weekly") for i in range(8))
    drained = {"energized": 2, "neutral": 2, "drained": 2}
    content = {"energized": 5, "neutral": 1, "drained": 0}
    assert "overcommitted" in keys(Landscape(people=busy, recent_feelings=drained))
    assert "overcommitted" not in keys(Landscape(people=busy, recent_feelings=content))
    assert "overcommitted" not in keys(Landscape(people=busy[:7], recent_feelings=drained))


def test_ucla_of_6_or_more_brings_the_support_note_first_with_help_lines():
    for total in (6, 9):
        insights = insights_for(Landscape(ucla_total=total))
        assert insights[0].key == "support" and insights[0].show_help_lines
    for total in (3, 5):
        assert "support" not in keys(Landscape(ucla_total=total))


def test_needs_grid_leaves_out_estranged_and_grieving_people():
    people = (
        Rated(name="Ana", needs_met=("fun", "growth")),
        Rated(name="Ed", status="estranged", needs_met=("fun",)),
        Rated(name="Gran", status="grieving", needs_met=("growth",)),
    )
    grid = needs_met_by(people)
    assert [p.name for p in grid["fun"]] == ["Ana"]
    assert grid["belonging"] == []


def test_every_guide_link_of_every_insight_exists():
    landscape = Landscape(
        people=(Rated(name="Max", closeness="inner", energy="draining", channels=("online",)),),
        cravings=tuple(
            n
            for n in (
                "emotional_support",
                "deep_conversation",
                "fun",
                "companionship",
                "belonging",
                "practical_help",
                "physical_presence",
                "growth",
            )
        ),
        ucla_total=8,
    )
    steps = [s for i in insights_for(landscape) for s in i.next_steps if s.guide_slug]
    assert len(steps) > 10
    for step in steps:
        find(step.guide_slug)
