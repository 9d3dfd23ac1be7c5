from django import forms
from django.utils import timezone

from reminders.models import ReminderPreferences


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = ReminderPreferences
        fields = [
            "plan_day_on",
            "ritual_on",
            "nudge_on",
            "reflection_on",
            "important_date_on",
            "nudge_time",
            "reflection_weekday",
            "reflection_time",
            "quiet_start",
            "quiet_end",
            "daily_cap",
            "paused_until",
        ]
        widgets = {
            "nudge_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "reflection_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "paused_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "quiet_start": "No reminder arrives between these two times. Leave both empty "
            "for none.",
            "paused_until": "Nothing is sent up to and including this day. Leave empty to "
            "keep reminders on.",
        }

    def clean_daily_cap(self):
        cap = self.cleaned_data["daily_cap"]
        if not 1 <= cap <= 20:
            raise forms.ValidationError("Choose a number from 1 to 20.")
        return cap

    def clean_paused_until(self):
        day = self.cleaned_data["paused_until"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError("Pick today or a later day, or leave it empty.")
        return day

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("quiet_start"), cleaned.get("quiet_end")
        if (start is None) != (end is None) and not self.has_error("quiet_start"):
            self.add_error(
                "quiet_end" if start else "quiet_start",
                "Give both times of your quiet hours, or neither.",
            )
        return cleaned
