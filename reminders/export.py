"""The reminders' section of "export my data"."""

from reminders.kinds import kinds_for_others
from reminders.models import Delivery
from reminders.services import preferences_get


def reminders_section(user):
    preferences = preferences_get(owner=user)
    return "reminders", {
        "preferences": {
            "plan_day_on": preferences.plan_day_on,
            "ritual_on": preferences.ritual_on,
            "nudge_on": preferences.nudge_on,
            "reflection_on": preferences.reflection_on,
            "important_date_on": preferences.important_date_on,
            "quiet_start": preferences.quiet_start.isoformat() if preferences.quiet_start else None,
            "quiet_end": preferences.quiet_end.isoformat() if preferences.quiet_end else None,
            "daily_cap": preferences.daily_cap,
            "paused_until": (
                preferences.paused_until.isoformat() if preferences.paused_until else None
            ),
            "nudge_time": preferences.nudge_time.isoformat(),
            "reflection_weekday": preferences.reflection_weekday,
            "reflection_time": preferences.reflection_time.isoformat(),
        },
        "emails": [
            {
                "kind": d.schedule.kind,
                "due_at": d.due_at.isoformat(),
                "state": d.state,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "problem": d.last_error,
            }
            # Emails to the people the user invited belong to the invitations' section.
            for d in Delivery.objects.filter(schedule__owner=user)
            .exclude(schedule__kind__in=kinds_for_others())
            .select_related("schedule")
            .order_by("due_at", "pk")
        ],
    }
