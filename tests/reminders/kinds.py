"""A test kind: a ritual every day at a fixed local time, with its reminder lead.

source_key "daily:19:00:60" means every day at 19:00 local, reminded 60 minutes ahead.
It goes through RitualKind's own code; only the Ritual row is replaced by this rule.
"""

import datetime
from dataclasses import dataclass, field

from connection.lib.occurrences import next_local_occurrence
from plans.reminder_kinds import RitualKind


@dataclass
class DailyRitual:
    title: str
    at: datetime.time
    reminder_lead_minutes: int
    zone: object
    people: object = field(default=None)

    def next_occurrence(self, after_utc):
        return next_local_occurrence(after_utc, zone=self.zone, at=self.at)


class _NoPeople:
    def all(self):
        return []


class DailyRitualKind(RitualKind):
    name = "test_ritual"

    def source(self, schedule):
        _, hhmm_lead = schedule.source_key.split(":", 1)
        hours, minutes, lead = hhmm_lead.split(":")
        return DailyRitual(
            title="Evening call",
            at=datetime.time(int(hours), int(minutes)),
            reminder_lead_minutes=int(lead),
            zone=schedule.owner.zone,
            people=_NoPeople(),
        )
