"""Sending the sign-up confirmation link again, to someone who is not signed in.

The answer is the same for every address, whether or not an account is waiting for it, so
the page never tells a stranger who has an account here. Sending is rate limited per
address (allauth's "confirm_email" limit) and per client ("resend_confirmation").
"""

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_POST


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


@require_POST
def resend_confirmation(request):
    form = ResendConfirmationForm(request.POST)
    status = ""
    if form.is_valid():
        email = form.cleaned_data["email"]
        # Both limits are consumed for every address, known or not, so that hitting them
        # says nothing about whether the address has an account.
        client_allowed = ratelimit.consume(request, action="resend_confirmation")
        address_allowed = ratelimit.consume(request, action="confirm_email", key=email.lower())
        if not client_allowed:
            status = "too_many"
        else:
            status = "sent"
            waiting = (
                EmailAddress.objects.filter(email__iexact=email, verified=False)
                .select_related("user")
                .first()
            )
            if waiting is not None and address_allowed:
                waiting.send_confirmation(request, signup=True)
    return render(
        request,
        "account/verification_sent.html",
        {"form": form, "resend_status": status},
        status=429 if status == "too_many" else 200,
    )
