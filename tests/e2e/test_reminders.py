import datetime
import re

import pytest
from playwright.sync_api import expect

from landscape.choices import Energy, Frequency
from landscape.models import Interaction, Person
from plans.models import CheckIn, Ritual
from reminders.dispatch import reminders_dispatch
from reminders.models import ReminderSchedule
from tests.e2e.conftest import assert_accessible
from tests.reminders.conftest import eager_tasks  # noqa: F401 - a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_nudge_arrives_at_the_chosen_time_and_we_connected_logs_it_without_signing_in(
    page,
    sign_in,
    user,
    smtp_sink,
    eager_tasks,  # noqa: F811
):
    jonas = Person.objects.create(
        owner=user,
        name="Jonas",
        energy=Energy.ENERGIZING,
        contact_wished=Frequency.WEEKLY,
        last_contact_on=datetime.date(2026, 1, 1),
    )
    sign_in(user)
    page.goto("/account/settings/")
    page.get_by_role("link", name="Reminder preferences").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reminder emails")
    expect(page.get_by_text("We have not sent you a reminder email yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nudges arrive at").fill("09:30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your reminder preferences are saved.")).to_be_visible()

    schedule = ReminderSchedule.objects.get(owner=user, kind="nudge")
    assert schedule.due_at.astimezone(user.zone).time() == datetime.time(9, 30)
    reminders_dispatch(now=schedule.due_at)  # the beat's tick at that minute

    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "1 person you hoped to hear from"
    text = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"We connected: (\S+)", text).group(1)

    page.context.clear_cookies()  # links in emails work without a session
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Did you connect with Jonas?")
    assert_accessible(page)
    page.get_by_label("How did you connect?").select_option("call")
    page.get_by_role("button", name="Yes, we connected").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lovely, noted")
    assert_accessible(page)

    jonas.refresh_from_db()
    assert jonas.last_contact_on == datetime.datetime.now(user.zone).date()


def test_a_ritual_set_up_on_its_page_is_emailed_and_done_from_the_email_shows_on_the_page(
    page,
    sign_in,
    user,
    smtp_sink,
    eager_tasks,  # noqa: F811
):
    Person.objects.create(owner=user, name="Maya")
    # Two hours ahead, so that its reminder (an hour before) is still to come.
    starts = (datetime.datetime.now(user.zone) + datetime.timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    sign_in(user)
    page.goto("/rituals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your rituals")
    assert_accessible(page)
    page.get_by_role("link", name="Make your own").click()
    assert_accessible(page)
    page.get_by_label("What is it?").fill("Evening call with Maya")
    page.get_by_label("Every day").check()
    page.get_by_label("At what time?").fill(f"{starts:%H:%M}")
    page.get_by_label("Maya", exact=True).check()
    page.get_by_label("How do you connect?").select_option("call")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Evening call with Maya” is set up.")).to_be_visible()
    assert_accessible(page)

    ritual = Ritual.objects.get(owner=user)
    schedule = ReminderSchedule.objects.get(owner=user, kind="ritual")
    assert schedule.due_at == starts - datetime.timedelta(hours=1)
    reminders_dispatch(now=schedule.due_at)  # the beat's tick at that minute

    [message] = smtp_sink.wait_for(1)
    # Sent now (the sender renders at the real time): two hours ahead may be past midnight.
    day = "today" if starts.date() == datetime.datetime.now(user.zone).date() else "tomorrow"
    assert message["Subject"] == f"Soon: Evening call with Maya at {starts:%H:%M} {day}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    done_link = re.search(r"Mark it done: (\S+)", text).group(1)

    page.context.clear_cookies()  # links in emails work without a session
    page.goto(done_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Did you do it?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, mark it done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Well done, it's marked")
    assert_accessible(page)

    sign_in(user)
    page.get_by_role("link", name="Go to the ritual's page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evening call with Maya")
    history = page.get_by_role("region", name="Recent check-ins")
    expect(history).to_contain_text(f"{starts:%H:%M}: Done")
    assert_accessible(page)

    check_in = CheckIn.objects.get(ritual=ritual)
    assert (check_in.occurrence_at, check_in.status) == (starts, "done")
    interaction = Interaction.objects.get(pk=check_in.interaction_id)
    assert (interaction.channel, [p.name for p in interaction.people.all()]) == ("call", ["Maya"])
