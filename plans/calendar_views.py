import hmac

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from connection.lib.links import site_url
from landscape.selectors import dates_for_calendar
from plans.calendar import calendar_ics
from plans.models import CalendarFeed, Ritual
from plans.selectors import active_enrollment
from plans.services import calendar_feed_get, calendar_feed_regenerate


@never_cache
def calendar_feed(request, token):
    """The private feed: no login, the secret in the URL is the key. Anything else is a 404,
    whether the token is malformed, unknown or replaced."""
    feed_id, _, secret = token.partition(".")
    if not feed_id.isdecimal() or not secret:
        raise Http404("No such calendar")
    feed = CalendarFeed.objects.select_related("owner").filter(pk=feed_id).first()
    if feed is None or not hmac.compare_digest(feed.secret.encode(), secret.encode()):
        raise Http404("No such calendar")
    owner = feed.owner
    # Paused rituals too: their series end at the pause, so a subscribed calendar keeps
    # their past and drops their future.
    rituals = Ritual.objects.filter(owner=owner).select_related("owner")
    body = calendar_ics(
        name="Kindred",
        rituals=rituals.prefetch_related("people"),
        enrollment=active_enrollment(user=owner),
        dates=dates_for_calendar(owner),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def calendar_manage(request):
    if request.method == "POST":
        calendar_feed_regenerate(owner=request.user)
        messages.success(request, "Your calendar link is new. The old one has stopped working.")
        return redirect("calendar")
    feed = calendar_feed_get(owner=request.user)
    url = site_url(reverse("calendar_feed", args=[feed.token]))
    context = {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}
    return render(request, "plans/calendar.html", context)
