"""What accounts announce to the apps that build on them (accounts import none of them)."""

from django.dispatch import Signal

# Sent with `user` after a user's time zone was saved as a different one. Reminders
# listen: every schedule moves to the same local time in the new zone at once.
time_zone_changed = Signal()

# Sent with `user` inside the deletion's transaction, just before the user's rows go. Apps
# that must tell someone else (the people a user invited into a ritual) gather it here and
# send after the commit.
account_deleting = Signal()
