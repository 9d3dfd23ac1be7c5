import datetime

import pytest
from playwright.sync_api import expect

from landscape.models import Interaction, Person
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_one_tap_log_from_today_and_a_micro_connection(page, sign_in, user):
    long_ago = datetime.date.today() - datetime.timedelta(days=40)
    for name, energy in (("Ana", "energizing"), ("Dee", "draining"), ("Sol", "neutral")):
        someone = Person.objects.create(
            owner=user, name=name, energy=energy, contact_wished="weekly", channels=["call"]
        )
        Person.objects.filter(pk=someone.pk).update(last_contact_on=long_ago)
    sign_in(user)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/today/")
    reach = page.locator("section").filter(
        has=page.get_by_role("heading", name="People to reach out to")
    )
    expect(reach.get_by_role("link", name="Ana")).to_be_visible()
    expect(reach.get_by_role("link", name="Sol")).to_be_visible()
    expect(reach.get_by_text("Dee")).to_have_count(0)
    assert_accessible(page)

    reach.get_by_label("How you connected with Ana").select_option(label="Video")
    reach.get_by_role("button", name="Energized (log a connection with Ana)").click()
    expect(page.get_by_text("Logged your connection with Ana.")).to_be_visible()
    expect(reach.get_by_role("link", name="Ana")).to_have_count(0)
    interaction = Interaction.objects.get()
    assert (interaction.channel, interaction.feeling) == ("video", "energized")
    assert list(interaction.people.values_list("name", flat=True)) == ["Ana"]

    page.get_by_label("What happened? (optional)").fill("Thanked the bus driver")
    page.get_by_role("button", name="I did one").click()
    expect(page.get_by_text("A micro-connection logged.")).to_be_visible()
    assert Interaction.objects.filter(is_micro=True, note="Thanked the bus driver").exists()
    assert_accessible(page)
