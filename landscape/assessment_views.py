"""The check-in wizard: every step saves as it goes, so it can be left and resumed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from landscape.choices import ASSESSMENT_STEPS, AssessmentStep
from landscape.forms import ConnectedForm, MissingForm, PersonRatingForm, QuickPeopleFormSet
from landscape.models import Assessment, Person
from landscape.results import results_context, score_charts
from landscape.scoring import LSNS_FAMILY_INTRO, LSNS_FRIENDS_INTRO
from landscape.selectors import completed_assessments, last_rated_people
from landscape.services import (
    PeopleLimitReached,
    assessment_advance,
    assessment_complete,
    assessment_resume,
    assessment_save,
    people_add_with_kinds,
    person_rate,
)


def _next_step(step: str) -> str:
    return ASSESSMENT_STEPS[ASSESSMENT_STEPS.index(step) + 1]


def _after_save(request, assessment, step):
    """Where a saved step leads: onwards, or back to Today when saving for later."""
    if "later" in request.POST:
        assessment_advance(assessment=assessment, reached=step)
        messages.success(request, "Saved. Come back to your check-in whenever you like.")
        return redirect("today")
    following = _next_step(step)
    assessment_advance(assessment=assessment, reached=following)
    return redirect("assessment_step", step=following)


@login_required
def assessment_start(request):
    assessment = assessment_resume(owner=request.user)
    return redirect("assessment_step", step=assessment.step)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_step(request, step):
    if step not in AssessmentStep.values:
        raise Http404("No such step")
    assessment = assessment_resume(owner=request.user)
    if not assessment.step_reached(step):
        return redirect("assessment_step", step=assessment.step)
    handler = {
        AssessmentStep.PEOPLE: _people_step,
        AssessmentStep.FEELINGS: _feelings_step,
        AssessmentStep.MISSING: _missing_step,
        AssessmentStep.CONNECTED: _connected_step,
    }[step]
    return handler(request, assessment)


def _render(request, assessment, step, context, template=None):
    position = ASSESSMENT_STEPS.index(step)
    steps = [
        {
            "value": s.value,
            "label": s.label,
            "reached": assessment.step_reached(s),
            "current": s == step,
        }
        for s in ASSESSMENT_STEPS
    ]
    context.update(
        {
            "assessment": assessment,
            "step": step,
            "step_label": AssessmentStep(step).label,
            "number": position + 1,
            "total": len(ASSESSMENT_STEPS),
            "steps": steps,
            "previous_step": ASSESSMENT_STEPS[position - 1] if position else None,
        }
    )
    return render(request, f"connection/assessment/{template or step}.html", context)


def _people_step(request, assessment):
    people = Person.objects.filter(owner=request.user).current()
    formset = QuickPeopleFormSet(request.POST or None, prefix="add")
    if request.method == "POST" and formset.is_valid():
        try:
            added = people_add_with_kinds(
                owner=request.user,
                entries=[
                    (form.cleaned_data.get("name"), form.cleaned_data.get("kind"))
                    for form in formset
                ],
            )
        except PeopleLimitReached as full:
            formset.non_form_errors().append(str(full))
            return _render(
                request,
                assessment,
                AssessmentStep.PEOPLE,
                {"formset": formset, "people": list(people)},
            )
        if added:
            messages.success(request, f"Added {len(added)} to your map.")
        if "add" in request.POST:
            return redirect("assessment_step", step=AssessmentStep.PEOPLE)
        return _after_save(request, assessment, AssessmentStep.PEOPLE)
    return _render(
        request, assessment, AssessmentStep.PEOPLE, {"formset": formset, "people": list(people)}
    )


def _people_to_rate(owner) -> list[int]:
    """The ids of the people the feelings step asks about, in the order it asks."""
    return list(
        Person.objects.filter(owner=owner)
        .current()
        .order_by("name", "pk")
        .values_list("pk", flat=True)
    )


def _feelings_step(request, assessment):
    """Resume at the first person not answered yet; with nobody to ask, simply move on."""
    order = _people_to_rate(request.user)
    if not order:
        if request.method == "POST":
            return _after_save(request, assessment, AssessmentStep.FEELINGS)
        return _render(request, assessment, AssessmentStep.FEELINGS, {})
    waiting = [pk for pk in order if pk not in assessment.rated_people]
    return redirect("assessment_rate", pk=waiting[0] if waiting else order[0])


def _after_person(request, assessment, order, position):
    """The next person, or the next step after the last one."""
    if position + 1 < len(order):
        return redirect("assessment_rate", pk=order[position + 1])
    return _after_save(request, assessment, AssessmentStep.FEELINGS)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_rate(request, pk):
    """One person of "how do they feel": one small form, saved before moving on."""
    assessment = assessment_resume(owner=request.user)
    if not assessment.step_reached(AssessmentStep.FEELINGS):
        return redirect("assessment_step", step=assessment.step)
    person = get_object_or_404(Person.objects.filter(owner=request.user).current(), pk=pk)
    order = _people_to_rate(request.user)
    position = order.index(person.pk)
    if request.method == "POST" and "skip" in request.POST:
        return _after_person(request, assessment, order, position)

    answered_before = pk in assessment.rated_people or pk in last_rated_people(request.user)
    form = PersonRatingForm(
        request.POST or None,
        instance=person,
        initial=None if answered_before else PersonRatingForm.UNASKED,
    )
    if request.method == "POST" and form.is_valid():
        person_rate(form=form, assessment=assessment)
        if "later" in request.POST:
            messages.success(request, "Saved. Come back to your check-in whenever you like.")
            return redirect("today")
        return _after_person(request, assessment, order, position)
    context = {
        "person": person,
        "form": form,
        "position": position + 1,
        "people_total": len(order),
        "previous_person": order[position - 1] if position else None,
        "radio_fields": [
            form["energy"],
            form["closeness"],
            form["contact_now"],
            form["contact_wished"],
        ],
    }
    return _render(request, assessment, AssessmentStep.FEELINGS, context, template="person")


def _missing_step(request, assessment):
    form = MissingForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        assessment_save(form=form)
        return _after_save(request, assessment, AssessmentStep.MISSING)
    return _render(request, assessment, AssessmentStep.MISSING, {"form": form})


def _connected_step(request, assessment):
    form = ConnectedForm(request.POST or None, initial=ConnectedForm.initial_from(assessment))
    if request.method == "POST" and form.is_valid():
        assessment_complete(
            assessment=assessment,
            ucla_answers=form.ucla_answers,
            lsns_answers=form.lsns_answers,
            reflection=form.cleaned_data["reflection"],
            today=timezone.localdate(),
        )
        return redirect("assessment_results", pk=assessment.pk)
    context = {
        "form": form,
        "ucla_fields": [form[name] for name in form.ucla_names],
        "family_fields": [form[name] for name in form.lsns_names[:3]],
        "friend_fields": [form[name] for name in form.lsns_names[3:]],
        "family_intro": LSNS_FAMILY_INTRO,
        "friends_intro": LSNS_FRIENDS_INTRO,
    }
    return _render(request, assessment, AssessmentStep.CONNECTED, context)


@login_required
def assessment_results(request, pk):
    assessment = get_object_or_404(Assessment.objects.completed(), pk=pk, owner=request.user)
    history = list(
        completed_assessments(request.user).filter(completed_at__lte=assessment.completed_at)
    )
    previous = history[-2] if len(history) > 1 else None
    return render(
        request,
        "connection/assessment/results.html",
        results_context(assessment, previous, history),
    )


@login_required
def assessment_history(request):
    history = list(completed_assessments(request.user))
    context = {"history": history, **score_charts(history)}
    return render(request, "connection/assessment/history.html", context)
