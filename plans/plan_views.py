from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from landscape.choices import Energy
from landscape.models import Person
from landscape.services import PeopleLimitReached
from plans.content.plan_days import MESSAGE_STARTERS, PLAN_DAYS
from plans.forms import DAY_FORMS, EnrollmentForm
from plans.models import Enrollment, PlanStatus
from plans.selectors import active_enrollment, plan_progress
from plans.services import enrollment_start, enrollment_stop, plan_day_complete


def _today(request):
    return timezone.now().astimezone(request.user.zone).date()


def _history(request):
    return Enrollment.objects.filter(owner=request.user).exclude(status=PlanStatus.ACTIVE)


@login_required
def plan(request):
    today = _today(request)
    enrollment = active_enrollment(user=request.user)
    form = EnrollmentForm(
        request.POST if request.method == "POST" else None, today=today, zone=request.user.zone
    )
    if request.method == "POST" and form.is_valid():
        enrollment_start(
            owner=request.user,
            starts_on=form.cleaned_data["starts_on"],
            reminder_time=form.cleaned_data["reminder_time"],
        )
        starts_on = form.cleaned_data["starts_on"]
        if starts_on == today:
            messages.success(request, "Your 7-day plan starts today. Here is Day 1.")
            return redirect("plan_day", number=1)
        messages.success(request, f"Your 7-day plan starts on {date_format(starts_on, 'l j F')}.")
        return redirect("plan")
    context = {
        "form": form,
        "progress": plan_progress(enrollment, today) if enrollment else None,
        "history": _history(request),
        "today": today,
    }
    return render(request, "plans/plan.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def plan_stop(request):
    enrollment_stop(owner=request.user)
    messages.info(request, "Your plan is stopped. What you did stays in your history.")
    return redirect("plan")


@login_required
def plan_history(request, pk):
    enrollment = get_object_or_404(_history(request), pk=pk)
    context = {"progress": plan_progress(enrollment, _today(request)), "past": True}
    return render(request, "plans/plan_history.html", context)


def _message_starters(name: str) -> list[dict]:
    starters = []
    for starter in MESSAGE_STARTERS:
        text = starter.format(name=name)
        # A starter may open with the name, so "friend" must read as a sentence start.
        text = text[0].upper() + text[1:]
        starters.append(
            {
                "text": text,
                "sms": f"sms:?&body={quote(text)}",
                "mailto": f"mailto:?subject={quote('Thinking of you')}&body={quote(text)}",
            }
        )
    return starters


@login_required
def plan_day(request, number):
    if not 1 <= number <= len(PLAN_DAYS):
        raise Http404("The plan has seven days")
    enrollment = active_enrollment(user=request.user)
    if enrollment is None:
        messages.info(request, "Start the plan first: choose a start date and a reminder time.")
        return redirect("plan")
    today = _today(request)
    day = PLAN_DAYS[number - 1]
    entry = next((e for e in enrollment.entries.all() if e.number == number), None)
    is_open = enrollment.is_day_open(number, today)
    done = bool(entry and entry.completed_at)
    form_class = DAY_FORMS[day.record]
    form = None
    if is_open and not done:
        form = form_class(request.POST if request.method == "POST" else None, owner=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                entry = plan_day_complete(
                    enrollment=enrollment, number=number, today=today, data=form.cleaned_data
                )
            except PeopleLimitReached as full:
                form.add_error(None, str(full))
            else:
                messages.success(request, f"Day {number} is done. Lovely work.")
                if entry.ritual:
                    messages.info(request, "Your weekly ritual is set up: adjust it as you like.")
                    return redirect("ritual_edit", pk=entry.ritual.pk)
                return redirect("plan_day", number=number)
    starter_name = "friend"
    # Day 6 never suggests writing warmly to someone the person finds draining.
    people = Person.objects.current().filter(owner=request.user).exclude(energy=Energy.DRAINING)
    if day.offers_message_starters and request.GET.get("person", "").isdecimal():
        starter_name = get_object_or_404(people, pk=request.GET["person"]).name
    context = {
        "day": day,
        "number": number,
        "date": enrollment.day_date(number),
        "is_open": is_open,
        "entry": entry if done else None,
        "form": form,
        "progress": plan_progress(enrollment, today),
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < len(PLAN_DAYS) else None,
        "starters": _message_starters(starter_name) if day.offers_message_starters else (),
        "starter_people": people if day.offers_message_starters else (),
        "starter_name": starter_name,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "plans/plan_day.html", context, status=status)
