import datetime

import pytest
import time_machine

from accounts.services import account_delete, account_export
from plans.models import CalendarFeed, CheckIn, DayEntry, Enrollment, Ritual
from plans.services import calendar_feed_get, enrollment_start, enrollment_stop
from tests.plans.factories import CheckInFactory, DayEntryFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def history(user, other_user, make_ritual, make_person):
    maya = make_person(user)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 8, tzinfo=UTC), tick=False):
        first = enrollment_start(
            owner=user, starts_on=datetime.date(2026, 6, 1), reminder_time=datetime.time(9)
        )
        entry = DayEntryFactory(
            enrollment=first,
            number=1,
            completed_at=datetime.datetime.now(UTC),
            completed_on=datetime.date(2026, 6, 1),
            note="Texted <Maya>",
        )
        entry.people.set([maya])
        enrollment_stop(owner=user)
        enrollment_start(
            owner=user, starts_on=datetime.date(2026, 6, 8), reminder_time=datetime.time(8)
        )
        ritual = make_ritual(user, people=[maya], title="Tuesday call")
        CheckInFactory(
            ritual=ritual,
            occurrence_at=datetime.datetime(2026, 6, 2, 17, tzinfo=UTC),
            status="done",
            feeling="energized",
            note="Lovely",
        )
        calendar_feed_get(owner=user)
        make_ritual(other_user, title="Grace's")
    return maya, ritual


def test_export_holds_plan_progress_rituals_and_check_ins_but_not_the_feed_secret(user, history):
    maya, ritual = history
    data = account_export(user=user)
    first, second = data["plans"]
    assert (first["status"], second["status"]) == ("stopped", "active")
    assert first["days"] == [
        {
            "day": 1,
            "completed_at": "2026-06-01T08:00:00+00:00",
            "completed_on": "2026-06-01",
            "note": "Texted <Maya>",
            "people": [maya.pk],
            "messaged": None,
            "felt_best": "",
            "to_repeat": "",
            "ritual": None,
        }
    ]
    (exported,) = data["rituals"]
    assert exported["title"] == "Tuesday call" and exported["people"] == [maya.pk]
    assert exported["check_ins"] == [
        {
            "occurrence_at": "2026-06-02T17:00:00+00:00",
            "status": "done",
            "feeling": "energized",
            "note": "Lovely",
        }
    ]
    assert CalendarFeed.objects.get(owner=user).secret not in str(data)


def test_deleting_the_account_removes_plans_rituals_check_ins_and_the_feed(
    user, other_user, history
):
    account_delete(user=user)
    assert not Enrollment.objects.exists()
    assert not DayEntry.objects.exists()
    assert not CheckIn.objects.exists()
    assert not CalendarFeed.objects.exists()
    assert list(Ritual.objects.values_list("title", flat=True)) == ["Grace's"]
