"""docker-compose.yml run natively: its own commands and environment, real processes.

No Docker engine runs here, so the test plays the engine: it takes the image's environment
and its collectstatic step from the Dockerfile and each app service's command and
environment from docker-compose.yml, maps the other services' hosts to local stand-ins
(PostgreSQL when the tests run on it, a redis-server of its own, the SMTP sink) and the
image's paths to a temporary folder, then runs migrate, gunicorn, a worker and one beat.
A person signs up through gunicorn over HTTP, confirms the emailed link, and a reminder
due for them arrives through beat and the worker.

Database: the tests' PostgreSQL server (a database of this test's own) when DATABASE_URL
points at one, as in CI, where a missing server fails the test. Without DATABASE_URL the
processes share a SQLite file, so `make test` needs no server.
"""

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
from contextlib import suppress
from datetime import timedelta
from http.client import HTTPConnection
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, Request, build_opener

import psycopg
import pytest
import yaml
from django.conf import settings

from tests.reminders.faults.conftest import RedisServer, free_port, stop_process, wait_until

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
IMAGE_DIR = re.search(r"^WORKDIR (\S+)$", DOCKERFILE, re.M).group(1)
APP_SERVICES = ("migrate", "web", "worker", "beat")
EMAIL = "rosa@example.com"


def image_build_step(needle: str) -> tuple[dict[str, str], list[str]]:
    """The variables set in front of, and the command of, the RUN step holding `needle`."""
    for line in re.findall(r"^RUN (.+)$", DOCKERFILE, re.M):
        for step in line.split("&&"):
            if needle in step:
                words = shlex.split(step)
                count = next(i for i, word in enumerate(words) if not re.match(r"\w+=", word))
                return dict(word.split("=", 1) for word in words[:count]), words[count:]
    raise AssertionError(f"the Dockerfile has no step running {needle}")


def interpolate(value: str, given: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?error}, from the operator's `given`."""

    def substitute(match):
        name, operator, argument = match.groups()
        if given.get(name):
            return given[name]
        if operator == ":?":
            raise AssertionError(f"compose needs {name}: {argument}")
        return argument or ""

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", substitute, str(value))


def image_environment(var: Path) -> dict[str, str]:
    """The image's ENV lines with its var folder at `var`; `python`, `gunicorn` and
    `celery` are the venv's."""
    pairs = []
    for line in re.findall(r"^ENV (.+)$", DOCKERFILE, re.M):
        pairs += shlex.split(line)
    return {
        "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
        **{
            name: value.replace(f"{IMAGE_DIR}/var", str(var))
            for name, value in (pair.split("=", 1) for pair in pairs)
        },
    }


class Deployment:
    """docker-compose.yml's app services as local processes in `tmp_path`. `operator` holds
    the variables the person running `docker compose up` sets in their shell."""

    def __init__(self, tmp_path: Path, *, database_url, redis_url, sink, static, operator):
        self.tmp_path = tmp_path
        self.var = tmp_path / "var"
        shutil.copytree(static, self.var / "staticfiles")  # built into the image
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.processes: dict[str, subprocess.Popen] = {}
        redis_host = urlsplit(redis_url).netloc
        # Compose's other services, as the local processes standing in for them.
        self.stand_ins = {
            "postgres": lambda url: database_url,
            "redis": lambda url: url._replace(netloc=redis_host).geturl(),
            "mailpit": lambda url: url._replace(netloc=f"{sink.host}:{sink.port}").geturl(),
        }
        given = {"SECRET_KEY": secrets.token_urlsafe(50), "SITE_URL": self.base, **operator}
        # Each service's environment: the image's, then what compose sets for it.
        self.compose_env = {
            service: {
                name: self.local(interpolate(value, given))
                for name, value in COMPOSE["services"][service]["environment"].items()
            }
            for service in APP_SERVICES
        }
        self.env = {
            service: {**image_environment(self.var), **environment}
            for service, environment in self.compose_env.items()
        }

    def local(self, value: str) -> str:
        """A value from compose with its hosts and the image's paths made local."""
        url = urlsplit(value)
        if url.scheme and url.hostname in COMPOSE["services"]:
            assert url.hostname in self.stand_ins, f"no local stand-in for {url.hostname}"
            return self.stand_ins[url.hostname](url)
        value = value.replace(f"{IMAGE_DIR}/var", str(self.var))
        # The web container's port 8000 (bound on 0.0.0.0): here a spare port on loopback.
        return re.sub(r"\b(0\.0\.0\.0|127\.0\.0\.1|localhost):8000\b", self.base[7:], value)

    def command(self, service: str) -> list[str]:
        return [self.local(part) for part in COMPOSE["services"][service]["command"]]

    def run(self, service: str, command: list[str] | None = None) -> str:
        """A one-off command (the service's own by default) in the service's environment."""
        result = subprocess.run(
            command or self.command(service),
            cwd=ROOT,
            env=self.env[service],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, f"{service}: {result.stdout[-3000:]}{result.stderr[-3000:]}"
        return result.stdout

    def manage_shell(self, code: str) -> str:
        """Python run as `manage.py shell` in the worker's environment."""
        return self.run("worker", [str(VENV_BIN / "python"), "manage.py", "shell", "-c", code])

    def healthy(self, service: str) -> bool:
        """Whether the service's compose health check passes."""
        test = [self.local(part) for part in COMPOSE["services"][service]["healthcheck"]["test"]]
        command = test[1:] if test[0] == "CMD" else ["/bin/sh", "-c", test[1]]
        return subprocess.run(command, env=self.env[service], capture_output=True).returncode == 0

    def start(self, service: str) -> subprocess.Popen:
        with open(self.log(service), "w") as log:
            process = subprocess.Popen(
                self.command(service),
                cwd=ROOT,
                env=self.env[service],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes[service] = process
        return process

    def wait_until(self, predicate, timeout: float, what: str):
        """wait_until, with every process alive throughout and their logs on failure."""

        def alive_and(predicate):
            for service, process in self.processes.items():
                assert process.poll() is None, f"{service} exited\n{self.logs()}"
            return predicate()

        try:
            return wait_until(lambda: alive_and(predicate), timeout, what, interval=0.3)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.logs()}") from None

    def log(self, service: str) -> Path:
        return self.tmp_path / f"{service}.log"

    def logs(self) -> str:
        return "\n".join(
            f"--- {service}\n{self.log(service).read_text()[-2000:]}" for service in self.processes
        )

    def stop(self):
        # Every service is told at once, so their graceful shutdowns overlap.
        for process in self.processes.values():
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            stop_process(process)


@pytest.fixture(scope="module")
def image_static(tmp_path_factory):
    """The image's build step (collectstatic), run once: its output is what every
    container of the image starts with."""
    var = tmp_path_factory.mktemp("image") / "var"
    variables, command = image_build_step("collectstatic")
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**image_environment(var), **variables},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return var / "staticfiles"


@pytest.fixture
def compose_database(tmp_path):
    """A database of this test's own, on the server the tests use."""
    default = settings.DATABASES["default"]
    if not default["ENGINE"].endswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'var' / 'compose.sqlite3'}"
        return
    server = {
        "host": default["HOST"] or "127.0.0.1",
        "port": default["PORT"] or 5432,
        "user": default["USER"],
        "password": default["PASSWORD"] or None,
    }
    name = f"{default['NAME'].removeprefix('test_')}_compose"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def deploy(tmp_path, compose_database, image_static, smtp_sink):
    """deploy(**operator): compose's app services, not started yet, with a redis-server."""
    redis_server = RedisServer(tmp_path).start()
    deployments = []

    def make(**operator):
        deployment = Deployment(
            tmp_path,
            database_url=compose_database,
            redis_url=redis_server.url,
            sink=smtp_sink,
            static=image_static,
            operator=operator,
        )
        deployments.append(deployment)
        return deployment

    yield make
    for deployment in deployments:
        deployment.stop()
    redis_server.stop()


def test_every_variable_compose_sets_is_one_the_code_reads(deploy):
    deployment = deploy()
    code = "import json; from connection.env import READ_NAMES; print(json.dumps(list(READ_NAMES)))"
    python = [str(VENV_BIN / "python"), "manage.py", "shell", "-c", code]
    checked = []  # services sharing one environment (compose's anchor) are checked once
    for service in APP_SERVICES:
        if deployment.compose_env[service] in checked:
            continue
        checked.append(deployment.compose_env[service])
        read = json.loads(deployment.run(service, python).splitlines()[-1])
        unread = set(deployment.compose_env[service]) - set(read)
        assert not unread, f"compose sets variables for {service} the code never reads: {unread}"


def test_compose_services_sign_a_person_up_and_deliver_a_reminder(deploy, smtp_sink):
    deployment = deploy()
    assert {env["DEBUG"] for env in deployment.env.values()} == {"false"}
    deployment.run("migrate")
    deployment.start("web")
    deployment.start("worker")
    deployment.wait_until(
        lambda: deployment.healthy("web"), 30, "gunicorn to pass compose's health check"
    )
    deployment.wait_until(
        lambda: "ready." in deployment.log("worker").read_text(), 60, "the worker to start"
    )

    browser = Browser(deployment.base)
    browser.submit(
        "/accounts/signup/",
        {
            "display_name": "Rosa",
            "email": EMAIL,
            "password1": "gentle-Harbour-42",
            "time_zone": "Europe/Berlin",
        },
    )
    [verification] = smtp_sink.wait_for(1)
    assert verification["To"] == EMAIL
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", text_of(verification)).group(0)
    assert link.startswith(deployment.base)
    landed = browser.submit(urlsplit(link).path, {})
    assert landed.url == f"{deployment.base}/welcome/"
    assert "Welcome to Kindred, Rosa" in landed.text

    # A ritual whose reminder is due now; beat's next dispatch hands it to the worker.
    deployment.manage_shell(
        "from django.utils import timezone; import datetime\n"
        "from accounts.models import User\n"
        "from plans.models import Ritual\n"
        "from reminders.models import ReminderSchedule\n"
        "from plans.services import ritual_schedule_sync\n"
        f"user = User.objects.get(email={EMAIL!r})\n"
        "ritual = Ritual.objects.create(owner=user, title='Evening call', cadence='daily',"
        " local_time=datetime.time(19, 0))\n"
        "ritual_schedule_sync(ritual=ritual)\n"
        "now = timezone.now()\n"
        "ReminderSchedule.objects.filter(owner=user, source_key=f'ritual:{ritual.pk}')"
        ".update(due_at=now, next_fire_at=now)\n"
    )
    beat_has_just_dispatched(deployment)
    deployment.start("beat")
    messages = deployment.wait_until(
        lambda: len(smtp_sink.messages) >= 2 and list(smtp_sink.messages), 30, "the reminder"
    )
    reminder = messages[1]
    assert reminder["To"] == EMAIL
    assert reminder["Subject"].startswith("Soon: Evening call at ")
    assert deployment.base in text_of(reminder)


def test_behind_a_tls_proxy_set_up_as_compose_says(deploy):
    """Compose's comment: behind a TLS proxy set SECURE_SSL_REDIRECT, SECURE_COOKIES and
    TRUST_X_FORWARDED_PROTO to true. Then a request the proxy forwards from https is
    served, and only a plain-http one is sent to https."""
    deployment = deploy(
        SECURE_SSL_REDIRECT="true", SECURE_COOKIES="true", TRUST_X_FORWARDED_PROTO="true"
    )
    deployment.run("migrate")
    deployment.start("web")

    def get(path, headers):
        # From 127.0.0.2, as from a proxy on another host: gunicorn itself trusts
        # X-Forwarded-Proto only from 127.0.0.1, so here Django's setting decides.
        connection = HTTPConnection(
            "127.0.0.1", deployment.port, timeout=10, source_address=("127.0.0.2", 0)
        )
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return (
                response.status,
                response.getheader("Location"),
                response.getheader("Strict-Transport-Security"),
            )
        except OSError:
            return None
        finally:
            connection.close()

    forwarded = {"X-Forwarded-Proto": "https"}
    served = deployment.wait_until(lambda: get("/", forwarded), 30, "gunicorn to answer")
    assert served == (200, None, "max-age=31536000; includeSubDomains; preload")
    login = f"https://127.0.0.1:{deployment.port}/accounts/login/"
    assert get("/accounts/login/", {}) == (301, login, None)


def beat_has_just_dispatched(deployment):
    """Beat keeps its state in the schedule file compose gives it; written here as a beat
    restarted a minute after its last dispatch would find it, so the first dispatch comes
    at once instead of a minute after start-up."""
    from celery.beat import PersistentScheduler

    from connection.celery import app

    [schedule_file] = [
        part.removeprefix("--schedule=")
        for part in deployment.command("beat")
        if part.startswith("--schedule=")
    ]
    scheduler = PersistentScheduler(app, schedule_filename=schedule_file)
    scheduler.schedule["dispatch-due-reminders"].last_run_at -= timedelta(minutes=1)
    scheduler.sync()
    scheduler.close()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


class Browser:
    """Cookies, the CSRF token from each form, and the Origin header a browser sends."""

    def __init__(self, base: str):
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, path: str):
        # Only ever http to the test's own server.
        return Page(self.opener.open(Request(self.base + path), timeout=10))  # noqa: S310

    def submit(self, path: str, fields: dict):
        form = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        request = Request(  # noqa: S310 - http to the test's own server
            self.base + path,
            data=urlencode({"csrfmiddlewaretoken": token, **fields}).encode(),
            headers={"Origin": self.base, "Referer": self.base + path},
        )
        return Page(self.opener.open(request, timeout=10))


class Page:
    def __init__(self, response):
        self.url = response.url
        self.text = response.read().decode()
