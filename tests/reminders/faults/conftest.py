"""Real service processes for fault tests: a redis-server, Celery workers and dispatchers,
each on its own spare port, and always stopped in teardown. A missing service makes the
test fail, never skip."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection as db_connection

ROOT = Path(__file__).resolve().parents[3]
CELERY = str(Path(sys.executable).with_name("celery"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def stop_process(process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 10):
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
    except ProcessLookupError:
        pass


class RedisServer:
    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = log_dir / f"redis-{self.port}.log"
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        wait_until(lambda: self._pings(client), 10, f"redis-server on port {self.port}")
        return self

    @staticmethod
    def _pings(client):
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def stop(self):
        if self.process is not None:
            stop_process(self.process)


def database_url() -> str:
    """The URL of the database this test runs on, for the processes the test starts."""
    settings = db_connection.settings_dict
    if db_connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


class Services:
    """The environment and the processes of one fault test."""

    def __init__(self, tmp_path: Path, redis_server: RedisServer, sink):
        self.tmp_path = tmp_path
        self.redis = redis_server
        self.workers: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_server.url,
            "EMAIL_URL": f"smtp://{sink.host}:{sink.port}",
            "KINDRED_VAR_DIR": str(tmp_path / "var"),
            "KINDRED_REMINDER_RETRY_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        }

    def start_worker(self, concurrency: int = 2) -> subprocess.Popen:
        log_path = self.tmp_path / f"worker-{len(self.workers)}.log"
        command = [CELERY, "-A", "connection", "worker", "--loglevel=INFO"]
        command += [f"--concurrency={concurrency}", "--without-gossip", "--without-mingle"]
        command += ["--without-heartbeat", "-n", f"faults{len(self.workers)}-{self.redis.port}@%h"]
        with open(log_path, "w") as log:
            worker = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.workers.append(worker)
        wait_until(
            lambda: "ready." in log_path.read_text() or worker.poll() is not None,
            60,
            "the Celery worker to start",
        )
        assert worker.poll() is None, log_path.read_text()[-3000:]
        return worker

    def start_beat(self) -> subprocess.Popen:
        """Celery beat with the real schedule (the tick each minute, the sweeper every 30 s)."""
        log_path = self.tmp_path / "beat.log"
        with open(log_path, "w") as log:
            beat = subprocess.Popen(
                [CELERY, "-A", "connection", "beat", "--loglevel=INFO"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.workers.append(beat)  # stopped with the workers in teardown
        wait_until(
            lambda: "beat: Starting" in log_path.read_text() or beat.poll() is not None,
            60,
            "celery beat to start",
        )
        assert beat.poll() is None, log_path.read_text()[-3000:]
        return beat

    def kill_worker(self, worker):
        """SIGKILL the worker and its pool processes at once: no goodbye, no ack."""
        stop_process(worker, signal.SIGKILL)

    def manage(self, *args, timeout: float = 120) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def manage_async(self, *args) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def close(self):
        for worker in self.workers:
            stop_process(worker)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def services(transactional_db, tmp_path, redis_server, smtp_sink):
    services = Services(tmp_path, redis_server, smtp_sink)
    yield services
    services.close()


def seed_due_reminders(count: int, due_at, zone: str = "Europe/Berlin", prefix: str = "p"):
    """`count` verified people, each with one test-kind reminder due at `due_at`."""
    from allauth.account.models import EmailAddress

    from accounts.models import User
    from reminders.models import ReminderSchedule

    users = User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.com", password="!", time_zone=zone) for n in range(count)]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    ReminderSchedule.objects.bulk_create(
        [
            ReminderSchedule(
                owner=u,
                kind="test_ritual",
                source_key="daily:19:00:60",
                due_at=due_at,
                next_fire_at=due_at,
                zone=zone,
            )
            for u in users
        ]
    )
    return users


def message_ids(sink) -> list[str]:
    return [message["Message-ID"] for message in list(sink.messages)]


def lateness_line() -> str:
    """p50, p95 and max of sent_at − due_at over the sent deliveries, for the test's output."""
    from reminders.selectors import sent_lateness

    late = sent_lateness()
    return f"lateness p50={late['p50']:.1f}s p95={late['p95']:.1f}s max={late['max']:.1f}s"
