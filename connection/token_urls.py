"""URLs whose path carries a secret: calendar feeds, reminder and unsubscribe links,
allauth's email-confirmation and password-reset keys.

They are found in the URL patterns themselves, by the names of their parameters, so that
a new token URL is covered as soon as it is added (and a parameter with a new name fails
a test until it is named here). Two things follow from being a token URL: its path never
reaches a log line whole, and its pages are neither stored nor sent on as a Referer.
"""

import functools
import logging
import re

from django.apps import apps
from django.utils.cache import add_never_cache_headers

SECRET_PARAMETERS = frozenset({"token", "key", "uidb36"})
PUBLIC_PARAMETERS = frozenset(
    {
        "pk",
        "person_pk",
        "number",
        "slug",
        "step",
        "app_label",
        "content_type_id",
        "object_id",
        "id",
        "url",
    }
)
REDACTED = "[redacted]"


def _endpoints(patterns, prefix=""):
    """(name, full route text, parameter names) of every endpoint under the patterns."""
    from django.urls import URLResolver

    for pattern in patterns:
        text = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from _endpoints(pattern.url_patterns, text)
        else:
            yield pattern.name, text, frozenset(pattern.pattern.regex.groupindex)


def endpoints() -> list[tuple[str | None, str, frozenset]]:
    from django.urls import get_resolver

    return list(_endpoints(get_resolver().url_patterns))


def token_routes() -> dict[str, str]:
    """The route of every URL pattern with a secret parameter, by the pattern's name."""
    return {name: route for name, route, params in endpoints() if params & SECRET_PARAMETERS}


def _static_prefix(route: str) -> str:
    """The literal start of a route, up to its first parameter ("r/" for "r/<str:token>/")."""
    return "/" + re.split(r"[<(\[\\$]", route, maxsplit=1)[0]


@functools.cache
def _redaction():
    """The token URLs' prefixes as one pattern, and the public paths that share them."""
    prefixes = {_static_prefix(route) for route in token_routes().values()}
    public = {"/" + route for _, route, params in endpoints() if not params}
    head = "|".join(re.escape(prefix) for prefix in sorted(prefixes, key=len, reverse=True))
    # A path starts a word, a quoted string or a query value, or follows a scheme and host.
    pattern = re.compile(
        r"(?<![^\s\"'=(])(?P<head>(?:[A-Za-z][A-Za-z0-9+.-]*://[^/\s\"']*)?"
        rf"(?P<prefix>{head}))(?P<secret>[^/?#\s\"'<>]+)"
    )
    return pattern, frozenset(public)


def redact(text: str) -> str:
    """The text with the secret path segment of every token URL in it replaced."""
    if not apps.ready:
        # Nothing has been served before the URL patterns can be read.
        return text
    pattern, public = _redaction()

    def replace(match):
        if match["prefix"] + match["secret"] + "/" in public:
            return match.group()
        return match["head"] + REDACTED

    return pattern.sub(replace, text)


def is_token_url(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and bool(SECRET_PARAMETERS & set(match.kwargs))


class RedactTokens(logging.Filter):
    """Rewrites every record that passes through it so that no token URL is printed whole
    (the message with its arguments, and the traceback of an exception)."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class TokenPagesPrivateMiddleware:
    """Pages behind email links show names and titles to whoever holds the link: no browser
    or proxy may keep them, and no link on them may carry the URL away in a Referer.

    A page under `no-referrer` posts its own forms with `Origin: null` and no Referer,
    which CSRF protection refuses. The token views' POSTs are authorised by the token
    (they are csrf_exempt) and get `no-referrer`; allauth's confirmation and reset pages
    keep CSRF (confirming signs in) and get `strict-origin`: a Referer of the bare origin,
    never the path, and an intact Origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_token_url(request):
            add_never_cache_headers(response)
            exempt = getattr(request.resolver_match.func, "csrf_exempt", False)
            response["Referrer-Policy"] = "no-referrer" if exempt else "strict-origin"
        return response
