"""The nudge email's "We connected" page (signed link, no sign-in needed)."""

from django.shortcuts import render

from landscape.forms import NudgeConnectedForm
from landscape.services import delivery_connected, delivery_person
from reminders.services import ActionRefused
from reminders.views import link_refused


def connected_page(request, delivery, target):
    person = delivery_person(delivery=delivery, target=target)
    if person is None:
        return link_refused(request, "This link is not valid.")
    form = NudgeConnectedForm(request.POST or None)
    context = {"person": person, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            interaction = delivery_connected(
                delivery=delivery, person=person, channel=form.cleaned_data["channel"]
            )
        except ActionRefused:
            return link_refused(request, "This link is not valid.")
        context["already"] = interaction is None
        return render(request, "reminders/connected.html", context)
    return render(request, "reminders/connected_confirm.html", context)
