"""What a check-in suggests, drawn from the guide's evidence.

Pure functions over plain data: a Landscape built from an assessment's snapshot goes in,
a list of Insights comes out. Nothing here touches the database.
"""

from dataclasses import dataclass, field

from landscape.choices import (
    FREQUENCY_DAYS,
    ONLINE_CHANNELS,
    Closeness,
    Energy,
    Frequency,
    Need,
    PersonKind,
    PersonStatus,
)

# Wishing to see this many people every week or two is a full diary.
MANY_COMMITMENTS = 8
# A third of recent connections leaving you drained is more than a bad week.
DRAINED_SHARE = 1 / 3
MIN_LOGGED_FOR_SHARE = 3
# A draining tie outside the close circles still counts when you see them weekly or more.
MUCH_TIME_DAYS = 7


@dataclass(frozen=True)
class Rated:
    """A person as rated in a check-in."""

    name: str
    kind: str = PersonKind.FRIEND
    closeness: str = Closeness.CLOSE
    energy: str = Energy.NEUTRAL
    needs_met: tuple[str, ...] = ()
    status: str = PersonStatus.ACTIVE
    contact_now: str = Frequency.MONTHLY
    contact_wished: str = Frequency.MONTHLY
    channels: tuple[str, ...] = ()

    @classmethod
    def from_snapshot(cls, row: dict) -> "Rated":
        return cls(
            name=row["name"],
            kind=row["kind"],
            closeness=row["closeness"],
            energy=row["energy"],
            needs_met=tuple(row.get("needs_met", ())),
            status=row.get("status", PersonStatus.ACTIVE),
            contact_now=row["contact_now"],
            contact_wished=row["contact_wished"],
            channels=tuple(row.get("channels", ())),
        )

    @property
    def in_touch(self) -> bool:
        return self.status not in (PersonStatus.ESTRANGED, PersonStatus.GRIEVING)

    @property
    def is_close_supporter(self) -> bool:
        return (
            self.kind not in (PersonKind.PET, PersonKind.GROUP)
            and self.status == PersonStatus.ACTIVE
            and self.closeness in (Closeness.INNER, Closeness.CLOSE)
            and self.energy != Energy.DRAINING
            and (Need.EMOTIONAL_SUPPORT in self.needs_met or self.energy == Energy.ENERGIZING)
        )


@dataclass(frozen=True)
class Landscape:
    people: tuple[Rated, ...] = ()
    cravings: tuple[str, ...] = ()
    ucla_total: int | None = None
    has_weekly_ritual: bool = False
    recent_channels: tuple[str, ...] = ()
    recent_feelings: dict = field(default_factory=dict)

    @classmethod
    def from_assessment(cls, assessment) -> "Landscape":
        recent = assessment.context_snapshot.get("recent", {})
        return cls(
            people=tuple(Rated.from_snapshot(row) for row in assessment.people_snapshot),
            cravings=tuple(assessment.cravings),
            ucla_total=assessment.ucla_score,
            has_weekly_ritual=assessment.context_snapshot.get("has_weekly_ritual", False),
            recent_channels=tuple(recent.get("channels", ())),
            recent_feelings=dict(recent.get("feelings", {})),
        )


@dataclass(frozen=True)
class NextStep:
    """Where to go next: a guide item (by slug) or a page of the app (by URL name)."""

    label: str
    guide_slug: str = ""
    url_name: str = ""
    query: str = ""


@dataclass(frozen=True)
class Insight:
    key: str
    title: str
    body: str
    evidence: str
    next_steps: tuple[NextStep, ...]
    show_help_lines: bool = False


def _names(people) -> str:
    names = [person.name for person in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def needs_met_by(people) -> dict[str, list[Rated]]:
    """Each need and the people (still in touch) who meet it, in the order of Need."""
    grid = {need: [] for need in Need.values}
    for person in people:
        if not person.in_touch:
            continue
        for need in person.needs_met:
            if need in grid:
                grid[need].append(person)
    return grid


def support_note(landscape: Landscape) -> Insight | None:
    if landscape.ucla_total is None or landscape.ucla_total < 6:
        return None
    return Insight(
        key="support",
        title="You are not alone in feeling this way",
        body=(
            f"Your answers add up to {landscape.ucla_total} out of 9, which suggests loneliness "
            "has been with you often lately. Many people go through this, and it can ease. "
            "Talking it through with someone trained to listen can help alongside the small "
            "steps here. If you ever feel unsafe, please reach out to a help line now."
        ),
        evidence=(
            "Social support is a strong healing force, and for deeper pain the guide suggests "
            "pairing it with professional help (guide FAQ on trauma)."
        ),
        next_steps=(
            NextStep("Therapy and support groups", guide_slug="therapy-support-groups"),
            NextStep("When you feel you have no one", guide_slug="no-one-right-now"),
        ),
        show_help_lines=True,
    )


def close_support(landscape: Landscape) -> Insight | None:
    supporters = [person for person in landscape.people if person.is_close_supporter]
    if not supporters:
        return Insight(
            key="no-close-support",
            title="Start small: one message today",
            body=(
                "Nobody in your map is yet both close and supportive. That is a starting "
                "point, not a verdict: one short message, a meme or a five-minute call can "
                "reopen a door."
            ),
            evidence="The guide's second step: start small and reach out (Step 2).",
            next_steps=(
                NextStep("Start the 7-day plan", url_name="plan"),
                NextStep("Log a first connection", url_name="log_connection"),
                NextStep("Read Step 2: start small", guide_slug="start-small"),
            ),
        )
    if len(supporters) <= 2:
        return Insight(
            key="tend-close-support",
            title="You already have what matters most: tend it",
            body=(
                f"{_names(supporters)} {'is' if len(supporters) == 1 else 'are'} close and "
                "supportive. One or two such people are enough for the benefits, so keeping "
                "in regular touch with them is worth more than widening your circle."
            ),
            evidence=(
                "Dr. Emma Seppälä (Stanford): one or two close, supportive friends are enough "
                "for strong wellness benefits."
            ),
            next_steps=(
                NextStep("Quality beats quantity", guide_slug="quality-over-quantity"),
                NextStep("Set up a weekly call with them", url_name="ritual_catalog"),
                NextStep("See who to reach out to today", url_name="today"),
            ),
        )
    return None


def takes_much_time(person: Rated) -> bool:
    """In touch at least weekly now: enough time that a draining tie weighs on the week."""
    days = FREQUENCY_DAYS[person.contact_now]
    return days is not None and days <= MUCH_TIME_DAYS


def draining_ties(landscape: Landscape) -> Insight | None:
    draining = [
        person
        for person in landscape.people
        if person.energy == Energy.DRAINING
        and person.in_touch
        and (person.closeness in (Closeness.INNER, Closeness.CLOSE) or takes_much_time(person))
    ]
    if not draining:
        return None
    many = len(draining) > 1
    return Insight(
        key="draining-ties",
        title="Some of the people you give your time to leave you drained",
        body=(
            f"You feel drained after time with {_names(draining)}: "
            f"{'people' if many else 'someone'} you are close to or see often. It may help "
            "to set gentle boundaries, and to give more of your time to the bonds that "
            "nourish you."
        ),
        evidence=(
            "Mistakes to avoid: staying in draining or toxic relationships. Quality over "
            "quantity: put nurturing, respectful bonds first."
        ),
        next_steps=(
            NextStep("Draining relationships", guide_slug="draining-relationships"),
            NextStep("Review the people who drain you", url_name="people", query="energy=draining"),
        ),
    )


_WAYS = {
    Need.FUN: (
        "Fun comes easily where people already gather for it: try a class or a club "
        "built around something you enjoy.",
        "Learning together (yoga, art, a language) builds connection naturally.",
        (
            NextStep("Community classes", guide_slug="community-classes"),
            NextStep("Interest groups", guide_slug="interest-groups"),
        ),
    ),
    Need.DEEP_CONVERSATION: (
        "Deep talk grows in one-on-ones: ask one person for a coffee or a walk, or bring a "
        "deck of questions to open up.",
        "Relationship card decks such as \u201cWe\u2019re Not Really Strangers\u201d foster "
        "real conversation; introverts often thrive one-on-one.",
        (
            NextStep("Conversation card decks", guide_slug="conversation-cards"),
            NextStep("Too introverted for this?", guide_slug="too-introverted"),
        ),
    ),
    Need.BELONGING: (
        "Belonging comes from being part of something: join a group, or volunteer, which "
        "lifts your own mood too.",
        "The \u201chelper\u2019s high\u201d: volunteering and helping others boost mood and a "
        "sense of belonging (Journal of Happiness Studies, 2018).",
        (
            NextStep("The helper\u2019s high", guide_slug="helpers-high"),
            NextStep("Interest groups", guide_slug="interest-groups"),
            NextStep("A new group each month", url_name="ritual_catalog"),
        ),
    ),
    Need.PHYSICAL_PRESENCE: (
        "Touch matters: hugs with people you trust, time side by side, or the warmth of a pet.",
        "Hugs and friendly touch can lower cortisol and release oxytocin, building trust.",
        (NextStep("Physical touch", guide_slug="physical-touch"),),
    ),
    Need.EMOTIONAL_SUPPORT: (
        "Support often starts by letting one person see a little more of how you really "
        "are; a support group or a therapist can hold space too.",
        "Step 3 of the guide: vulnerability often sparks true connection and healing.",
        (
            NextStep("Show up authentically", guide_slug="show-up"),
            NextStep("Therapy and support groups", guide_slug="therapy-support-groups"),
        ),
    ),
    Need.COMPANIONSHIP: (
        "Companionship is doing things together: a regular walk with a neighbour, a shared "
        "meal each week, an errand run side by side.",
        "The guide's rituals: walk outdoors with a neighbour; share a weekly meal.",
        (
            NextStep("A walk or a shared meal as a ritual", url_name="ritual_catalog"),
            NextStep("Walking together", guide_slug="walking-apps"),
        ),
    ),
    Need.PRACTICAL_HELP: (
        "Practical help flows both ways: offer a hand to a neighbour or colleague, and let "
        "them return it.",
        "Reciprocity, giving and receiving help, is a key element of connection (Step 6: "
        "give generously).",
        (NextStep("Give generously", guide_slug="give"),),
    ),
    Need.GROWTH: (
        "Growth comes from people a step ahead or beside you: a mentor, a class, a group "
        "that learns together.",
        "Learning together in community classes builds natural connection.",
        (NextStep("Community classes", guide_slug="community-classes"),),
    ),
}


def craved_and_unmet(landscape: Landscape) -> list[Insight]:
    grid = needs_met_by(landscape.people)
    insights = []
    for need in Need:
        if need not in landscape.cravings or grid[need]:
            continue
        body, evidence, steps = _WAYS[need]
        insights.append(
            Insight(
                key=f"craved-{need.value}",
                title=f"More {need.label.lower()}: nobody in your map offers it yet",
                body=body,
                evidence=evidence,
                next_steps=steps,
            )
        )
    return insights


def weekly_ritual(landscape: Landscape) -> Insight | None:
    if landscape.has_weekly_ritual:
        return None
    return Insight(
        key="weekly-ritual",
        title="Keep one weekly connection ritual",
        body=(
            "A standing date (a Sunday dinner, a Tuesday call) takes the effort out of "
            "staying in touch. Pick one person and one time that repeats every week."
        ),
        evidence=(
            "Dr. Vivek Murthy (U.S. Surgeon General) recommends at least one consistent "
            "weekly connection ritual."
        ),
        next_steps=(
            NextStep("Choose a weekly ritual", url_name="ritual_catalog"),
            NextStep("Why weekly rituals help", guide_slug="weekly-ritual"),
            NextStep("Schedule connection time", guide_slug="schedule"),
        ),
    )


def only_online(landscape: Landscape) -> Insight | None:
    in_use = set(landscape.recent_channels)
    if not in_use:
        for person in landscape.people:
            in_use.update(person.channels)
    if not in_use or not in_use <= ONLINE_CHANNELS:
        return None
    return Insight(
        key="only-online",
        title="Mix in a voice, a face, a visit",
        body=(
            "Your connections lately have all been messages and online spaces. They count; "
            "adding a call, a video chat or a meeting in person brings more of the benefits."
        ),
        evidence=(
            "Step 5: mix digital and in-person interactions. Mistakes to avoid: relying only "
            "on social media."
        ),
        next_steps=(
            NextStep("Mix digital and in-person", guide_slug="mix"),
            NextStep("Relying only on social media", guide_slug="only-social-media"),
        ),
    )


def overcommitted(landscape: Landscape) -> Insight | None:
    frequent = [
        person
        for person in landscape.people
        if person.status == PersonStatus.ACTIVE
        and person.contact_wished in (Frequency.WEEKLY, Frequency.FORTNIGHTLY)
    ]
    if len(frequent) < MANY_COMMITMENTS:
        return None
    feelings = landscape.recent_feelings
    logged = sum(feelings.values())
    if logged >= MIN_LOGGED_FOR_SHARE:
        drained = feelings.get("drained", 0) / logged >= DRAINED_SHARE
    else:
        tiring = [p for p in frequent if p.energy in (Energy.DRAINING, Energy.MIXED)]
        drained = len(tiring) / len(frequent) >= DRAINED_SHARE
    if not drained:
        return None
    return Insight(
        key="overcommitted",
        title="A full diary that leaves you tired",
        body=(
            f"You would like to be in touch with {len(frequent)} people every week or two, "
            "and much of it leaves you drained. It is fine to say no sometimes and to keep "
            "time for rest."
        ),
        evidence="Mistakes to avoid: overcommitting socially. Balance connection with self-care.",
        next_steps=(NextStep("Overcommitting", guide_slug="overcommitting"),),
    )


def insights_for(landscape: Landscape) -> list[Insight]:
    """Every insight that applies, the gentle support note first."""
    found = [
        support_note(landscape),
        close_support(landscape),
        draining_ties(landscape),
        *craved_and_unmet(landscape),
        only_online(landscape),
        overcommitted(landscape),
        weekly_ritual(landscape),
    ]
    return [insight for insight in found if insight is not None]
