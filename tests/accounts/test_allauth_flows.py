"""Two-factor, password reset and email change, through the real allauth views."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd"


def _sign_in_and_confirm_password(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302


def _current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_two_factor_with_an_authenticator_app_and_recovery_codes(client, user):
    _sign_in_and_confirm_password(client, user)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()

    client.post("/accounts/2fa/totp/activate/", {"code": _current_code(secret)})
    kinds = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    unused = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    recovery_code = unused.wrap().get_unused_codes()[0]
    assert recovery_code in client.get("/accounts/2fa/recovery-codes/").content.decode()

    # A later sign-in asks for the second factor before the account opens.
    client.post("/accounts/logout/")
    step = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/today/").status_code == 302
    signed_in = client.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert signed_in["Location"] == "/today/"
    assert client.get("/today/").status_code == 200

    # A recovery code works once, in place of the app.
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert (
        client.post("/accounts/2fa/authenticate/", {"code": recovery_code})["Location"] == "/today/"
    )


def test_password_reset_email_leads_to_a_new_password(client, user, smtp_sink):
    client.post("/accounts/password/reset/", {"email": user.email})

    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        action, {"password1": "brand-New-secret-5", "password2": "brand-New-secret-5"}
    )

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-New-secret-5")


def test_changing_email_asks_for_the_password_again(client, user):
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    assert response["Location"].startswith("/accounts/reauthenticate/")

    _sign_in_and_confirm_password(client, user)
    client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    assert user.emailaddress_set.filter(email="new@example.com", verified=False).exists()
