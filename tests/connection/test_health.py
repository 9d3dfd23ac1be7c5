"""/healthz says only whether the process and its database answer; /readyz, for whoever holds
the readiness token, names each part Kindred needs that is failing, within a bounded time."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError

from connection import health
from connection.celery import app as celery_app

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "readiness-token-for-tests-0123456789abcdef"


@pytest.fixture(autouse=True)
def _fresh_readiness(monkeypatch, settings):
    settings.KINDRED_READINESS_TOKEN = TOKEN
    monkeypatch.setattr(health, "READINESS", health.Readiness())


def _ready(client, token=TOKEN):
    return client.get("/readyz", headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def closed_port():
    """A port bound but not listening: every connection to it is refused at once."""
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        yield reserved.getsockname()[1]


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers: a Redis that hangs."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        yield server.getsockname()[1]


def _redis_at(port, settings, monkeypatch):
    """Cache and broker both on a Redis at this port, as production shares one Redis."""
    url = f"redis://127.0.0.1:{port}/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "connection.lib.redis_cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    monkeypatch.setattr(celery_app.conf, "broker_url", url)


def test_liveness_answers_ok_in_one_word_without_asking_cache_broker_or_worker(
    client, settings, monkeypatch, silent_port, django_assert_max_num_queries
):
    _redis_at(silent_port, settings, monkeypatch)
    started = time.monotonic()
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert elapsed < 1, elapsed


def test_liveness_says_unavailable_without_details_when_the_database_fails(client, monkeypatch):
    def unreachable():
        raise OperationalError('connection to server at "internal-db.example" failed')

    monkeypatch.setattr(health, "check_database", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"unavailable"


def test_liveness_answers_a_check_by_address_over_plain_http_in_production(client, settings):
    # Docker and load balancers ask http://<container address>/healthz.
    settings.ALLOWED_HOSTS = ["kindred.example"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="172.18.0.5:8000")

    assert response.status_code == 200
    assert response.content == b"ok"


def test_readiness_is_not_found_without_the_token(client):
    assert client.get("/readyz").status_code == 404
    assert _ready(client, token="readiness-token-for-tests-0123456789abcdeX").status_code == 404
    assert client.get("/readyz", headers={"Authorization": TOKEN}).status_code == 404


def test_readiness_is_not_found_when_no_token_is_configured(client, settings):
    settings.KINDRED_READINESS_TOKEN = ""

    assert _ready(client, token="").status_code == 404
    assert client.get("/readyz", headers={"Authorization": "Bearer "}).status_code == 404


def test_a_guessable_readiness_token_stops_start_up_with_the_variable_named(tmp_path):
    env = {**os.environ, "DEBUG": "true", "KINDRED_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import connection.settings"],
        cwd=ROOT,
        env={**env, "KINDRED_READINESS_TOKEN": "letmein"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "KINDRED_READINESS_TOKEN must be at least 32 characters" in result.stderr


def test_readiness_is_ok_when_database_cache_broker_and_a_worker_answer(
    client, celery_worker_process
):
    response = _ready(client)

    assert response.status_code == 200, response.json()
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "worker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_readiness_names_the_worker_when_none_answers(client):
    response = _ready(client)

    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["checks"]["worker"] == "failing"


@pytest.mark.parametrize("redis", ["closed_port", "silent_port"])
def test_readiness_names_the_redis_parts_in_bounded_time_when_redis_is_away(
    client, settings, monkeypatch, request, redis
):
    _redis_at(request.getfixturevalue(redis), settings, monkeypatch)

    started = time.monotonic()
    response = _ready(client)
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache", "broker", "worker"]
    assert body["checks"]["database"] == "ok"
    assert "127.0.0.1" not in response.content.decode()
    assert elapsed < 5, elapsed


def test_readiness_reuses_its_result_for_a_few_seconds(client, monkeypatch):
    runs = []
    monkeypatch.setitem(health.CHECKS, "database", lambda: runs.append("database"))

    first, second = _ready(client), _ready(client)

    assert runs == ["database"]
    assert first.json() == second.json()

    monkeypatch.setattr(health, "RESULT_TTL", 0)
    _ready(client)
    assert runs == ["database", "database"]


def _compose_healthcheck(service):
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["services"][service]["healthcheck"]["test"]


def test_the_web_containers_health_check_asks_liveness_and_passes(live_server):
    kind, *command = _compose_healthcheck("web")
    assert kind == "CMD"
    assert "http://127.0.0.1:8000/healthz" in command[-1]
    command[-1] = command[-1].replace("http://127.0.0.1:8000", live_server.url)

    result = subprocess.run(command, capture_output=True, text=True, timeout=30)

    assert result.returncode == 0, result.stderr


def test_the_worker_containers_health_check_finds_its_own_worker(celery_worker_process):
    kind, command = _compose_healthcheck("worker")
    assert kind == "CMD-SHELL"
    venv_bin = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "HOSTNAME": socket.gethostname(),
        "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}",
    }

    # Compose writes a literal $ as $$.
    result = subprocess.run(
        ["sh", "-c", command.replace("$$", "$")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
