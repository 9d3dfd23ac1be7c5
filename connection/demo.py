"""Sample people, connections and check-ins, so a newcomer can look around."""

import datetime

from django.db import transaction
from django.utils import timezone

from landscape.models import Assessment, Person
from landscape.services import assessment_complete, assessment_resume, interaction_log
from plans.services import enrollment_start, plan_day_complete, ritual_check_in, ritual_from_catalog

DEMO_PEOPLE = (
    # name, kind, closeness, energy, needs, contact now, wished, channels, status
    (
        "Maya",
        "partner",
        "inner",
        "energizing",
        ["emotional_support", "physical_presence", "fun"],
        "weekly",
        "weekly",
        ["in_person"],
        "active",
    ),
    (
        "Mum",
        "family",
        "inner",
        "mixed",
        ["emotional_support", "practical_help"],
        "monthly",
        "fortnightly",
        ["call"],
        "active",
    ),
    (
        "Jonas",
        "friend",
        "close",
        "neutral",
        ["fun", "companionship"],
        "quarterly",
        "monthly",
        ["in_person", "message"],
        "active",
    ),
    (
        "Priya",
        "friend",
        "wider",
        "energizing",
        ["deep_conversation", "growth"],
        "quarterly",
        "fortnightly",
        ["video"],
        "active",
    ),
    (
        "Tom",
        "colleague",
        "wider",
        "neutral",
        ["practical_help"],
        "weekly",
        "weekly",
        ["in_person"],
        "active",
    ),
    ("Uncle Ray", "family", "inner", "draining", [], "monthly", "quarterly", ["call"], "active"),
    (
        "Ines",
        "neighbour",
        "wider",
        "neutral",
        ["companionship"],
        "monthly",
        "monthly",
        ["in_person"],
        "active",
    ),
    (
        "Biscuit",
        "pet",
        "inner",
        "energizing",
        ["physical_presence", "fun"],
        "weekly",
        "weekly",
        ["in_person"],
        "active",
    ),
    (
        "Chess club",
        "group",
        "wider",
        "energizing",
        ["fun", "growth"],
        "yearly",
        "monthly",
        ["activity"],
        "active",
    ),
    (
        "Dana",
        "online_friend",
        "close",
        "neutral",
        ["deep_conversation"],
        "fortnightly",
        "fortnightly",
        ["online"],
        "paused",
    ),
)
# (days ago, people, channel, feeling, note)
DEMO_CONNECTIONS = (
    (1, ["Maya"], "in_person", "energized", "Cooked together"),
    (3, ["Tom"], "in_person", "neutral", ""),
    (6, ["Mum"], "call", "drained", "Long call about the move"),
    (9, ["Maya", "Jonas"], "activity", "energized", "Climbing"),
    (14, ["Uncle Ray"], "call", "drained", ""),
    (20, ["Priya"], "video", "energized", "Talked about her new job"),
    (27, ["Ines"], "in_person", "neutral", "Watered her plants"),
    (35, ["Mum"], "call", "neutral", ""),
    (40, ["Chess club"], "activity", "energized", "Autumn tournament"),
    (50, ["Jonas"], "message", "energized", ""),
)


@transaction.atomic
def demo_populate(*, owner, today: datetime.date) -> None:
    people = {}
    for name, kind, closeness, energy, needs, now, wished, channels, status in DEMO_PEOPLE:
        people[name] = Person.objects.create(
            owner=owner,
            name=name,
            kind=kind,
            closeness=closeness,
            energy=energy,
            needs_met=needs,
            contact_now=now,
            contact_wished=wished,
            channels=channels,
            status=status,
        )
    for days_ago, names, channel, feeling, note in DEMO_CONNECTIONS:
        interaction_log(
            owner=owner,
            occurred_on=today - datetime.timedelta(days=days_ago),
            people=[people[name] for name in names],
            channel=channel,
            feeling=feeling,
            note=note,
        )
    interaction_log(
        owner=owner,
        occurred_on=today,
        is_micro=True,
        feeling="energized",
        note="Smiled at the baker",
    )
    # Two check-ins five weeks apart, so history and the comparison have something to show.
    for weeks_ago, ucla, cravings in (
        (5, [3, 2, 2], ["belonging"]),
        (0, [2, 2, 1], ["belonging", "deep_conversation"]),
    ):
        assessment = assessment_resume(owner=owner)
        assessment.cravings = cravings
        assessment.missing_note = "More people to do things with on weekends."
        assessment.save()
        assessment_complete(
            assessment=assessment,
            ucla_answers=ucla,
            lsns_answers=[3, 2, 2, 2, 2, 1],
            reflection="",
            today=today,
        )
        Assessment.objects.filter(pk=assessment.pk).update(
            completed_at=timezone.now() - datetime.timedelta(weeks=weeks_ago)
        )
        if weeks_ago:
            # Between the two check-ins Jonas became a joy and Priya grew closer.
            Person.objects.filter(pk=people["Jonas"].pk).update(energy="energizing")
            Person.objects.filter(pk=people["Priya"].pk).update(closeness="close")
    # A plan on its third day with the first two done, and two weekly rituals with history.
    enrollment = enrollment_start(
        owner=owner, starts_on=today - datetime.timedelta(days=2), reminder_time=datetime.time(9)
    )
    plan_day_complete(
        enrollment=enrollment,
        number=1,
        today=today - datetime.timedelta(days=2),
        data={
            "people": [people["Priya"], people["Jonas"], people["Mum"]],
            "messaged": people["Priya"],
            "note": "Sent Priya a photo from our old hiking trip.",
        },
    )
    plan_day_complete(
        enrollment=enrollment,
        number=2,
        today=today - datetime.timedelta(days=1),
        data={"people": [people["Ines"]], "feeling": "energized", "note": "Chat on the stairs"},
    )
    now = timezone.now()
    for slug, who in (("sunday-dinner", ["Mum"]), ("tuesday-call", ["Priya"])):
        ritual = ritual_from_catalog(owner=owner, slug=slug, people=[people[n] for n in who])
        past = ritual.occurrences_between(now - datetime.timedelta(weeks=4), now)
        for number, occurrence in enumerate(past):
            ritual_check_in(
                ritual=ritual,
                occurrence_at=occurrence,
                status="skipped" if number == 1 else "done",
                feeling="energized",
            )
