"""Pages of shared rituals.

The owner's: inviting one of a ritual's people. The invitee's (no account, signed links):
accept or decline, "don't invite me again", their settings, leave, forget me, one-click
unsubscribe, the calendar file, and *Done* / *Can't make it* behind the reminder links.
Invitee pages show the ritual's title, times and channel, the inviter's chosen name and
the display names of the others who accepted: nothing of the owner's map or notes.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from icalendar import Calendar

from plans.calendar import calendar_ics
from plans.invitation_forms import AcceptForm, DeclineForm, InviteForm, SettingsForm
from plans.invitation_links import LinkRefused, invitation_read, invitation_url
from plans.invitation_models import AnswerStatus, InvitationStatus
from plans.invitation_services import (
    InviteRefused,
    can_invite,
    invitation_accept,
    invitation_decline,
    invitation_forget,
    invitation_leave,
    invitation_reminders_set,
    invitation_send,
    invitee_answer,
    ritual_in_words,
)
from plans.models import Ritual
from reminders.kinds import kind_for
from reminders.services import ActionRefused

# --- The owner's -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def ritual_invite(request, pk, person_pk):
    ritual = get_object_or_404(Ritual.objects.select_related("owner"), pk=pk, owner=request.user)
    person = get_object_or_404(ritual.people.filter(owner=request.user), pk=person_pk)
    allowed = can_invite(request.user)
    initial = {"email": person.email, "inviter_name": request.user.display_name}
    form = InviteForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 403 if request.method == "POST" and not allowed else 200
    if request.method == "POST" and allowed:
        if form.is_valid():
            try:
                invitation_send(
                    owner=request.user, ritual=ritual, person=person, **form.cleaned_data
                )
            except InviteRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, f"The invitation to {person.name} is on its way.")
                return redirect("ritual_detail", pk=ritual.pk)
        status = 400
    context = {"ritual": ritual, "person": person, "form": form, "allowed": allowed}
    return render(request, "plans/invite.html", context, status=status)


# --- The invitee's -----------------------------------------------------------------------


def _refused(request, reason):
    return render(request, "plans/invitation_refused.html", {"reason": reason}, status=400)


def _others(invitation) -> dict:
    """The other guests who accepted: named by the name they chose, or only counted."""
    others = invitation.ritual.invitations.filter(status=InvitationStatus.ACCEPTED).exclude(
        pk=invitation.pk
    )
    names = [other.invitee_name for other in others if other.invitee_name]
    return {"other_names": names, "unnamed_count": len(others) - len(names)}


def _context(invitation, **extra) -> dict:
    return {
        "invitation": invitation,
        "ritual": ritual_in_words(invitation.ritual),
        "inviter_name": invitation.inviter_name,
        "owner_email": invitation.owner.email if invitation.share_owner_email else "",
        **_others(invitation),
        **extra,
    }


def _links(invitation) -> dict:
    return {
        "manage_url": invitation_url(invitation=invitation, purpose="manage"),
        "calendar_url": invitation_url(invitation=invitation, purpose="calendar"),
    }


def _invitee_page(purpose):
    """Read the signed link first: anything but a valid link of this purpose is refused."""

    def decorate(view):
        @never_cache
        def wrapped(request, token):
            try:
                invitation = invitation_read(token, purpose=purpose)
            except LinkRefused as refused:
                return _refused(request, refused.reason)
            return view(request, invitation)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


@require_http_methods(["GET", "POST"])
@_invitee_page("respond")
def invitation_respond(request, invitation):
    """The invitation: accept (time zone, reminders, a name for the others) or decline."""
    zone = invitation.time_zone or invitation.owner.time_zone
    accept = AcceptForm(initial={"time_zone": zone, "wants_reminders": True})
    decline = DeclineForm()
    action = request.POST.get("action") if request.method == "POST" else None
    if invitation.status == InvitationStatus.LEFT and action is not None:
        return _refused(request, "You left this ritual; taking part again needs a new invitation.")
    if action == "accept":
        accept = AcceptForm(request.POST)
        if accept.is_valid():
            invitation_accept(invitation=invitation, **accept.cleaned_data)
            return render(
                request,
                "plans/invitation_accepted.html",
                _context(invitation, **_links(invitation)),
            )
    elif action == "decline":
        decline = DeclineForm(request.POST)
        if decline.is_valid():
            invitation_decline(invitation=invitation, **decline.cleaned_data)
            context = _context(invitation, never_again=decline.cleaned_data["never_again"])
            return render(request, "plans/invitation_declined.html", context)
    elif action is not None:
        return _refused(request, "That is not something this page can do.")
    context = _context(invitation, accept=accept, decline=decline, **_links(invitation))
    return render(request, "plans/invitation_respond.html", context, status=400 if action else 200)


@require_http_methods(["GET", "POST"])
@_invitee_page("manage")
def invitation_manage(request, invitation):
    """Taking part: time zone and reminders, leave, forget me, don't invite me again."""
    form = SettingsForm(
        initial={"time_zone": invitation.zone.key, "wants_reminders": invitation.wants_reminders}
    )
    action = request.POST.get("action") if request.method == "POST" else None
    taking_part = invitation.status == InvitationStatus.ACCEPTED
    if action == "save" and taking_part:
        form = SettingsForm(request.POST)
        if form.is_valid():
            invitation_reminders_set(invitation=invitation, **form.cleaned_data)
            context = _context(invitation, form=form, saved=True, **_links(invitation))
            return render(request, "plans/invitation_manage.html", context)
    elif action == "leave":
        invitation_leave(invitation=invitation)
        return render(
            request, "plans/invitation_left.html", _context(invitation, **_links(invitation))
        )
    elif action == "forget":
        invitation_forget(invitation=invitation)
        return render(request, "plans/invitation_forgotten.html", {})
    elif action == "never":
        invitation_decline(invitation=invitation, never_again=True)
        context = _context(invitation, never_again=True)
        return render(request, "plans/invitation_declined.html", context)
    elif action is not None:
        return _refused(request, "That is not something this page can do.")
    context = _context(invitation, form=form, **_links(invitation))
    return render(request, "plans/invitation_manage.html", context, status=400 if action else 200)


# Mail providers send the RFC 8058 one-click POST without cookies, so no CSRF token can come
# with it; the signed token in the URL is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@_invitee_page("unsubscribe")
def invitation_unsubscribe(request, invitation):
    """One click: no more reminder emails for this ritual (still taking part)."""
    if request.method == "POST":
        if invitation.status != InvitationStatus.LEFT:
            invitation_reminders_set(invitation=invitation, wants_reminders=False)
        return render(
            request,
            "plans/invitation_unsubscribed.html",
            _context(invitation, **_links(invitation)),
        )
    return render(request, "plans/invitation_unsubscribe_confirm.html", _context(invitation))


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_invitee_page("never")
def invitation_never(request, invitation):
    """ "Don't invite me again", also the invitation email's one-click unsubscribe."""
    if request.method == "POST":
        invitation_decline(invitation=invitation, never_again=True)
        return render(
            request, "plans/invitation_declined.html", _context(invitation, never_again=True)
        )
    return render(request, "plans/invitation_never_confirm.html", _context(invitation))


@_invitee_page("calendar")
def invitation_calendar(request, invitation):
    """The ritual as a calendar file for the invitee: its times, title and channel, with
    none of the owner's description, people or links."""
    if invitation.status != InvitationStatus.ACCEPTED:
        return _refused(request, "The calendar file is there for as long as you take part.")
    ritual = invitation.ritual
    cal = Calendar.from_ical(calendar_ics(name=ritual.title, rituals=[ritual]))
    for event in cal.walk("VEVENT"):
        for private in ("DESCRIPTION", "URL"):
            event.pop(private, None)
        event.add("description", f"With {invitation.inviter_name}, {ritual.get_channel_display()}")
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kindred-ritual-{ritual.pk}.ics"'
    return response


# --- Behind the invitee's reminder links (the engine has checked the signature) ----------


def _answer_page(request, delivery, target, status):
    prefix, _, value = target.partition(":")
    if prefix != "at" or not value.isdigit():
        return _refused(request, "This link is not valid.")
    invitation = kind_for(delivery.schedule.kind).source(delivery.schedule)
    if invitation is None or invitation.status != InvitationStatus.ACCEPTED:
        return _refused(request, "You no longer take part in this ritual.")
    occurrence_at = datetime.datetime.fromtimestamp(int(value), datetime.UTC)
    context = {
        "title": invitation.ritual.title,
        "when": occurrence_at.astimezone(invitation.zone),
        "done": status == AnswerStatus.DONE,
        "manage_url": invitation_url(invitation=invitation, purpose="manage"),
    }
    if request.method == "POST":
        try:
            answer = invitee_answer(
                delivery=delivery, invitation=invitation, occurrence_at=occurrence_at, status=status
            )
        except ActionRefused:
            return _refused(request, "This link is not valid.")
        context["already"] = answer is None
        return render(request, "plans/invitee_answered.html", context)
    return render(request, "plans/invitee_answer_confirm.html", context)


@never_cache
def invitee_done_page(request, delivery, target):
    return _answer_page(request, delivery, target, AnswerStatus.DONE)


@never_cache
def invitee_cant_page(request, delivery, target):
    return _answer_page(request, delivery, target, AnswerStatus.CANT)


def shared_with_you(*, invitations) -> list[dict]:
    """For a signed-in invitee's rituals page: each ritual shared with them and its link."""
    return [
        {
            "ritual": ritual_in_words(invitation.ritual),
            "inviter_name": invitation.inviter_name,
            "status": invitation.get_status_display(),
            "url": invitation_url(
                invitation=invitation,
                purpose="manage" if invitation.status == InvitationStatus.ACCEPTED else "respond",
            ),
        }
        for invitation in invitations
    ]
