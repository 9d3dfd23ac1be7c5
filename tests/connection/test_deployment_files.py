"""docker-compose.yml, the Dockerfile and the Procfile describe the same app the tests run.

No Docker engine runs here, so these read the files against what the tests do exercise:
the same WSGI module, the same Celery app, the same settings variables.
"""

import importlib
import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def _procfile():
    """Each process's command, without the `DEBUG=true` every line starts with."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    entries = (line.split(": ", 1) for line in lines if line.strip())
    return {name: command.removeprefix("DEBUG=true ") for name, command in entries}


def test_compose_has_the_production_services_from_one_image():
    assert set(SERVICES) >= {"postgres", "redis", "mailpit", "web", "worker", "beat"}
    images = {SERVICES[name]["image"] for name in ("web", "worker", "beat", "migrate")}
    assert images == {"kindred:latest"}
    assert "healthcheck" in SERVICES["postgres"]
    assert "healthcheck" in SERVICES["redis"]


def test_exactly_one_beat_and_app_services_wait_for_healthy_data_stores():
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name


def test_service_commands_run_the_modules_the_tests_use():
    web = SERVICES["web"]["command"]
    assert web[0] == "gunicorn"
    module = web[1]
    assert importlib.import_module(module).application is not None
    dockerfile_cmd = re.search(r"^CMD (.+)$", (ROOT / "Dockerfile").read_text(), re.M).group(1)
    assert yaml.safe_load(dockerfile_cmd)[:2] == web[:2]

    procfile = _procfile()
    for name in ("worker", "beat"):
        compose_cmd = SERVICES[name]["command"]
        assert (
            compose_cmd[:4]
            == shlex.split(procfile[name])[:4]
            == ["celery", "-A", "connection", name]
        )


def test_compose_points_the_app_at_its_own_services():
    # test_compose_services.py runs these and checks every variable is one the code reads.
    environment = SERVICES["web"]["environment"]
    assert environment["DEBUG"] == "false"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["REDIS_URL"].startswith("redis://redis:")
    assert environment["EMAIL_URL"] == "smtp://mailpit:1025"
