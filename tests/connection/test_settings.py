import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!Qe2pL9#vR4tY6uI8oP0aS3dF5gH1jK2lZ4xC6vB8nM0qW9eR7tY5uI3oP1aS",
    "ALLOWED_HOSTS": "kindred.example",
    "SITE_URL": "https://kindred.example",
    "DATABASE_URL": "postgres://kindred@127.0.0.1:5432/kindred",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, env):
    dropped = {
        *PRODUCTION,
        "KINDRED_VAR_DIR",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    }
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION, "KINDRED_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_value_stops_start_up_with_the_variable_named(tmp_path):
    result = _manage("check", env={"DEBUG": "maybe", "KINDRED_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", env={**env, "KINDRED_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
