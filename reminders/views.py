"""Pages behind reminder email links (no sign-in needed: the link is signed) and the
reminder preferences page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from reminders import links, selectors
from reminders.forms import PreferencesForm
from reminders.kinds import kind_for, registered_kinds
from reminders.models import Delivery
from reminders.services import (
    ActionRefused,
    delivery_snooze,
    preferences_get,
    preferences_save,
    reminders_unsubscribe,
)


def link_refused(request, reason: str):
    return render(request, "reminders/link_refused.html", {"reason": reason}, status=400)


def _read(reader, token):
    try:
        return reader(token), None
    except signing.SignatureExpired:
        return None, "This link has expired."
    except signing.BadSignature:
        return None, "This link is not valid."


# The signed token in the URL authorises the POST, as it does the GET; no session is used.
# The page is sent with Referrer-Policy: no-referrer, under which browsers post its form
# with `Origin: null`, which CSRF protection would refuse.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_action(request, token):
    payload, problem = _read(links.action_read, token)
    if problem:
        return link_refused(request, problem)
    delivery = (
        Delivery.objects.select_related("schedule__owner")
        .filter(pk=payload["d"], schedule__owner_id=payload["u"])
        .first()
    )
    if delivery is None:
        return link_refused(request, "This link is not valid.")
    action, target = payload["a"], payload["t"]
    # Snooze is the engine's own; every other action is answered by the reminder's kind.
    kind = kind_for(delivery.schedule.kind)
    handler = _snooze if action == "snooze" else kind.actions.get(action)
    if handler is None:
        return link_refused(request, "This link is not valid.")
    # Whoever opens the link, the times on these pages are those of the email's recipient.
    with timezone.override(kind.display_zone(delivery.schedule)):
        return handler(request, delivery, target)


def _snooze(request, delivery, target):
    days = int(target) if target.isdecimal() else 0
    context = {"delivery": delivery, "days": days}
    if request.method == "POST":
        try:
            context["next_due"] = delivery_snooze(delivery=delivery, days=days)
        except ActionRefused:
            return link_refused(request, "This link is not valid.")
        return render(request, "reminders/snoozed.html", context)
    return render(request, "reminders/snooze_confirm.html", context)


# Mail providers send the RFC 8058 one-click POST without cookies, so no CSRF token can
# come with it; the signed token in the URL is what authorises the request.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request, token):
    payload, problem = _read(links.unsubscribe_read, token)
    if problem:
        return link_refused(request, problem)
    owner = User.objects.filter(pk=payload["u"]).first()
    kind = payload["k"]
    # A kind named after its preference (ritual) names it, not others that share it.
    kinds = sorted(registered_kinds(), key=lambda k: k.name == k.preference)
    optional = {k.preference: k for k in kinds if k.optional}
    if owner is None or kind not in {*optional, links.ALL_KINDS}:
        return link_refused(request, "This link is not valid.")
    label = "any reminder" if kind == links.ALL_KINDS else optional[kind].label.lower()
    context = {"label": label, "all": kind == links.ALL_KINDS}
    if request.method == "POST":
        reminders_unsubscribe(owner=owner, kind=kind)
        return render(request, "reminders/unsubscribed.html", context)
    return render(request, "reminders/unsubscribe_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reminder_preferences(request):
    preferences = preferences_get(owner=request.user)
    form = PreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        preferences_save(preferences=form.save(commit=False))
        messages.success(request, "Your reminder preferences are saved.")
        return redirect("reminder_preferences")
    context = {
        "form": form,
        "last_sent": selectors.last_sent(owner=request.user),
        "last_trouble": selectors.last_trouble(owner=request.user),
    }
    return render(request, "reminders/preferences.html", context)
