import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from plans.calendar import calendar_ics
from plans.consistency import latest_percent
from plans.content.ritual_catalog import CATALOG
from plans.forms import CheckInForm, RitualForm
from plans.invitation_services import can_invite, invitations_received, ritual_sharing
from plans.invitation_views import shared_with_you
from plans.models import CheckInStatus, Ritual
from plans.selectors import consistency_chart, ritual_summaries
from plans.services import (
    CATALOG_BY_SLUG,
    AlreadyCheckedIn,
    ritual_check_in,
    ritual_delete,
    ritual_from_catalog,
    ritual_pause,
    ritual_resume,
    ritual_save,
)


def _owned_ritual(request, pk):
    return get_object_or_404(
        Ritual.objects.select_related("owner").prefetch_related("people"),
        pk=pk,
        owner=request.user,
    )


@login_required
def ritual_list(request):
    context = {
        "summaries": ritual_summaries(user=request.user, now=timezone.now()),
        "shared": shared_with_you(invitations=invitations_received(user=request.user)),
    }
    return render(request, "plans/rituals.html", context)


@login_required
def ritual_catalog(request):
    if request.method == "POST":
        slug = request.POST.get("slug", "")
        if slug not in CATALOG_BY_SLUG:
            raise Http404("No such ritual in the catalog")
        ritual = ritual_from_catalog(owner=request.user, slug=slug)
        messages.success(
            request, f"“{ritual.title}” is one of your rituals now. Choose who it's with."
        )
        return redirect("ritual_edit", pk=ritual.pk)
    return render(request, "plans/ritual_catalog.html", {"catalog": CATALOG})


@login_required
def ritual_new(request):
    form = RitualForm(request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.owner = request.user
        ritual = ritual_save(form=form)
        messages.success(request, f"“{ritual.title}” is set up.")
        return redirect("ritual_detail", pk=ritual.pk)
    return render(request, "plans/ritual_form.html", {"form": form, "ritual": None})


@login_required
def ritual_edit(request, pk):
    ritual = _owned_ritual(request, pk)
    form = RitualForm(
        request.POST if request.method == "POST" else None, instance=ritual, owner=request.user
    )
    if request.method == "POST" and form.is_valid():
        ritual_save(form=form)
        messages.success(request, "Saved.")
        return redirect("ritual_detail", pk=ritual.pk)
    return render(request, "plans/ritual_form.html", {"form": form, "ritual": ritual})


def _detail(request, ritual, form=None, status=200):
    now = timezone.now()
    check_ins = list(ritual.check_ins.all())
    if form is None:
        form = CheckInForm(occurrences=ritual.open_occurrences(now), zone=request.user.zone)
    scores = ritual.scores(now, check_ins)
    context = {
        "ritual": ritual,
        "form": form,
        "consistency": latest_percent(scores),
        "streak": ritual.streak(now, check_ins),
        "kept": ritual.kept_so_far(now, check_ins),
        "chart": consistency_chart(scores, request.user.zone),
        "upcoming": ritual.occurrences_between(now, now + datetime.timedelta(days=62))[:5]
        if ritual.is_active
        else [],
        "check_ins": check_ins[:20],
        "sharing": ritual_sharing(ritual=ritual),
        "can_invite": can_invite(ritual.owner),
    }
    return render(request, "plans/ritual_detail.html", context, status=status)


@login_required
def ritual_detail(request, pk):
    return _detail(request, _owned_ritual(request, pk))


@login_required
@require_POST
def ritual_check_in_view(request, pk):
    ritual = _owned_ritual(request, pk)
    now = timezone.now()
    form = CheckInForm(
        request.POST, occurrences=ritual.open_occurrences(now), zone=request.user.zone
    )
    if not form.is_valid():
        return _detail(request, ritual, form=form, status=400)
    try:
        check_in = ritual_check_in(
            ritual=ritual,
            occurrence_at=form.cleaned_data["occurrence"],
            status=form.cleaned_data["status"],
            feeling=form.cleaned_data["feeling"],
            note=form.cleaned_data["note"],
        )
    except AlreadyCheckedIn:
        messages.info(request, "That one was already checked in.")
    else:
        if check_in.status == CheckInStatus.DONE:
            messages.success(request, f"“{ritual.title}” checked in as done. Well done!")
        else:
            messages.info(request, f"“{ritual.title}” checked in as {check_in.status}.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("ritual_detail", pk=ritual.pk)


@login_required
@require_POST
def ritual_set_active(request, pk):
    ritual = _owned_ritual(request, pk)
    if request.POST.get("active") == "1":
        ritual_resume(ritual=ritual)
        messages.success(request, f"“{ritual.title}” is running again.")
    else:
        ritual_pause(ritual=ritual)
        messages.info(request, f"“{ritual.title}” is paused. No reminders until you resume it.")
    return redirect("ritual_detail", pk=ritual.pk)


@login_required
@require_POST
def ritual_delete_view(request, pk):
    ritual = _owned_ritual(request, pk)
    title = ritual.title
    ritual_delete(ritual=ritual)
    messages.info(request, f"“{title}” and its check-ins are deleted.")
    return redirect("rituals")


@login_required
def ritual_ics(request, pk):
    ritual = _owned_ritual(request, pk)
    if not ritual.is_active:
        # A file to import is a promise of times to come; a paused ritual has none.
        raise Http404("A paused ritual has no calendar file")
    body = calendar_ics(name=ritual.title, rituals=[ritual])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kindred-ritual-{ritual.pk}.ics"'
    return response
