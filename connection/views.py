from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from connection.choices import Channel, Feeling
from connection.health import health_report
from connection.landscape_cache import landscape_cached
from connection.micro_prompts import prompt_for
from connection.selectors import landscape_summary, people_to_reach_out
from plans.selectors import today_plans_context


def landing(request):
    return render(request, "connection/landing.html", {"hide_site_suffix": True})


def _today_overview(user, day) -> dict:
    """The people to reach out to (rendered once) and the counts for the empty states."""
    reach_out = people_to_reach_out(user, today=day)
    html = render_to_string(
        "connection/includes/reach_out_list.html",
        {"reach_out": reach_out, "channels": Channel.choices, "feelings": Feeling.choices},
    )
    return {"reach_out_html": html if reach_out else "", **landscape_summary(user)}


@login_required
def today(request):
    day = timezone.localdate()
    # Cached per version of the user's landscape and per local day (overdue moves daily).
    overview = landscape_cached(
        request.user.pk, "today", lambda: _today_overview(request.user, day), day.isoformat()
    )
    context = {
        **overview,
        # Rendered by the template engine with autoescaping, from this user's rows only.
        "reach_out_html": mark_safe(overview["reach_out_html"]),  # noqa: S308
        "today": day,
        "micro_prompt": prompt_for(day),
        "feelings": Feeling.choices,
        # Not cached: the plan day and rituals change with the hour and every check-in.
        "plans": today_plans_context(user=request.user, today=day),
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
