from email.utils import make_msgid
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings

from connection.lib.links import site_url

# Links allauth builds from the request's Host header for some emails.
_REQUEST_BUILT_LINKS = ("signup_url", "password_reset_url")

# Messages the next page already says in full: after sign-up, "Check your email"; after
# confirming the sign-up email (which signs the person in), the welcome page.
_SAID_BY_NEXT_PAGE = {
    "account_signup": {"account/messages/email_confirmation_sent.txt"},
    "account_confirm_email": {
        "account/messages/email_confirmed.txt",
        "account/messages/logged_in.txt",
    },
}


def _said_by_next_page(request, message_template) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or message_template not in _SAID_BY_NEXT_PAGE.get(match.url_name, ()):
        return False
    # Confirming a second address while signed in goes back to the settings: keep it there.
    confirmed_signed_in = (
        message_template.endswith("email_confirmed.txt") and request.user.is_authenticated
    )
    return not confirmed_signed_in


class AccountAdapter(DefaultAccountAdapter):
    """Account emails link to SITE_URL and carry their own Message-ID; errors in plain words."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account is switched off, so it cannot sign in.",
        "cannot_remove_primary_email": "This is the address we write to, so it has to stay.",
        "email_password_mismatch": (
            "That email address and password do not match. Check for a typing slip, or "
            "choose a new password with the link below."
        ),
        "duplicate_email": "That address is already on your account.",
        "enter_current_password": "Please type the password you use now.",
        "incorrect_password": "That is not your password. Check for a typing slip and try again.",
        "invalid_password_reset": "This link no longer works. Please ask for a new one.",
        "same_as_current": "That is the address you already use.",
        "too_many_login_attempts": (
            "Too many tries in a row. To keep your account safe, please wait a few minutes "
            "and try again."
        ),
        "unverified_primary_email": (
            "Please confirm your email address first: open the link we sent you."
        ),
        "rate_limited": (
            "That was a lot of tries in a short time. Please wait a little and try again."
        ),
    }

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        if _said_by_next_page(request, message_template):
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return site_url(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        links = {name: site_url(context[name]) for name in _REQUEST_BUILT_LINKS if name in context}
        super().send_mail(template_prefix, email, {**context, **links})

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.extra_headers.setdefault(
            "Message-ID", make_msgid(domain=urlsplit(settings.SITE_URL).hostname)
        )
        return message


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": (
            "While two-step sign-in is on, the address cannot change. Turn two-step sign-in "
            "off, change the address, then turn it on again."
        ),
        "unverified_email": (
            "Please confirm your email address first: two-step sign-in needs an address "
            "that is surely yours."
        ),
        "incorrect_code": (
            "That code did not work. Type the code your app shows now (it changes every 30 "
            "seconds), or one of your backup codes."
        ),
    }
