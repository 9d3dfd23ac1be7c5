"""Deleting an account leaves nothing of it in Redis: not the cached Today page (which
names the person's people), not an older version of it."""

import datetime

import pytest
import redis
from django.conf import settings as django_settings

from landscape.choices import Frequency
from landscape.services import interaction_log
from tests.reminders.faults.conftest import RedisServer

pytestmark = pytest.mark.django_db

NAME = "Zephyrine Quartermaine"


@pytest.fixture
def redis_url(settings, tmp_path):
    """The Redis of CI when REDIS_URL is set; otherwise a redis-server of this test's own."""
    if django_settings.REDIS_URL:
        yield django_settings.REDIS_URL
        return
    server = RedisServer(tmp_path).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "connection.lib.redis_cache.ResilientRedisCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "kindred",
        }
    }
    try:
        yield server.url
    finally:
        server.stop()


def _keys_holding(url, *texts):
    client = redis.Redis.from_url(url)
    found = []
    for key in client.scan_iter(count=1000):
        value = client.get(key) if client.type(key) == b"string" else client.dump(key)
        for text in texts:
            if text.encode() in key or text.encode() in (value or b""):
                found.append(key)
    return found


def test_deleting_an_account_drops_every_cached_page_of_it(
    redis_url, client, user, make_person, django_capture_on_commit_callbacks
):
    friend = make_person(
        user,
        name=NAME,
        contact_wished=Frequency.WEEKLY,
        last_contact_on=datetime.date.today() - datetime.timedelta(days=60),
    )
    client.force_login(user)
    assert NAME in client.get("/today/").content.decode()
    # A write starts a new version of the page; the one before was cached too.
    with django_capture_on_commit_callbacks(execute=True):
        interaction_log(
            owner=user,
            occurred_on=datetime.date.today() - datetime.timedelta(days=30),
            people=[friend],
            note="",
        )
    assert NAME in client.get("/today/").content.decode()
    assert _keys_holding(redis_url, NAME), "the test needs the page cached in Redis"

    reauthenticated = client.post("/accounts/reauthenticate/", {"password": "a-long-Passw0rd"})
    assert reauthenticated.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.post("/account/delete/", {"confirm": "on"})

    assert deleted["Location"] == "/account/deleted/"
    assert _keys_holding(redis_url, NAME, user.email) == []
