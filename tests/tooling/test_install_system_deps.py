"""scripts/install-system-deps on a machine that lacks Chromium, run against stand-ins.

The machine's own Chromium stays installed (others use it): the script is pointed at a
browser path that does not exist, and `id`, `sudo` and `apt-get` are stand-ins on a PATH
of the test's own that record every call.
"""

import os
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "install-system-deps"


def _stand_in(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "$CALLS"\n{body}\n')
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path):
    """A fresh machine: no Chromium at the path given, redis-server present; `uid` and
    `sudo` say who runs the script and whether sudo works without a password."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("env", "true"):
        (bin_dir / program).symlink_to(f"/usr/bin/{program}")
    _stand_in(bin_dir, "apt-get", "exit 0")
    _stand_in(bin_dir, "redis-server", "exit 0")
    _stand_in(bin_dir, "node", "exit 0")
    _stand_in(bin_dir, "npm", "exit 0")
    calls = tmp_path / "calls"
    calls.touch()
    # ical.js already installed, unless a test says otherwise.
    icaljs = tmp_path / "icaljs"
    (icaljs / "node_modules").mkdir(parents=True)

    def run(*args, uid=0, sudo="absent", chromium=tmp_path / "no-chromium"):
        _stand_in(bin_dir, "id", f"echo {uid}")
        if sudo == "works":
            _stand_in(bin_dir, "sudo", '[ "$1" = -n ] && shift; exec "$@"')
        elif sudo == "needs-a-password":
            _stand_in(bin_dir, "sudo", "echo 'sudo: a password is required' >&2; exit 1")
        env = {
            "PATH": str(bin_dir),
            "CALLS": str(calls),
            "CHROMIUM_PATH": str(chromium),
            "ICALJS_DIR": str(icaljs),
        }
        started = time.monotonic()
        result = subprocess.run(
            ["/bin/bash", str(SCRIPT), *args], env=env, capture_output=True, text=True
        )
        result.seconds = time.monotonic() - started
        result.calls = calls.read_text().splitlines()
        return result

    run.bin_dir = bin_dir
    run.icaljs = icaljs
    return run


def test_as_root_chromium_is_installed_with_apt_get(machine):
    result = machine(uid=0)
    assert result.returncode == 0, result.stderr
    assert result.calls == [
        "id -u",
        "apt-get update -qq",
        "apt-get install -y -qq chromium fonts-dejavu-core",
    ]


def test_not_root_chromium_is_installed_through_sudo(machine):
    result = machine(uid=1000, sudo="works")
    assert result.returncode == 0, result.stderr
    assert result.calls == [
        "id -u",
        "sudo -n true",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "apt-get update -qq",
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium "
        "fonts-dejavu-core",
        "apt-get install -y -qq chromium fonts-dejavu-core",
    ]


@pytest.mark.parametrize("sudo", ["needs-a-password", "absent"])
def test_neither_root_nor_sudo_stops_at_once_naming_the_command(machine, sudo):
    result = machine(uid=1000, sudo=sudo)
    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "Missing chromium fonts-dejavu-core; install them with: "
        "sudo apt-get install -y chromium fonts-dejavu-core"
    ]
    assert not any(call.startswith("apt-get") for call in result.calls)
    assert result.seconds < 5


def test_a_missing_redis_server_is_installed_too_and_postgresql_only_for_ci(machine):
    (machine.bin_dir / "redis-server").unlink()
    assert machine(uid=0).calls[-1] == (
        "apt-get install -y -qq chromium fonts-dejavu-core redis-server"
    )
    assert machine("--services", uid=0).calls[-1] == (
        "apt-get install -y -qq chromium fonts-dejavu-core redis-server postgresql"
    )


def test_a_missing_node_is_installed_and_then_ical_js_from_its_lock_file(machine):
    for program in ("node", "npm"):
        (machine.bin_dir / program).unlink()
    (machine.icaljs / "node_modules").rmdir()
    calls = machine(uid=0).calls
    assert "apt-get install -y -qq chromium fonts-dejavu-core nodejs npm" in calls
    # Once Node.js is there, the reader is installed from its lock file.
    _stand_in(machine.bin_dir, "node", "exit 0")
    _stand_in(machine.bin_dir, "npm", "exit 0")
    assert machine(uid=0).calls[-1] == "npm ci --no-audit --no-fund --silent"


def test_a_machine_with_everything_is_left_alone(machine, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    result = machine(uid=1000, chromium=chromium)
    assert (result.returncode, result.calls, result.stderr) == (0, [], "")


def test_make_test_and_ci_run_both_call_it(tmp_path):
    # A stamp newer than the lock file: the venv counts as installed; -n prints the recipe
    # without running it.
    stamp = tmp_path / "installed"
    stamp.touch()
    # Without the flags of a make this may run under (CI runs the suite from `make test`).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    make_test = subprocess.run(
        ["make", "--no-print-directory", "-n", "test", f"STAMP={stamp}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert make_test.stdout.splitlines()[0] == "scripts/install-system-deps"
    assert "scripts/install-system-deps --services" in (ROOT / ".ci" / "run").read_text()
