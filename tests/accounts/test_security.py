import pytest

pytestmark = pytest.mark.django_db


def test_login_is_rate_limited_after_repeated_failures(client, user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
        assert b"email address and password do not match" in response.content

    # Even the right password is refused until the window passes.
    blocked = client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})

    assert b"Too many tries in a row" in blocked.content
    assert "_auth_user_id" not in client.session


def test_admin_login_goes_through_the_same_protected_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_only_admin_refuses_a_signed_in_non_staff_user(signed_in_client):
    assert signed_in_client.get("/admin/login/").status_code == 403


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_signed_in_pages_are_never_stored_by_browsers_or_proxies(signed_in_client):
    for path in ["/today/", "/account/settings/", "/account/export/"]:
        cache_control = signed_in_client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path


def test_pages_reference_no_third_party_host(client, signed_in_client):
    for response in [
        client.get("/"),
        client.get("/accounts/signup/"),
        signed_in_client.get("/today/"),
    ]:
        html = response.content.decode()
        for attribute in ("src=", "href="):
            for chunk in html.split(attribute)[1:]:
                url = chunk[1:].split(chunk[0], 1)[0]
                assert not url.startswith(("http://", "https://", "//")), url


def test_csrf_is_enforced_on_posts(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert (
        strict.post("/account/settings/", {"display_name": "x", "time_zone": "UTC"}).status_code
        == 403
    )
