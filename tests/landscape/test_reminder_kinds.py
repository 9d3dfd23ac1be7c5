"""What the keep-in-touch nudge email says (NudgeKind), and that user text is always safe
in it."""

import datetime

import pytest
import time_machine

from landscape.choices import Energy, PersonStatus
from reminders.models import Delivery
from tests.landscape.nudges import ZONE, nudge_email, overdue_person
from tests.reminders.conftest import local, text_and_html

pytestmark = pytest.mark.django_db


def test_nudge_lists_at_most_three_overdue_people_energizing_first_and_never_the_unwanted(
    user, dispatch, smtp_sink
):
    overdue_person(user, "Noor", energy=Energy.NEUTRAL, last_contact_on=datetime.date(2025, 12, 1))
    overdue_person(user, "Jonas", energy=Energy.ENERGIZING)
    overdue_person(user, "Mia", energy=Energy.MIXED)
    overdue_person(user, "Pat", energy=Energy.NEUTRAL)
    overdue_person(user, "Drew", energy=Energy.DRAINING)
    overdue_person(user, "Sam", status=PersonStatus.ESTRANGED)
    overdue_person(user, "Lou", status=PersonStatus.GRIEVING)
    overdue_person(user, "Kim", status=PersonStatus.PAUSED)
    overdue_person(user, "Eli", last_contact_on=datetime.date(2026, 5, 1))  # not overdue yet

    [message] = nudge_email(user, dispatch, smtp_sink)
    text, html = text_and_html(message)
    assert message["Subject"] == "3 people you hoped to hear from"
    named = [name for name in ("Jonas", "Noor", "Mia", "Pat") if f"* {name}" in text]
    assert named == ["Jonas", "Noor", "Mia"]
    assert text.index("Jonas") < text.index("Noor") < text.index("Mia")
    for unwanted in ("Drew", "Sam", "Lou", "Kim", "Eli", "Pat"):
        assert unwanted not in text and unwanted not in html


def test_at_most_one_nudge_email_a_day(user, dispatch, smtp_sink):
    overdue_person(user, "Jonas")
    nudge_email(user, dispatch, smtp_sink)
    for hour in (11, 15, 23):
        now = local(ZONE, 2026, 5, 4, hour, 0)
        with time_machine.travel(now, tick=False):
            dispatch(now)
    assert len(smtp_sink.messages) == 1


def test_no_nudge_email_when_nobody_is_overdue(user, dispatch, smtp_sink):
    overdue_person(user, "Eli", last_contact_on=datetime.date(2026, 5, 1))
    assert nudge_email(user, dispatch, smtp_sink) == []
    assert Delivery.objects.count() == 0


def test_a_name_with_html_is_escaped_in_the_html_email_and_plain_in_the_text(
    user, dispatch, smtp_sink
):
    overdue_person(user, "<script>alert(1)</script>")
    [message] = nudge_email(user, dispatch, smtp_sink)
    text, html = text_and_html(message)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Plain text is never interpreted as markup: the name reads exactly as typed.
    assert "* <script>alert(1)</script>" in text
    assert "&lt;" not in text
