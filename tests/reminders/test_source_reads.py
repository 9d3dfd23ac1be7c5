"""A ritual reminder reads its Ritual row once per step, not once per question asked of it."""

import pytest
from django.db import connection as db
from django.test.utils import CaptureQueriesContext

from plans.services import ritual_from_catalog
from reminders.dispatch import reminders_dispatch
from reminders.models import ReminderSchedule
from tests.reminders.conftest import eager_tasks  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db(transaction=True)


def _ritual_reads(captured):
    return [
        q["sql"] for q in captured if 'FROM "plans_ritual"' in q["sql"] and "JOIN" not in q["sql"]
    ]


def test_dispatching_and_sending_a_ritual_reminder_reads_the_ritual_once_each(
    user,
    smtp_sink,
    eager_tasks,  # noqa: F811
):
    for slug in ("sunday-dinner", "tuesday-call", "neighbour-walk"):
        ritual_from_catalog(owner=user, slug=slug)
    first = ReminderSchedule.objects.filter(owner=user, kind="ritual").order_by("due_at").first()

    with CaptureQueriesContext(db) as captured:
        assert reminders_dispatch(now=first.due_at) == 1

    assert len(smtp_sink.wait_for(1)) == 1
    # Dispatch: one read for the due rows; sending: one for the delivery being rendered.
    assert len(_ritual_reads(captured)) == 2, _ritual_reads(captured)
