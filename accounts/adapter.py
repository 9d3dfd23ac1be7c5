from email.utils import make_msgid
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from connection.lib.links import site_url


class AccountAdapter(DefaultAccountAdapter):
    """Account emails link to SITE_URL and carry their own Message-ID."""

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return site_url(super().get_reset_password_from_key_url(key))

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        message.extra_headers.setdefault(
            "Message-ID", make_msgid(domain=urlsplit(settings.SITE_URL).hostname)
        )
        return message
