from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from landscape.forms import InteractionForm, MicroConnectionForm, QuickLogForm
from landscape.services import interaction_log


@login_required
@require_http_methods(["GET", "POST"])
def log_connection(request):
    initial = {}
    if request.method == "GET" and request.GET.get("person", "").isdecimal():
        # Only the owner's people are choices, so another user's id preselects nothing.
        initial["people"] = [int(request.GET["person"])]
    form = InteractionForm(request.POST or None, owner=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interaction_log(
            owner=request.user,
            occurred_on=data["occurred_on"],
            people=data["people"],
            channel=data["channel"],
            feeling=data["feeling"],
            note=data["note"],
            is_micro=data["is_micro"],
        )
        messages.success(request, "Logged. Every connection counts.")
        return redirect("today")
    return render(request, "connection/log_connection.html", {"form": form})


@login_required
@require_POST
def quick_log(request):
    # Today's buttons send "<person id>:<feeling>"; each person has a channel-<id> select.
    person_id, _, feeling = request.POST.get("log", "").partition(":")
    data = {
        "person": person_id,
        "feeling": feeling,
        "channel": request.POST.get(f"channel-{person_id}", ""),
    }
    form = QuickLogForm(data, owner=request.user)
    if not form.is_valid():
        if "person" in form.errors:
            raise Http404("No such person")
        messages.error(request, "That did not work; please try the full form.")
        return redirect("log_connection")
    person = form.cleaned_data["person"]
    interaction_log(
        owner=request.user,
        occurred_on=timezone.localdate(),
        people=[person],
        channel=form.cleaned_data["channel"],
        feeling=form.cleaned_data["feeling"],
    )
    messages.success(request, f"Logged your connection with {person.name}.")
    return redirect("today")


@login_required
@require_POST
def micro_log(request):
    form = MicroConnectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Keep the note under 5,000 characters and pick a feeling.")
        return redirect("today")
    interaction_log(
        owner=request.user,
        occurred_on=timezone.localdate(),
        is_micro=True,
        feeling=form.cleaned_data["feeling"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, "A micro-connection logged. Small moments add up.")
    return redirect("today")
