"""Absolute links for emails and feeds, always built on SITE_URL.

Emails leave the request behind: links must not depend on whichever Host header a request
happened to carry.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url(path_or_url: str) -> str:
    parts = urlsplit(path_or_url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.SITE_URL + path
