import pytest

from reminders.models import Delivery, DeliveryState
from reminders.services import schedule_upsert

pytestmark = pytest.mark.django_db


def test_staff_see_deliveries_with_their_state_and_error_in_the_admin(make_user, client, user):
    staff = make_user(is_staff=True, is_superuser=True)
    schedule = schedule_upsert(owner=user, kind="nudge", source_key="nudges")
    Delivery.objects.create(
        schedule=schedule,
        due_at=schedule.due_at,
        state=DeliveryState.FAILED,
        last_error="The mail server answered 550 no such user.",
    )
    client.force_login(staff)
    listing = client.get("/admin/reminders/delivery/?state=failed").content.decode()
    assert "ada@example.com" in listing and "Failed" in listing
    delivery = Delivery.objects.get()
    detail = client.get(f"/admin/reminders/delivery/{delivery.pk}/change/").content.decode()
    assert "550 no such user" in detail
