// Reads calendars the way Thunderbird does (Mozilla's ical.js), for tests/plans.
// stdin: {"calendars": ["BEGIN:VCALENDAR…", …], "start": unix seconds, "end": unix seconds}
// stdout: one object per calendar, {UID: [unix seconds of every start in [start, end)]}.
// Times are resolved only through the VTIMEZONE the calendar carries, as a client does.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const request = JSON.parse(readFileSync(0, "utf8"));

function starts(vevent, start, end) {
  const event = new ICAL.Event(vevent);
  const found = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const instant = next.toUnixTime();
    if (instant >= end) break;
    if (instant >= start) found.push(instant);
  }
  return found;
}

const answer = request.calendars.map((text) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const byUid = {};
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    byUid[vevent.getFirstPropertyValue("uid")] = starts(vevent, request.start, request.end);
  }
  return byUid;
});
process.stdout.write(JSON.stringify(answer));
