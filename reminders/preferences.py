"""Reading preferences for many owners at once; a missing row means the defaults."""

from reminders.models import ReminderPreferences


def preferences_for(owner_ids) -> dict[int, ReminderPreferences]:
    found = {p.owner_id: p for p in ReminderPreferences.objects.filter(owner_id__in=owner_ids)}
    return {
        owner_id: found.get(owner_id) or ReminderPreferences(owner_id=owner_id)
        for owner_id in owner_ids
    }
