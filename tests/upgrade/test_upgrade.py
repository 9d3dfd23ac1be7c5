"""An existing database upgrades with nothing lost.

The database is built at the migrations that were the leaves before the project package
and the domain apps were split (the app labels and migration names stayed, the files moved
to landscape/ and reminders/), filled with a row in every table of Kindred's apps through
the historical models, and then migrated by the current code. Every row must read back the
same, and the current models must need no migration that is not there.
"""

import datetime
from io import StringIO

import pytest
from django.apps import apps as current_apps
from django.core.management import call_command
from django.db import connection as db
from django.db.migrations.executor import MigrationExecutor

# The leaves before the split, by app label (where the files lived then in brackets).
LEAVES_BEFORE_SPLIT = {
    "accounts": "0001_initial",  # accounts/migrations
    "connection": "0002_assessment",  # connection/migrations, now landscape/migrations
    "plans": "0001_initial",  # plans/migrations
    "reminders": "0001_initial",  # plans/reminders/migrations, now reminders/migrations
}
KINDRED_LABELS = tuple(LEAVES_BEFORE_SPLIT)
UTC = datetime.UTC


def _targets(executor):
    leaves = {app: name for app, name in executor.loader.graph.leaf_nodes()}
    leaves.update(LEAVES_BEFORE_SPLIT)
    return sorted(leaves.items())


def _fill(old_apps) -> None:
    """One row (or more) in every table of Kindred's apps, through the historical models."""
    model = old_apps.get_model
    now = datetime.datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
    user = model("accounts", "User").objects.create(
        email="ada@example.com", password="!", display_name="Ada", time_zone="Europe/Berlin"
    )
    # The content type and permission of a landscape model keep their app label too.
    person_type, _ = model("contenttypes", "ContentType").objects.get_or_create(
        app_label="connection", model="person"
    )
    permission, _ = model("auth", "Permission").objects.get_or_create(
        content_type=person_type, codename="view_person", defaults={"name": "Can view person"}
    )
    user.user_permissions.add(permission)
    user.groups.add(model("auth", "Group").objects.create(name="Testers"))
    person = model("connection", "Person").objects.create(
        owner=user,
        name="Maya",
        needs_met=["fun"],
        channels=["call"],
        last_contact_on=datetime.date(2026, 4, 1),
    )
    interaction = model("connection", "Interaction").objects.create(
        owner=user, occurred_on=datetime.date(2026, 5, 1), note="Climbing"
    )
    interaction.people.add(person)
    model("connection", "Assessment").objects.create(
        owner=user,
        ucla_answers=[1, 2, 3],
        ucla_score=6,
        cravings=["belonging"],
        people_snapshot=[{"id": person.pk, "name": "Maya"}],
        completed_at=now,
    )
    enrollment = model("plans", "Enrollment").objects.create(
        owner=user, starts_on=datetime.date(2026, 5, 1), reminder_time=datetime.time(9)
    )
    ritual = model("plans", "Ritual").objects.create(
        owner=user, title="Tuesday call", cadence="weekly", weekdays=[1],
        local_time=datetime.time(19),
    )  # fmt: skip
    ritual.people.add(person)
    entry = model("plans", "DayEntry").objects.create(
        enrollment=enrollment,
        number=1,
        note="Sent Priya a photo",
        interaction=interaction,
        messaged=person,
        ritual=ritual,
        completed_at=now,
    )
    entry.people.add(person)
    model("plans", "CheckIn").objects.create(
        ritual=ritual, occurrence_at=now, status="done", interaction=interaction
    )
    model("plans", "CalendarFeed").objects.create(owner=user, secret="s" * 40)
    model("reminders", "ReminderPreferences").objects.create(owner=user, daily_cap=3)
    schedule = model("reminders", "ReminderSchedule").objects.create(
        owner=user, kind="ritual", source_key=f"ritual:{ritual.pk}", zone="Europe/Berlin",
        due_at=now, next_fire_at=now,
    )  # fmt: skip
    delivery = model("reminders", "Delivery").objects.create(
        schedule=schedule, due_at=now, state="sent", sent_at=now, message_id="<m@kindred>"
    )
    model("reminders", "DeliveryAction").objects.create(
        delivery=delivery, action="done", target=f"at:{int(now.timestamp())}"
    )


def _kindred_tables(app_registry) -> list[str]:
    tables = set()
    for label in KINDRED_LABELS:
        for model in app_registry.get_app_config(label).get_models(include_auto_created=True):
            tables.add(model._meta.db_table)
    return sorted(tables)


def _columns(tables) -> dict[str, list[str]]:
    """The columns each table has now: later migrations may add columns, never drop these."""
    with db.cursor() as cursor:
        return {
            table: [column.name for column in db.introspection.get_table_description(cursor, table)]
            for table in tables
        }


def _rows(columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    with db.cursor() as cursor:
        found = {}
        for table, names in columns.items():
            selected = ", ".join(db.ops.quote_name(name) for name in names)
            cursor.execute(f"SELECT {selected} FROM {db.ops.quote_name(table)}")  # noqa: S608
            found[table] = sorted(cursor.fetchall(), key=repr)
        return found


@pytest.mark.django_db(transaction=True)
def test_a_database_at_the_migrations_before_the_split_upgrades_with_every_row_intact():
    executor = MigrationExecutor(db)
    executor.migrate([(app, None) for app, _ in _targets(executor)])
    executor.loader.build_graph()
    targets = _targets(executor)
    executor.migrate(targets)
    old_apps = executor.loader.project_state(targets).apps
    _fill(old_apps)

    old_tables = _kindred_tables(old_apps)
    old_columns = _columns(old_tables)
    before = _rows(old_columns)
    assert [table for table in old_tables if not before[table]] == [], "every table has a row"

    call_command("migrate", verbosity=0)

    # Same tables (names did not change; later features may add tables of their own), same
    # rows, read by the current models too.
    assert set(old_tables) <= set(_kindred_tables(current_apps))
    assert _rows(old_columns) == before
    person = current_apps.get_model("connection", "Person").objects.get()
    assert type(person).__module__ == "landscape.models"
    assert person.interactions.get().note == "Climbing"
    assert person.owner.has_perm("connection.view_person")
    schedule = current_apps.get_model("reminders", "ReminderSchedule").objects.get()
    assert type(schedule).__module__ == "reminders.models"
    assert schedule.deliveries.get().actions.count() == 1
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
