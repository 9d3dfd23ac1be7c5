"""Benchmark the Today page against a bare view of the same gunicorn server.

Seeds a user with 200 people (each with a birthday, 14 of them in the coming week), 2,000
connections, a finished check-in, 10 rituals and an active plan in the PostgreSQL database
`kindred_bench`, serves the app with gunicorn (DEBUG off, Redis cache and cached sessions),
loads Today and a bare view in the same run with wrk on localhost, and prints the figures
as its last lines. Run: `make bench`.

The load generator is wrk (Debian's package, installed by `make bench` when missing), not
Python threads: a thread-based client saturates a core long before gunicorn does, which caps
the bare view and flatters the ratio.
"""

import datetime
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's packages, when run as a script
DB_NAME = "kindred_bench"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
CONCURRENCY = 16
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
ROUNDS = 2
WRK_THREADS = 2
WRK_REPORT = Path(__file__).resolve().parent / "wrk_report.lua"
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "REDIS_URL": REDIS,
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
    "KINDRED_VAR_DIR": str(ROOT / "var" / "bench"),
    "LOG_LEVEL": "WARNING",
}


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def manage(*args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def seed() -> str:
    """Create the bench user and their landscape; return a session cookie for them."""
    os.environ.update(ENV)
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from accounts.models import User
    from landscape.choices import Channel, Closeness, Energy, Feeling, Frequency, Need, PersonKind
    from landscape.models import ImportantDate, Interaction, Person
    from landscape.services import assessment_complete, assessment_resume
    from plans.content.ritual_catalog import CATALOG
    from plans.models import Ritual
    from plans.services import enrollment_start, ritual_from_catalog

    cache.clear()
    rng = random.Random(7)
    user = User.objects.create_user(email="bench@example.com", password=None, display_name="Bench")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    today = datetime.date.today()
    people = Person.objects.bulk_create(
        Person(
            owner=user,
            name=f"Person {i} <b>&</b> 🌻",
            kind=rng.choice(PersonKind.values),
            closeness=rng.choice(Closeness.values),
            energy=rng.choice(Energy.values),
            needs_met=rng.sample(Need.values, 2),
            contact_now=rng.choice(Frequency.values),
            contact_wished=rng.choice(Frequency.values),
            channels=[rng.choice(Channel.values)],
            notes="A note " * 20,
        )
        for i in range(200)
    )
    interactions = Interaction.objects.bulk_create(
        Interaction(
            owner=user,
            occurred_on=today - datetime.timedelta(days=rng.randrange(0, 365)),
            channel=rng.choice(Channel.values),
            feeling=rng.choice(Feeling.values),
            note="We talked",
        )
        for _ in range(2000)
    )
    through = Interaction.people.through
    links = [through(interaction_id=i.pk, person_id=rng.choice(people).pk) for i in interactions]
    through.objects.bulk_create(links)
    last = {}
    for link, interaction in zip(links, interactions, strict=True):
        last[link.person_id] = max(
            last.get(link.person_id, interaction.occurred_on), interaction.occurred_on
        )
    for person in people:
        # Old contact for many, so Today has people to suggest.
        person.last_contact_on = min(
            last.get(person.pk, today), today - datetime.timedelta(days=rng.randrange(0, 120))
        )
    Person.objects.bulk_update(people, ["last_contact_on"])
    # A birthday for everyone, spread over the year, and a week ahead with several on Today.
    birthdays = [
        today + datetime.timedelta(days=i % 7 if i < 14 else rng.randrange(365)) for i in range(200)
    ]
    ImportantDate.objects.bulk_create(
        ImportantDate(owner=user, person=person, month=day.month, day=day.day, year=1990)
        for person, day in zip(people, birthdays, strict=True)
    )
    assessment = assessment_resume(owner=user)
    assessment.cravings = ["belonging", "fun"]
    assessment.save()
    assessment_complete(
        assessment=assessment, ucla_answers=[2, 2, 3], lsns_answers=[], reflection="", today=today
    )
    # Ten rituals (the whole catalog, then custom ones) and an active plan on its third day.
    slugs = [item.slug for item in CATALOG]
    for i in range(10):
        ritual = ritual_from_catalog(
            owner=user, slug=slugs[i % len(slugs)], people=rng.sample(people, 3)
        )
        if i >= len(slugs):
            Ritual.objects.filter(pk=ritual.pk).update(
                title=f"Custom ritual {i}", cadence="daily", weekdays=[]
            )
    enrollment_start(
        owner=user, starts_on=today - datetime.timedelta(days=2), reminder_time=datetime.time(9)
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def queries_per_today(cookie: str) -> int:
    from django.conf import settings
    from django.db import connection as db
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert client.get("/today/").status_code == 200
    with CaptureQueriesContext(db) as captured:
        response = client.get("/today/")
    assert response.status_code == 200, response.status_code
    return len(captured)


def load(path: str, cookie: str | None, seconds: float) -> dict[str, float]:
    """Run wrk against one path; return its rps, p50_ms and p95_ms. Any error fails the run."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{CONCURRENCY}", f"-d{max(1, round(seconds))}s"]
    command += ["-s", str(WRK_REPORT), "-H", f"Host: 127.0.0.1:{PORT}"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    figures = dict(
        (key, float(value))
        for key, _, value in (line.partition(" ") for line in output.splitlines())
        if key in {"rps", "p50_ms", "p95_ms", "errors"}
    )
    if figures.get("errors") or "Non-2xx" in output:
        raise RuntimeError(f"{path}: wrk saw errors or non-2xx answers:\n{output}")
    return figures


def wait_for_server() -> None:
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/bench/bare/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk (make bench installs it)")
    print("Preparing database kindred_bench …", flush=True)
    recreate_database()
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    cookie = seed()
    queries = queries_per_today(cookie)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "connection.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        wait_for_server()
        load("/bench/bare/", None, 1.5)
        load("/today/", cookie, 1.5)
        bare_runs, today_runs = [], []
        for _ in range(ROUNDS):
            # The floor: the same server answering a view that touches nothing.
            bare_runs.append(load("/bench/bare/", None, SECONDS / ROUNDS))
            today_runs.append(load("/today/", cookie, SECONDS / ROUNDS))
    finally:
        server.terminate()
        server.wait(timeout=20)
    bare = statistics.mean(run["rps"] for run in bare_runs)
    today = statistics.mean(run["rps"] for run in today_runs)
    print(f"load: wrk, {WRK_THREADS} threads, {CONCURRENCY} connections, {ROUNDS} rounds")
    print(f"BENCH bare_rps={bare:.0f}")
    print(f"BENCH today_rps={today:.0f}")
    print(f"BENCH today_rps_ratio={today / bare:.3f}")
    print(f"BENCH today_p95_ms={max(run['p95_ms'] for run in today_runs):.1f}")
    print(f"BENCH today_queries={queries}")


if __name__ == "__main__":
    main()
