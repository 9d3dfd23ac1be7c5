"""Everything the results page shows about one finished check-in, as plain data."""

from dataclasses import dataclass

from django.utils import timezone

from landscape.choices import Closeness, Energy, Frequency, Need, PersonKind
from landscape.insights import Landscape, insights_for, needs_met_by
from landscape.score_chart import score_chart
from landscape.scoring import (
    LSNS_ISOLATION_BELOW,
    LSNS_MAX,
    LSNS_MIN,
    UCLA_LONELY_FROM,
    UCLA_MAX,
    UCLA_MIN,
    feeling_in_words,
    lsns6_score,
    ucla3_score,
)
from landscape.social_map import social_map
from landscape.support import crisis_lines


def _label(choices, value) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value


@dataclass(frozen=True)
class PersonRow:
    name: str
    kind: str
    closeness: str
    energy: str
    contact_now: str
    contact_wished: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class NeedRow:
    label: str
    people: tuple[str, ...]
    craved: bool

    @property
    def uncovered(self) -> bool:
        return not self.people


def compare(previous, current) -> list[str]:
    """What changed between two finished check-ins, in plain sentences."""
    if previous is None:
        return []
    changes = []
    if previous.ucla_score is not None and current.ucla_score is not None:
        delta = current.ucla_score - previous.ucla_score
        if delta:
            way = "lower (less lonely)" if delta < 0 else "higher (lonelier)"
            changes.append(
                f"Your loneliness score went from {previous.ucla_score} to "
                f"{current.ucla_score}: {abs(delta)} point{'s' if abs(delta) > 1 else ''} {way}."
            )
        else:
            changes.append(f"Your loneliness score stayed at {current.ucla_score}.")
    before = {row["id"]: row for row in previous.people_snapshot}
    now = {row["id"]: row for row in current.people_snapshot}
    added = [now[pk]["name"] for pk in now if pk not in before]
    gone = [before[pk]["name"] for pk in before if pk not in now]
    if added:
        changes.append("New on your map: " + ", ".join(added) + ".")
    if gone:
        changes.append("No longer on your map: " + ", ".join(gone) + ".")
    for pk, row in now.items():
        old = before.get(pk)
        if old is None:
            continue
        if old["energy"] != row["energy"]:
            changes.append(
                f"{row['name']}: {_label(Energy, old['energy']).lower()} → "
                f"{_label(Energy, row['energy']).lower()}."
            )
        if old["closeness"] != row["closeness"]:
            changes.append(
                f"{row['name']}: {_label(Closeness, old['closeness']).lower()} → "
                f"{_label(Closeness, row['closeness']).lower()}."
            )
    grid_before = needs_met_by(Landscape.from_assessment(previous).people)
    grid_now = needs_met_by(Landscape.from_assessment(current).people)
    for need in Need:
        if grid_now[need] and not grid_before[need]:
            changes.append(f"{need.label} is now met by someone in your life.")
        elif grid_before[need] and not grid_now[need]:
            changes.append(f"Nobody meets {need.label.lower()} any more.")
    return changes


def results_context(assessment, previous, history) -> dict:
    landscape = Landscape.from_assessment(assessment)
    closeness_labels = dict(Closeness.choices)
    people_rows = [
        PersonRow(
            name=p.name,
            kind=_label(PersonKind, p.kind),
            closeness=_label(Closeness, p.closeness),
            energy=_label(Energy, p.energy),
            contact_now=(
                "Hardly ever"
                if p.contact_now == Frequency.NO_GOAL
                else _label(Frequency, p.contact_now)
            ),
            contact_wished=_label(Frequency, p.contact_wished),
            needs=tuple(_label(Need, n) for n in p.needs_met),
        )
        for p in landscape.people
    ]
    grid = needs_met_by(landscape.people)
    need_rows = [
        NeedRow(
            label=need.label,
            people=tuple(p.name for p in grid[need]),
            craved=need in landscape.cravings,
        )
        for need in Need
    ]
    ucla = ucla3_score(assessment.ucla_answers) if assessment.ucla_answers else None
    lsns = lsns6_score(assessment.lsns_answers) if assessment.lsns_answers else None
    insights = insights_for(landscape)
    return {
        "assessment": assessment,
        "previous": previous,
        "map": social_map(landscape.people, closeness_labels),
        "people_rows": people_rows,
        "need_rows": need_rows,
        "insights": insights,
        "help_lines": crisis_lines() if any(i.show_help_lines for i in insights) else [],
        "changes": compare(previous, assessment),
        "ucla": ucla,
        "lsns": lsns,
        "feeling_words": feeling_in_words(assessment.ucla_answers, lsns) if ucla else [],
        **score_charts(history),
        "history": list(history),
        "missing_note": assessment.missing_note,
        "cravings": [_label(Need, n) for n in landscape.cravings],
    }


def score_charts(history) -> dict:
    """Line charts of UCLA-3 (and LSNS-6 when answered) over the finished check-ins."""
    dated = [(timezone.localtime(a.completed_at).date().isoformat(), a) for a in history]
    ucla_chart = score_chart(
        [(day, a.ucla_score) for day, a in dated if a.ucla_score is not None],
        low=UCLA_MIN,
        high=UCLA_MAX,
        threshold=UCLA_LONELY_FROM - 0.5,
    )
    lsns_points = [(day, a.lsns_score) for day, a in dated if a.lsns_score is not None]
    lsns_chart = (
        score_chart(
            lsns_points, low=LSNS_MIN, high=LSNS_MAX, threshold=LSNS_ISOLATION_BELOW - 0.5, step=5
        )
        if lsns_points
        else None
    )
    return {"ucla_chart": ucla_chart, "lsns_chart": lsns_chart}
