import json

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.services import account_delete, account_export, profile_save


@login_required
def welcome(request):
    return render(request, "accounts/welcome.html")


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            profile_save(form=form)
            messages.success(request, "Your details are saved.")
            return redirect("account_settings")
    else:
        form = ProfileForm(instance=request.user)
    context = {
        "form": form,
        "primary_email": EmailAddress.objects.filter(user=request.user, primary=True).first(),
        "two_factor_on": Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists(),
        "session_count": UserSession.objects.filter(user=request.user).count(),
    }
    return render(request, "accounts/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def export_data(request):
    if request.method == "GET":
        return render(request, "accounts/export.html")
    payload = json.dumps(account_export(user=request.user), indent=2, ensure_ascii=False)
    filename = f"kindred-export-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        return redirect("account_deleted")
    return render(request, "accounts/delete.html", {"form": form})


def account_deleted(request):
    return render(request, "accounts/deleted.html")
