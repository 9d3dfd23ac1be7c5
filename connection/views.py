from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from connection.health import health_report


def landing(request):
    return render(request, "connection/landing.html", {"hide_site_suffix": True})


@login_required
def today(request):
    return render(request, "connection/today.html")


@never_cache
def healthz(request):
    report = health_report()
    failing = [name for name, state in report.items() if state != "ok"]
    body = {"status": "fail" if failing else "ok", "failing": failing, "checks": report}
    return JsonResponse(body, status=503 if failing else 200)


def root(request):
    return redirect("today") if request.user.is_authenticated else landing(request)
