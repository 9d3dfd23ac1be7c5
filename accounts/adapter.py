from email.utils import make_msgid
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from connection.lib.links import site_url

# Links allauth builds from the request's Host header for some emails.
_REQUEST_BUILT_LINKS = ("signup_url", "password_reset_url")


class AccountAdapter(DefaultAccountAdapter):
    """Account emails link to SITE_URL and carry their own Message-ID."""

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
