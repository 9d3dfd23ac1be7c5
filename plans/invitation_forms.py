"""Forms of shared rituals: the owner's invitation, the invitee's answers."""

from django import forms

from accounts.forms import TimeZoneField


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        help_text="Kept on their card on your map, and used only for this invitation.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    inviter_name = forms.CharField(
        label="Your name, as they will see it",
        max_length=80,
        error_messages={"required": "Please say who the invitation is from."},
    )
    personal_line = forms.CharField(
        label="A personal line (optional)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A sentence from you, shown in the invitation.",
    )
    share_owner_email = forms.BooleanField(
        label="Show them my email address, so that they can write back",
        required=False,
    )


class AcceptForm(forms.Form):
    time_zone = TimeZoneField(
        label="Your time zone", help_text="Every time we email you is shown in this zone."
    )
    wants_reminders = forms.BooleanField(
        label="Email me a reminder before each time", required=False, initial=True
    )
    invitee_name = forms.CharField(
        label="Your name, as the others in this ritual see it (optional)",
        max_length=80,
        required=False,
        help_text="Leave it empty and no one else who takes part sees a name for you.",
    )


class SettingsForm(forms.Form):
    time_zone = TimeZoneField(
        label="Your time zone", help_text="Every time we email you is shown in this zone."
    )
    wants_reminders = forms.BooleanField(
        label="Email me a reminder before each time", required=False
    )


class DeclineForm(forms.Form):
    never_again = forms.BooleanField(
        label="Don't invite me again: no one can invite this address to Kindred again",
        required=False,
    )
