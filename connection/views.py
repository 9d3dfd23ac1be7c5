from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from connection.choices import Channel, Feeling
from connection.health import health_report
from connection.micro_prompts import prompt_for
from connection.selectors import landscape_summary, people_to_reach_out


def landing(request):
    return render(request, "connection/landing.html", {"hide_site_suffix": True})


@login_required
def today(request):
    day = timezone.localdate()
    context = {
        "today": day,
        "reach_out": people_to_reach_out(request.user, today=day),
        "micro_prompt": prompt_for(day),
        "channels": Channel.choices,
        "feelings": Feeling.choices,
        **landscape_summary(request.user),
    }
    return render(request, "connection/today.html", context)


@never_cache
def healthz(request):
    report = health_report()
    failing = [name for name, state in report.items() if state != "ok"]
    body = {"status": "fail" if failing else "ok", "failing": failing, "checks": report}
    return JsonResponse(body, status=503 if failing else 200)


def root(request):
    return redirect("today") if request.user.is_authenticated else landing(request)
