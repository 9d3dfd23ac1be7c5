"""Behind the TLS proxy every request comes from the proxy's address; rate limits and the
sessions list must still see each client, and nobody may pick their own address."""

import runpy
import uuid
from pathlib import Path

import pytest
from allauth.usersessions.models import UserSession

pytestmark = pytest.mark.django_db

SETTINGS_FILE = str(Path(__file__).resolve().parents[2] / "connection" / "settings.py")
LOCKED_OUT = b"Too many tries in a row"


@pytest.fixture
def production_settings_with(settings, monkeypatch):
    """The project's settings as they come out of this environment: the trusted proxy
    count read from TRUSTED_PROXY_COUNT, and the rate limits production runs with."""

    def apply(**env):
        monkeypatch.setenv("DEBUG", "true")
        monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        project = runpy.run_path(SETTINGS_FILE)
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = project["ALLAUTH_TRUSTED_PROXY_COUNT"]
        settings.ACCOUNT_RATE_LIMITS = project["ACCOUNT_RATE_LIMITS"]

    return apply


def _failed_sign_in(client, forwarded_for):
    # A different unknown email every time, as someone probing (or mistyping) would.
    email = f"{uuid.uuid4().hex[:12]}@example.com"
    return client.post(
        "/accounts/login/",
        {"login": email, "password": "wrong"},
        headers={"X-Forwarded-For": forwarded_for},
    )


def _lock_out(client, forwarded_for):
    for _ in range(10):
        assert LOCKED_OUT not in _failed_sign_in(client, forwarded_for).content
    assert LOCKED_OUT in _failed_sign_in(client, forwarded_for).content


def test_behind_one_proxy_two_clients_are_limited_separately(production_settings_with, client):
    production_settings_with(TRUSTED_PROXY_COUNT="1")

    # Both reach the app from the proxy's address (the test client's 127.0.0.1).
    _lock_out(client, forwarded_for="203.0.113.7")

    other = _failed_sign_in(client, forwarded_for="198.51.100.9")
    assert other.status_code == 200
    assert LOCKED_OUT not in other.content
    assert b"email address and password do not match" in other.content


def test_behind_one_proxy_only_the_address_the_proxy_added_counts(production_settings_with, client):
    production_settings_with(TRUSTED_PROXY_COUNT="1")
    _lock_out(client, forwarded_for="203.0.113.7")

    # The client wrote its own header; the proxy appended the address it saw.
    forged = _failed_sign_in(client, forwarded_for="192.0.2.55, 203.0.113.7")

    assert LOCKED_OUT in forged.content


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_get_round_the_limit(
    production_settings_with, client
):
    production_settings_with()

    for attempt in range(10):
        _failed_sign_in(client, forwarded_for=f"192.0.2.{attempt + 1}")
    forged = _failed_sign_in(client, forwarded_for="192.0.2.200")

    assert LOCKED_OUT in forged.content


@pytest.mark.parametrize(
    ("env", "recorded"),
    [
        ({"TRUSTED_PROXY_COUNT": "1"}, ["203.0.113.7", "203.0.113.8"]),
        ({}, ["127.0.0.1", "127.0.0.1"]),
    ],
)
def test_the_sessions_list_records_the_address_the_rate_limits_count(
    production_settings_with, client, user, env, recorded
):
    production_settings_with(**env)

    client.post(
        "/accounts/login/",
        {"login": user.email, "password": "a-long-Passw0rd"},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )
    assert "_auth_user_id" in client.session
    signed_in_from = UserSession.objects.get(user=user).ip
    # The same session later, from another network: the activity update records it.
    client.get("/today/", headers={"X-Forwarded-For": "203.0.113.8"})

    assert [signed_in_from, UserSession.objects.get(user=user).ip] == recorded
