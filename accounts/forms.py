from django import forms

from accounts.models import User
from accounts.timezones import time_zone_choices


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your time zone")
        kwargs.setdefault(
            "help_text", "Reminders arrive at the local time you choose in this zone."
        )
        super().__init__(choices=time_zone_choices, **kwargs)
        self.error_messages["invalid_choice"] = (
            "“%(value)s” is not a time zone we know. Pick one from the list."
        )


class SignupDetailsForm(forms.Form):
    """Extra signup fields; allauth mixes them into its signup form."""

    display_name = forms.CharField(
        label="What should we call you?",
        max_length=80,
        required=False,
        help_text="Optional. Used in greetings and emails.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    time_zone = TimeZoneField(initial="UTC")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # app.js preselects the zone the browser reports; after an error the choice
            # the person made stays as it was.
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ["display_name", "time_zone"]
        labels = {"display_name": "What should we call you?"}


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that everything I have stored in Kindred will be deleted, at once and "
        "for good.",
        error_messages={"required": "Please tick the box to confirm that you want to delete it."},
    )
