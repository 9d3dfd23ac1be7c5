"""Reminder delivery benchmark: `make bench-reminders` (N=100000 for a bigger run).

On PostgreSQL, with its own redis-server, SMTP sink and Celery worker processes, it seeds
N verified accounts: three quarters with a keep-in-touch nudge due now, a quarter with a
ritual whose invitee accepted (in one of six zones, with reminders) and whose reminder is
due now. It dispatches them all and measures how fast they reach the sink against a bare
smtplib loop sending N messages over one connection into the same sink in the same run;
lost and duplicated reminders per recipient address, the invitees' counted apart; and how
late they left (sent_at − due time: p50, p95, max; all N are due at once, so this is
mostly the queue's length). Then it grows the schedule table to 1,000,000 rows and times
a tick that finds nothing due. The last lines are BENCH figures.
"""

import argparse
import datetime
import os
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
CELERY = str(Path(sys.executable).with_name("celery"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout, what, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise SystemExit(f"timed out waiting for {what}")


def start(command, log, env=None):
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=open(log, "w"),  # noqa: SIM115 - the child owns it until it ends
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def baseline_rate(n: int, port: int, label: str) -> float:
    """Messages per second of a bare smtplib loop over one connection into the sink."""
    message = EmailMessage()
    message["From"] = "Kindred <hello@kindred.localhost>"
    message["To"] = "someone@example.com"
    message["Subject"] = "1 person you hoped to hear from"
    message.set_content("Hello,\n\n" + "A few words of reminder text.\n" * 40)
    message.add_alternative("<p>" + "A few words of reminder text.<br>" * 40 + "</p>", "html")
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for number in range(n):
            del message["Message-ID"]
            message["Message-ID"] = f"<baseline-{label}-{number}@bench>"
            smtp.send_message(message)
    return n / (time.perf_counter() - started)


INVITEE_ZONES = (
    "America/New_York",
    "Australia/Adelaide",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Europe/London",
)


def invitee_address(number: int) -> str:
    return f"invitee{number}@example.net"


def is_host(number: int) -> bool:
    """Every fourth account hosts a ritual with an invitee, so that their reminders are
    spread through the queue instead of waiting at its end."""
    return number % 4 == 3


def seed(n: int) -> dict[str, set[str]]:
    """N verified users: three quarters with a keep-in-touch nudge, a quarter with a ritual
    whose invitee accepted with reminders. Returns the addresses each group's reminder goes
    to (the owners' for nudges, the invitees' for the rituals)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from landscape.choices import Energy, Frequency
    from landscape.models import Person
    from plans.invitation_models import RitualInvitation
    from reminders.kinds import source_key
    from reminders.models import Kind, ReminderSchedule

    due = timezone.now() - datetime.timedelta(minutes=1)
    no_password = make_password(None)
    expected = {"nudge": set(), "invitee": set()}
    model = None
    for start_at in range(0, n, 5000):
        numbers = range(start_at, min(n, start_at + 5000))
        users = User.objects.bulk_create(
            [
                User(email=f"bench{i}@example.com", password=no_password, time_zone="Europe/Berlin")
                for i in numbers
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    owner=u,
                    name=f"Friend of {u.pk}",
                    energy=Energy.ENERGIZING,
                    contact_wished=Frequency.WEEKLY,
                    last_contact_on=datetime.date(2026, 1, 1),
                    email=invitee_address(i) if is_host(i) else "",
                )
                for i, u in zip(numbers, users, strict=True)
            ]
        )
        hosts = [(u, p) for i, u, p in zip(numbers, users, people, strict=True) if is_host(i)]
        if model is None and hosts:
            model, hosts = invitation_model(*hosts[0]), hosts[1:]
        invitations = invitations_like(model, hosts) if hosts else {}
        schedules = []
        for number, user in zip(numbers, users, strict=True):
            if not is_host(number):
                expected["nudge"].add(user.email)
                schedules.append(
                    ReminderSchedule(
                        owner=user, kind=Kind.NUDGE, source_key="nudges", zone=user.time_zone
                    )
                )
                continue
            expected["invitee"].add(invitee_address(number))
            if user.pk in invitations:  # the model's schedule was made by invitation_accept
                key = source_key(RitualInvitation.reminder_source, invitations[user.pk].pk)
                schedules.append(
                    ReminderSchedule(
                        owner=user, kind=Kind.INVITEE_RITUAL, source_key=key, zone=user.time_zone
                    )
                )
        for schedule in schedules:
            schedule.due_at = schedule.next_fire_at = due
        ReminderSchedule.objects.bulk_create(schedules)
    return expected


def invitation_model(owner, person):
    """One ritual, invitation and acceptance through the services, as on the site: the
    invitation email goes into the sink, accepting makes the invitee's schedule."""
    from plans.invitation_models import InvitationStatus
    from plans.invitation_services import invitation_accept, invitation_send
    from plans.services import ritual_from_catalog

    ritual = ritual_from_catalog(owner=owner, slug="sunday-dinner", people=[person])
    invitation = invitation_send(
        owner=owner, ritual=ritual, person=person, email=person.email, inviter_name="Sam"
    )
    invitation_accept(
        invitation=invitation,
        time_zone=INVITEE_ZONES[0],
        wants_reminders=True,
        invitee_name="Guest",
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.receives_reminders
    return invitation


RITUAL_FIELDS = (
    "title",
    "description",
    "cadence",
    "weekdays",
    "times_per_week",
    "month_week",
    "local_time",
    "duration_minutes",
    "channel",
    "reminder_lead_minutes",
    "catalog_slug",
)


def invitations_like(model, hosts) -> dict:
    """The model's ritual and accepted invitation copied for each (owner, person), in bulk;
    returns each owner's invitation by owner id. Zones rotate through INVITEE_ZONES."""
    from plans.invitation_models import InvitationStatus, RitualInvitation
    from plans.models import Ritual

    rituals = Ritual.objects.bulk_create(
        [
            Ritual(owner=host, **{name: getattr(model.ritual, name) for name in RITUAL_FIELDS})
            for host, _ in hosts
        ]
    )
    Ritual.people.through.objects.bulk_create(
        [
            Ritual.people.through(ritual_id=ritual.pk, person_id=guest.pk)
            for ritual, (_, guest) in zip(rituals, hosts, strict=True)
        ]
    )
    invitations = RitualInvitation.objects.bulk_create(
        [
            RitualInvitation(
                owner=host,
                ritual=ritual,
                person=guest,
                email=guest.email,
                inviter_name=model.inviter_name,
                status=InvitationStatus.ACCEPTED,
                invitee_name=model.invitee_name,
                time_zone=INVITEE_ZONES[number % len(INVITEE_ZONES)],
                wants_reminders=True,
                answered_at=model.answered_at,
            )
            for number, (ritual, (host, guest)) in enumerate(zip(rituals, hosts, strict=True))
        ]
    )
    return {invitation.owner_id: invitation for invitation in invitations}


def arrivals(received_file: Path, expected: dict[str, set[str]]) -> dict[str, int]:
    """Lost and duplicated reminders of each group, from the sink's file: a reminder is lost
    when its address received none, and every reminder to an address beyond its first is a
    duplicate (a second copy of one Message-ID among them). A reminder to an address nobody
    expected, such as an invitee's reminder sent to the owner, is misaddressed."""
    received = Counter()
    for line in received_file.read_text().splitlines():
        message_id, _, address = line.partition("\t")
        if message_id.startswith("<reminder-"):
            received[address] += 1
    figures = {}
    for group, addresses in expected.items():
        figures[f"{group}_lost"] = sum(1 for address in addresses if not received[address])
        figures[f"{group}_duplicated"] = sum(max(0, received[address] - 1) for address in addresses)
    everyone = set().union(*expected.values())
    figures["misaddressed"] = sum(c for address, c in received.items() if address not in everyone)
    return figures


def grow_schedules(total: int) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reminders_reminderschedule")
        missing = total - cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO reminders_reminderschedule
                (owner_id, kind, source_key, due_at, next_fire_at, zone, active, created_at)
            SELECT u.ids[1 + g %% u.n], 'ritual', 'ritual:' || g,
                   now() + (1 + g %% 10000) * interval '1 minute',
                   now() + (1 + g %% 10000) * interval '1 minute',
                   'Europe/Berlin', true, now()
            FROM generate_series(1, %s) AS g,
                 (SELECT array_agg(id) AS ids, count(*)::int AS n FROM accounts_user) AS u
            """,
            [missing],
        )
        cursor.execute("ANALYZE reminders_reminderschedule")


def idle_tick_ms() -> float:
    from reminders.dispatch import reminders_dispatch

    timings = []
    for _ in range(25):
        started = time.perf_counter()
        assert reminders_dispatch() == 0
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of the worker: its main process plus its pool processes."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total_kb = 0
    for process in [str(pid), *children]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=int(os.environ.get("N", 20000)))
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kindred_bench_reminders"
        ),
    )
    args = parser.parse_args()
    n = args.n
    work = Path(tempfile.mkdtemp(prefix="bench-reminders-"))
    redis_port, sink_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "connection.settings",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{sink_port}",
        "KINDRED_VAR_DIR": str(work / "var"),
        "LOG_LEVEL": "WARNING",
        # Production settings: no query log kept in memory, as DEBUG would.
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "k" * 50,
        "ALLOWED_HOSTS": "kindred.example",
        "SITE_URL": "https://kindred.example",
    }
    os.environ.update(env)
    processes = []
    try:
        print(f"bench: {n} reminders; work files in {work}", flush=True)
        recreate_database(args.database_url)
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        redis_server = start(
            ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
            work / "redis.log",
        )
        sink = start(
            [PYTHON, "bench/mailsink_ids.py", str(sink_port), str(work / "ids.txt")],
            work / "sink.log",
        )
        processes += [redis_server, sink]
        wait_until(lambda: "ready" in (work / "sink.log").read_text(), 30, "the sink")

        import django

        django.setup()
        floor_before = baseline_rate(n, sink_port, "before")
        print(f"bench: bare smtplib loop {floor_before:.0f} messages/s", flush=True)

        expected = seed(n)
        print(
            f"bench: seeded {len(expected['nudge'])} nudges to owners and "
            f"{len(expected['invitee'])} ritual reminders to invitees",
            flush=True,
        )
        worker = start(
            [CELERY, "-A", "connection", "worker", "--loglevel=WARNING"]
            + [f"--concurrency={args.concurrency}", "--without-gossip", "--without-mingle"],
            work / "worker.log",
            env,
        )
        processes.append(worker)
        time.sleep(3)  # the worker's pool is up before the clock starts

        from django.utils import timezone

        from reminders.dispatch import reminders_dispatch
        from reminders.models import Delivery, DeliveryState, Kind, ReminderSchedule
        from reminders.selectors import sent_lateness

        # All N fall due now and the tick runs at once, as beat's would at that second:
        # lateness is how long each waited behind the others.
        due = timezone.now()
        ReminderSchedule.objects.filter(kind__in=(Kind.NUDGE, Kind.INVITEE_RITUAL)).update(
            due_at=due, next_fire_at=due
        )
        started = time.perf_counter()
        reminders_dispatch(now=due)
        pending = Delivery.objects.filter(state__in=(DeliveryState.QUEUED, DeliveryState.SENDING))
        wait_until(lambda: not pending.exists(), 3600, "every delivery", interval=0.25)
        elapsed = time.perf_counter() - started
        rate = n / elapsed
        late = sent_lateness()
        invitee_late = sent_lateness(Delivery.objects.filter(schedule__kind=Kind.INVITEE_RITUAL))
        rss = peak_rss_mb(worker.pid)
        print(f"bench: reminders {rate:.0f} delivered/s ({elapsed:.1f} s)", flush=True)
        # The floor again, right after: on a shared machine the load can change during the
        # run, and the ratio compares the reminders with the mean of the floor either side.
        floor_after = baseline_rate(min(n, 5000), sink_port, "after")
        rate_floor = (floor_before + floor_after) / 2
        print(f"bench: bare smtplib loop afterwards {floor_after:.0f} messages/s", flush=True)
        states = Counter(Delivery.objects.values_list("schedule__kind", "state"))
        print(f"bench: deliveries by kind and state {dict(states)}", flush=True)

        stop(sink)
        arrived = arrivals(work / "ids.txt", expected)
        lost = arrived["nudge_lost"] + arrived["invitee_lost"]
        duplicated = arrived["nudge_duplicated"] + arrived["invitee_duplicated"]

        grow_schedules(1_000_000)
        idle = idle_tick_ms()

        print(f"BENCH reminders_ratio={rate / rate_floor:.3f}")
        print(f"BENCH reminders_lost={lost}")
        print(f"BENCH reminders_duplicated={duplicated}")
        print(f"BENCH reminders_invitee_lost={arrived['invitee_lost']}")
        print(f"BENCH reminders_invitee_duplicated={arrived['invitee_duplicated']}")
        print(f"BENCH reminders_misaddressed={arrived['misaddressed']}")
        for figure in ("p50", "p95", "max"):
            print(f"BENCH reminders_late_{figure}_s={late[figure]:.1f}")
        print(f"BENCH reminders_invitee_late_p95_s={invitee_late['p95']:.1f}")
        print(f"BENCH idle_tick_ms={idle:.2f}")
        print(f"BENCH worker_rss_mb={rss:.0f}")
    finally:
        for process in reversed(processes):
            stop(process)


if __name__ == "__main__":
    main()
