"""Pages behind reminder email links (no sign-in needed: the link is signed) and the
reminder preferences page."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from plans.content.plan_days import PLAN_DAYS
from plans.reminders import links, selectors
from plans.reminders.forms import ConnectedForm, PreferencesForm
from plans.reminders.kinds import kind_for
from plans.reminders.models import Delivery, Kind
from plans.reminders.services import (
    ActionRefused,
    delivery_connected,
    delivery_person,
    delivery_plan_day_done,
    delivery_ritual_done,
    delivery_snooze,
    plan_day_done_from_email,
    preferences_get,
    preferences_save,
    reminders_unsubscribe,
)


def _refused(request, reason: str):
    return render(request, "reminders/link_refused.html", {"reason": reason}, status=400)


def _read(reader, token):
    try:
        return reader(token), None
    except signing.SignatureExpired:
        return None, "This link has expired."
    except signing.BadSignature:
        return None, "This link is not valid."


@require_http_methods(["GET", "POST"])
def reminder_action(request, token):
    payload, problem = _read(links.action_read, token)
    if problem:
        return _refused(request, problem)
    delivery = (
        Delivery.objects.select_related("schedule__owner")
        .filter(pk=payload["d"], schedule__owner_id=payload["u"])
        .first()
    )
    if delivery is None:
        return _refused(request, "This link is not valid.")
    action, target = payload["a"], payload["t"]
    handler = {"snooze": _snooze, "connected": _connected, "done": _done}.get(action)
    if handler is None:
        return _refused(request, "This link is not valid.")
    # Whoever opens the link, the times on these pages are the owner's local times.
    with timezone.override(delivery.schedule.owner.zone):
        return handler(request, delivery, target)


def _snooze(request, delivery, target):
    days = int(target) if target.isdigit() else 0
    context = {"delivery": delivery, "days": days}
    if request.method == "POST":
        try:
            context["next_due"] = delivery_snooze(delivery=delivery, days=days)
        except ActionRefused:
            return _refused(request, "This link is not valid.")
        return render(request, "reminders/snoozed.html", context)
    return render(request, "reminders/snooze_confirm.html", context)


def _connected(request, delivery, target):
    person = delivery_person(delivery=delivery, target=target)
    if person is None:
        return _refused(request, "This link is not valid.")
    form = ConnectedForm(request.POST or None)
    context = {"person": person, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            interaction = delivery_connected(
                delivery=delivery, person=person, channel=form.cleaned_data["channel"]
            )
        except ActionRefused:
            return _refused(request, "This link is not valid.")
        context["already"] = interaction is None
        return render(request, "reminders/connected.html", context)
    return render(request, "reminders/connected_confirm.html", context)


def _done(request, delivery, target):
    prefix, _, value = target.partition(":")
    if prefix == "at" and value.isdigit() and delivery.schedule.kind == Kind.RITUAL:
        occurrence_at = datetime.datetime.fromtimestamp(int(value), datetime.UTC)
        return _ritual_done(request, delivery, occurrence_at)
    if prefix == "day" and value.isdigit() and delivery.schedule.kind == Kind.PLAN_DAY:
        number = int(value)
        if 1 <= number <= len(PLAN_DAYS):
            return _plan_day_done(request, delivery, number)
    return _refused(request, "This link is not valid.")


def _owner_signed_in(request, delivery) -> bool:
    """Whether the link's owner opened it signed in: only they may learn, before any POST,
    that it was already done (a link on its own only asks, so a prefetch never reveals it)."""
    return request.user.is_authenticated and request.user.pk == delivery.schedule.owner_id


def _ritual_done(request, delivery, occurrence_at):
    ritual = kind_for(delivery.schedule.kind).source(delivery.schedule)
    if ritual is None:
        return _refused(request, "This ritual no longer exists.")
    context = {
        "what": ritual.title,
        "when": occurrence_at.astimezone(delivery.schedule.owner.zone),
        "page_url": reverse("ritual_detail", args=[ritual.pk]),
        "page_name": "the ritual's page",
    }
    if request.method == "POST":
        try:
            context["already"] = (
                delivery_ritual_done(delivery=delivery, occurrence_at=occurrence_at) is None
            )
        except ActionRefused:
            return _refused(request, "This link is not valid.")
        return render(request, "reminders/done.html", context)
    if (
        _owner_signed_in(request, delivery)
        and ritual.check_ins.filter(occurrence_at=occurrence_at).exists()
    ):
        return render(request, "reminders/done.html", {**context, "already": True})
    return render(request, "reminders/done_confirm.html", context)


def _plan_day_done(request, delivery, number):
    day = PLAN_DAYS[number - 1]
    context = {
        "what": f"Day {number} of your 7-day plan: {day.title}",
        "day": day,
        "page_url": reverse("plan_day", args=[number]),
        "page_name": f"Day {number}'s page",
    }
    if not plan_day_done_from_email(number):
        # This day records whom the person chose or what they wrote: only its page can ask.
        return render(request, "reminders/plan_day_choose.html", context)
    if request.method == "POST":
        try:
            context["already"] = delivery_plan_day_done(delivery=delivery, number=number) is None
        except ActionRefused:
            return _refused(request, "This day can no longer be marked done from the email.")
        return render(request, "reminders/done.html", context)
    if _owner_signed_in(request, delivery):
        enrollment = kind_for(Kind.PLAN_DAY).source(delivery.schedule)
        if enrollment is not None and number in enrollment.done_numbers():
            return render(request, "reminders/done.html", {**context, "already": True})
    return render(request, "reminders/done_confirm.html", context)


# Mail providers send the RFC 8058 one-click POST without cookies, so no CSRF token can
# come with it; the signed token in the URL is what authorises the request.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request, token):
    payload, problem = _read(links.unsubscribe_read, token)
    if problem:
        return _refused(request, problem)
    owner = User.objects.filter(pk=payload["u"]).first()
    kind = payload["k"]
    if owner is None or kind not in {*Kind.values, links.ALL_KINDS} or kind == Kind.DIGEST:
        return _refused(request, "This link is not valid.")
    label = "any reminder" if kind == links.ALL_KINDS else Kind(kind).label.lower()
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
