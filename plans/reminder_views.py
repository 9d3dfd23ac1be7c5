"""The pages behind the *Done* links of ritual and plan-day reminder emails (signed links,
no sign-in needed; the engine has checked the signature and the delivery's owner)."""

import datetime

from django.shortcuts import render
from django.urls import reverse

from plans.content.plan_days import PLAN_DAYS
from plans.services import delivery_plan_day_done, delivery_ritual_done
from reminders.kinds import kind_for
from reminders.services import ActionRefused
from reminders.views import link_refused


def _owner_signed_in(request, delivery) -> bool:
    """Whether the link's owner opened it signed in: only they may learn, before any POST,
    that it was already done (a link on its own only asks, so a prefetch never reveals it)."""
    return request.user.is_authenticated and request.user.pk == delivery.schedule.owner_id


def ritual_done_page(request, delivery, target):
    """target "at:<unix time>": the occurrence the reminder was about."""
    prefix, _, value = target.partition(":")
    if prefix != "at" or not value.isdecimal():
        return link_refused(request, "This link is not valid.")
    try:
        occurrence_at = datetime.datetime.fromtimestamp(int(value), datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return link_refused(request, "This link is not valid.")
    ritual = kind_for(delivery.schedule.kind).source(delivery.schedule)
    if ritual is None:
        return link_refused(request, "This ritual no longer exists.")
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
            return link_refused(request, "This link is not valid.")
        return render(request, "reminders/done.html", context)
    if (
        _owner_signed_in(request, delivery)
        and ritual.check_ins.filter(occurrence_at=occurrence_at).exists()
    ):
        return render(request, "reminders/done.html", {**context, "already": True})
    return render(request, "reminders/done_confirm.html", context)


def plan_day_done_page(request, delivery, target):
    """target "day:<number>": the plan day the reminder was about."""
    prefix, _, value = target.partition(":")
    if prefix != "day" or not value.isdecimal() or not 1 <= int(value) <= len(PLAN_DAYS):
        return link_refused(request, "This link is not valid.")
    number = int(value)
    day = PLAN_DAYS[number - 1]
    context = {
        "what": f"Day {number} of your 7-day plan: {day.title}",
        "day": day,
        "page_url": reverse("plan_day", args=[number]),
        "page_name": f"Day {number}'s page",
    }
    if not day.done_from_email:
        # This day records whom the person chose or what they wrote: only its page can ask.
        return render(request, "reminders/plan_day_choose.html", context)
    if request.method == "POST":
        try:
            context["already"] = delivery_plan_day_done(delivery=delivery, number=number) is None
        except ActionRefused:
            return link_refused(request, "This day can no longer be marked done from the email.")
        return render(request, "reminders/done.html", context)
    if _owner_signed_in(request, delivery):
        enrollment = kind_for(delivery.schedule.kind).source(delivery.schedule)
        if enrollment is not None and number in enrollment.done_numbers():
            return render(request, "reminders/done.html", {**context, "already": True})
    return render(request, "reminders/done_confirm.html", context)
