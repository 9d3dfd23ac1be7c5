"""Take the phone-width screenshots in docs/ from the demo account.

Run: .venv/bin/python docs/screenshots.py  (starts its own server on a throwaway SQLite)
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    var = tempfile.mkdtemp(prefix="kindred-shots-")
    env = {
        **os.environ,
        "KINDRED_VAR_DIR": var,
        "DEBUG": "true",
        "DATABASE_URL": "",
        "REDIS_URL": "",
    }
    env.pop("DATABASE_URL")
    env.pop("REDIS_URL")
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "demo"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            page.goto(base + "/accounts/login/")
            page.get_by_label("Email").fill("demo@kindred.localhost")
            page.get_by_label("Password").fill("look-around-kindly")
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_url("**/today/")
            page.screenshot(path=ROOT / "docs" / "today.png", full_page=True)
            page.goto(base + "/assessment/history/")
            page.get_by_role("link", name="Results").first.click()
            page.wait_for_load_state()
            page.screenshot(path=ROOT / "docs" / "results.png", full_page=True)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
