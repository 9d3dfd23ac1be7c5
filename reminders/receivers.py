"""The engine's answers to what other apps announce."""

from reminders.services import schedules_recompute


def on_time_zone_changed(sender, *, user, **kwargs) -> None:
    schedules_recompute(owner=user)
