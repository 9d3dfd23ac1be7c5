import datetime

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.db import connection as db
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_last_seen_is_recorded_at_most_every_few_minutes(client, user):
    start = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.post("/accounts/login/", {"login": user.email, "password": "a-long-Passw0rd"})
        session = UserSession.objects.get(user=user)

        clock.shift(datetime.timedelta(minutes=1))
        client.get("/today/")
        session.refresh_from_db()
        first_seen = session.last_seen_at
        assert first_seen == start + datetime.timedelta(minutes=1)

        clock.shift(datetime.timedelta(minutes=2))
        with CaptureQueriesContext(db) as captured:
            client.get("/today/")
        assert not any("usersessions_usersession" in q["sql"] for q in captured)
        session.refresh_from_db()
        assert session.last_seen_at == first_seen

        clock.shift(datetime.timedelta(minutes=6))
        client.get("/today/", HTTP_USER_AGENT="Firefox on a phone")
        session.refresh_from_db()
        assert session.last_seen_at == start + datetime.timedelta(minutes=9)
        assert session.user_agent == "Firefox on a phone"
