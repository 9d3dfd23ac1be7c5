from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from connection.health import holds_readiness_token, readiness_report
from connection.lib.page_cache import cached_for_owner, fragment_fill, fragment_render
from landscape.choices import Channel, Feeling
from landscape.micro_prompts import prompt_for
from landscape.selectors import dates_coming, landscape_summary, people_to_reach_out
from plans.selectors import today_plans_context


def landing(request):
    return render(request, "connection/landing.html", {"hide_site_suffix": True})


# Part of the cache key: change it whenever _today_overview's shape changes, so that a
# deploy never reads entries written by the previous code.
TODAY_CACHE_FORMAT = "today-3"


def _today_overview(request, day) -> dict:
    """Everything on Today that depends only on the user's rows and the local day: the people
    to reach out to, the week's dates and the plan and rituals (rendered once), the counts
    for empty states."""
    user = request.user
    reach_out = people_to_reach_out(user, today=day)
    html = render_to_string(
        "connection/includes/reach_out_list.html",
        {"reach_out": reach_out, "channels": Channel.choices, "feelings": Feeling.choices},
    )
    coming = dates_coming(user, today=day)
    return {
        "reach_out_html": html if reach_out else "",
        "dates_html": (
            render_to_string("connection/includes/dates_coming.html", {"dates_coming": coming})
            if coming
            else ""
        ),
        **landscape_summary(user),
        "plans_html": fragment_render(
            "plans/today_panel.html", today_plans_context(user=user, today=day), request
        ),
    }


@login_required
def today(request):
    day = timezone.localdate()
    # Cached per version of the user's data and per local day (overdue moves daily); the
    # services of connection/ and plans/ drop the version after every write commits.
    overview = cached_for_owner(
        request.user.pk,
        TODAY_CACHE_FORMAT,
        lambda: _today_overview(request, day),
        day.isoformat(),
        request.user.time_zone,
    )
    context = {
        **overview,
        # Rendered by the template engine with autoescaping, from this user's rows only.
        "reach_out_html": mark_safe(overview["reach_out_html"]),  # noqa: S308
        "dates_html": mark_safe(overview["dates_html"]),  # noqa: S308
        "plans_html": fragment_fill(overview["plans_html"], request),
        "today": day,
        "micro_prompt": prompt_for(day),
        "feelings": Feeling.choices,
    }
    return render(request, "connection/today.html", context)


@never_cache
def readyz(request):
    # Without the token the URL does not exist: nothing tells a visitor it is there.
    if not holds_readiness_token(request):
        raise Http404
    report = readiness_report()
    failing = [name for name, state in report.items() if state != "ok"]
    body = {"status": "fail" if failing else "ok", "failing": failing, "checks": report}
    return JsonResponse(body, status=503 if failing else 200)


def root(request):
    return redirect("today") if request.user.is_authenticated else landing(request)
