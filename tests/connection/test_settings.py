import os
import shlex
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


def test_an_empty_environment_refuses_to_start_naming_secret_key():
    """No variables at all is how a careless deployment starts: it must not sign with the
    key in the repository, nor serve debug pages."""
    result = subprocess.run(
        [sys.executable, "-c", "import connection.settings"],
        cwd=ROOT,
        env={},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr.strip().splitlines()[-1]


def test_make_run_and_make_demo_start_with_no_variables_set(tmp_path):
    """`make run` and `make demo` turn DEBUG on themselves; with only that, the project
    starts. The commands they run are recorded by stand-ins for the venv's programs."""
    bin_dir, calls = tmp_path / "bin", tmp_path / "calls"
    bin_dir.mkdir()
    for program in ("python", "honcho"):
        stand_in = bin_dir / program
        stand_in.write_text(f'#!/bin/sh\necho "DEBUG=$DEBUG {program} $*" >> {calls}\n')
        stand_in.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    # A stamp newer than the lock file: the venv counts as installed, nothing is fetched.
    stamp = tmp_path / "installed"
    stamp.touch()
    for target in ("run", "demo"):
        subprocess.run(
            ["make", "-s", target, f"BIN={bin_dir}", f"STAMP={stamp}"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
    recorded = calls.read_text().splitlines()
    assert any(" manage.py demo --reset" in line for line in recorded)
    assert any(line.startswith("DEBUG=true honcho -f Procfile start") for line in recorded)
    assert all(line.startswith("DEBUG=true ") for line in recorded), recorded

    result = _manage("check", env={"DEBUG": "true", "KINDRED_VAR_DIR": str(tmp_path / "var")})
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_procfile_process_runs_with_debug_on():
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip():
            name, command = line.split(": ", 1)
            assert shlex.split(command)[0] == "DEBUG=true", name
