"""allauth's sign-up form, made to take as long for a taken address as for a new one.

A module of its own: allauth's forms import accounts.forms (the extra sign-up fields), so
accounts.forms cannot import them back.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from accounts.allauth_forms import CHOOSING_HINT, EMAIL, PlainWordsMixin


class SignupForm(PlainWordsMixin, AllauthSignupForm):
    words = {
        "email": (EMAIL, "We send a link there to check that it is yours."),
        "password1": ("Choose a password", CHOOSING_HINT),
    }

    def try_save(self, request):
        if self.account_already_exists:
            # A new account's password is hashed (the slowest step of a sign-up); a taken
            # address creates nothing. Hash anyway, so that the time the answer takes does
            # not tell whether the address has an account.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
