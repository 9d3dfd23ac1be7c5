"""The one place that builds Kindred's own emails.

Every message is rendered from three templates, `emails/<name>_subject.txt`,
`emails/<name>_body.txt` and `emails/<name>_body.html` (which extends `emails/base.html`),
and carries an explicit Message-ID; messages that someone can opt out of also carry the
RFC 8058 one-click List-Unsubscribe headers.
"""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_build(
    *,
    name: str,
    to: str,
    context: dict,
    unsubscribe_url: str | None = None,
    message_id: str | None = None,
) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    text = render_to_string(f"emails/{name}_body.txt", context).strip() + "\n"
    html = render_to_string(f"emails/{name}_body.html", context)
    headers = {
        "Message-ID": message_id or make_msgid(domain=urlsplit(settings.SITE_URL).hostname),
        "Auto-Submitted": "auto-generated",
    }
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message
