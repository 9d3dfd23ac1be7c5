"""Calendar libraries Kindred did not write, reading its .ics files the way clients do.

- ical.js, Mozilla's parser inside Thunderbird, run with Node.js (tests/plans/icaljs).
- vobject, which turns each VTIMEZONE into a tzinfo with dateutil and expands with
  dateutil's rrule.

Both take a zone's offsets only from the VTIMEZONE the file carries, never from their own
copy of the IANA database, so a wrong definition shows up as wrong instants.
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import vobject
import vobject.icalendar
from dateutil.tz import tzutc

UTC = datetime.UTC
ICALJS_DIR = Path(__file__).parent / "icaljs"


def icaljs_install() -> None:
    """Install the npm packages of tests/plans/icaljs from its lock file when missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("Node.js and npm are needed to read calendars with ical.js")
    if not (ICALJS_DIR / "node_modules" / "ical.js").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=ICALJS_DIR,
            check=True,
        )


def icaljs_starts(calendars: list[bytes], start, end) -> list[dict[str, list]]:
    """For each calendar, {UID: every start in [start, end) as aware UTC}, by ical.js."""
    request = {
        "calendars": [c.decode() for c in calendars],
        "start": int(start.timestamp()),
        "end": int(end.timestamp()),
    }
    done = subprocess.run(
        ["node", "expand.mjs"],
        cwd=ICALJS_DIR,
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [
        {
            uid: [datetime.datetime.fromtimestamp(s, UTC) for s in found]
            for uid, found in cal.items()
        }
        for cal in json.loads(done.stdout)
    ]


def _vobject_forget_zones() -> None:
    # vobject keeps every TZID it has seen in a module-wide map and keeps the first
    # definition; a fresh client has seen none, so each file must be read with an empty map.
    known = vars(vobject.icalendar)["__tzidMap"]
    known.clear()
    vobject.icalendar.registerTzid("UTC", tzutc())


def vobject_starts(calendar: bytes, start, end) -> dict[str, list]:
    """{UID: every start in [start, end) as aware UTC}, by vobject."""
    _vobject_forget_zones()
    parsed = vobject.readOne(calendar.decode())
    found = {}
    for event in parsed.vevent_list:
        dtstart = event.dtstart.value
        # Proof that the zone came from the file: vobject's own fallback is pytz by name.
        assert dtstart.tzinfo is None or "pytz" not in type(dtstart.tzinfo).__module__
        rules = event.getrruleset(addRDate=True)
        instants = rules.between(start, end, inc=True) if rules else [dtstart]
        found[event.uid.value] = sorted(
            i.astimezone(UTC) for i in instants if start <= i.astimezone(UTC) < end
        )
    return found


def icaljs_days(calendar: bytes, first: datetime.date, last: datetime.date) -> dict[str, list]:
    """{UID: every day an all-day event falls on from `first` to `last`}, by ical.js.

    ical.js gives an all-day (floating) start as midnight UTC of its day."""
    start = datetime.datetime.combine(first, datetime.time(0), UTC)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(0), UTC)
    read = icaljs_starts([calendar], start, end)[0]
    return {uid: [instant.date() for instant in found] for uid, found in read.items()}


def vobject_days(calendar: bytes, first: datetime.date, last: datetime.date) -> dict[str, list]:
    """{UID: every day an all-day event falls on from `first` to `last`}, by vobject
    (which expands a DATE start as naive datetimes at midnight)."""
    _vobject_forget_zones()
    start = datetime.datetime.combine(first, datetime.time(0))
    end = datetime.datetime.combine(last, datetime.time(0))
    found = {}
    for event in vobject.readOne(calendar.decode()).vevent_list:
        rules = event.getrruleset(addRDate=True)
        found[event.uid.value] = [day.date() for day in rules.between(start, end, inc=True)]
    return found
