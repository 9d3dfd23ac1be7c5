import time

from allauth.account.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import add_never_cache_headers


class UserTimeZoneMiddleware:
    """Shows dates and times in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PrivatePagesNotCachedMiddleware:
    """Any response to a signed-in person may hold personal data: no browser or proxy keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            # max-age=0, no-cache, no-store, must-revalidate, private
            add_never_cache_headers(response)
        return response


class UserSessionActivityMiddleware:
    """Keeps "last seen" on the sessions page fresh to within a few minutes.

    allauth's own middleware rewrites the session row on every request (a savepoint, two
    selects and an update). Here a cache entry limits it to once per ACTIVITY_INTERVAL, and
    the write is a single UPDATE; allauth still creates the row when someone signs in.
    """

    ACTIVITY_INTERVAL = 300

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session and session.session_key:
            key = f"session-activity:{session.session_key}"
            now = time.time()
            # Two requests racing past this check both record: harmless, and rare.
            if now - cache.get(key, 0) >= self.ACTIVITY_INTERVAL:
                cache.set(key, now, timeout=2 * self.ACTIVITY_INTERVAL)
                self._record(request)
        return self.get_response(request)

    @staticmethod
    def _record(request):
        user_agent_field = UserSession._meta.get_field("user_agent")
        updated = UserSession.objects.filter(
            session_key=request.session.session_key, user=request.user
        ).update(
            last_seen_at=timezone.now(),
            ip=get_adapter().get_client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[: user_agent_field.max_length],
        )
        if not updated:
            UserSession.objects.create_from_request(request)
