"""allauth's account and two-step sign-in forms, with labels and hints in Kindred's words.

Labels live on the forms rather than in the templates because the error summary at the top
of every page (templates/includes/form_errors.html) names each field by its label.
Placeholders are dropped: the label says it already, and a placeholder that repeats it
reads twice to a screen reader.
"""

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_base_forms
from allauth.mfa.totp import forms as totp_forms

EMAIL = "Your email address"
NEW_LABEL = "New password"
AGAIN_LABEL = "New password, once more"
AGAIN_HINT = "So that a typing slip cannot lock you out."
CHOOSING_HINT = (
    "At least 8 characters. A short sentence that means something to you is easy to "
    "remember and hard to guess."
)
APP_CODE = "The 6-digit code from your authenticator app"


class PlainWordsMixin:
    """Set each field's label (and hint, or no hint) from `words`: {name: (label, hint)}."""

    words: dict[str, tuple[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, hint) in self.words.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.label = label
            field.help_text = hint
            field.widget.attrs.pop("placeholder", None)


class LoginForm(PlainWordsMixin, account_forms.LoginForm):
    words = {
        "login": (EMAIL, ""),
        "password": ("Your password", ""),
        "remember": ("Keep me signed in on this device", ""),
    }


class ResetPasswordForm(PlainWordsMixin, account_forms.ResetPasswordForm):
    words = {"email": (EMAIL, "The address you signed up with.")}


class ResetPasswordKeyForm(PlainWordsMixin, account_forms.ResetPasswordKeyForm):
    words = {
        "password1": (NEW_LABEL, CHOOSING_HINT),
        "password2": (AGAIN_LABEL, AGAIN_HINT),
    }


class ChangePasswordForm(PlainWordsMixin, account_forms.ChangePasswordForm):
    words = {
        "oldpassword": ("Your password now", ""),
        "password1": (NEW_LABEL, CHOOSING_HINT),
        "password2": (AGAIN_LABEL, AGAIN_HINT),
    }


class SetPasswordForm(PlainWordsMixin, account_forms.SetPasswordForm):
    words = {
        "password1": ("Your password", CHOOSING_HINT),
        "password2": ("Your password, once more", AGAIN_HINT),
    }


class AddEmailForm(PlainWordsMixin, account_forms.AddEmailForm):
    words = {"email": ("New email address", "")}


class AuthenticateForm(PlainWordsMixin, mfa_base_forms.AuthenticateForm):
    words = {"code": ("Code", "The 6 digits your authenticator app shows, or a backup code.")}


class ActivateTOTPForm(PlainWordsMixin, totp_forms.ActivateTOTPForm):
    words = {"code": (APP_CODE, "The app shows a new one every 30 seconds; any fresh one works.")}
