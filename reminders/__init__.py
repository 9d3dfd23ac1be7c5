"""Reminder emails: schedules, the dispatcher, sending, signed action links, preferences."""
