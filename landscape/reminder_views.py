"""The pages behind the landscape's reminder email links (signed links, no sign-in needed;
the engine has checked the signature and the delivery's owner): the nudge's "We connected"
and the important date's *Done*."""

from django.shortcuts import render

from landscape.forms import NudgeConnectedForm
from landscape.services import (
    delivery_connected,
    delivery_date,
    delivery_date_done,
    delivery_person,
)
from reminders.services import ActionRefused
from reminders.views import link_refused


def _log_connection_page(request, person, log):
    """Ask how the owner connected with `person`; on POST `log(channel)` records it once
    (None when this email logged it before)."""
    form = NudgeConnectedForm(request.POST or None)
    context = {"person": person, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            context["already"] = log(form.cleaned_data["channel"]) is None
        except ActionRefused:
            return link_refused(request, "This link is not valid.")
        return render(request, "reminders/connected.html", context)
    return render(request, "reminders/connected_confirm.html", context)


def connected_page(request, delivery, target):
    person = delivery_person(delivery=delivery, target=target)
    if person is None:
        return link_refused(request, "This link is not valid.")
    return _log_connection_page(
        request,
        person,
        lambda channel: delivery_connected(delivery=delivery, person=person, channel=channel),
    )


def date_done_page(request, delivery, target):
    """target "date:<pk>": the date the reminder was about. Done means "I reached out",
    which logs the connection with that person."""
    date = delivery_date(delivery=delivery, target=target)
    if date is None:
        return link_refused(request, "This date is no longer on your map.")
    return _log_connection_page(
        request,
        date.person,
        lambda channel: delivery_date_done(delivery=delivery, date=date, channel=channel),
    )
