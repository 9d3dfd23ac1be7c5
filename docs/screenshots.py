"""Take the phone-width screenshots in docs/.

Run: .venv/bin/python docs/screenshots.py

It starts its own development server (DEBUG on, a throwaway SQLite database and broker
folder) and a local SMTP sink, then plays two people on a 390×844 phone: a newcomer who
signs up through the real flow, confirms by email and checks in (the check-in, the map,
Today, a person's important dates), and the demo account (a plan day, rituals, a ritual
shared with someone who accepted the emailed invitation). Each PNG is made smaller with
Pillow when it is installed; without it they are saved as the browser took them.
"""

import datetime
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
TIME_ZONE = "Europe/Berlin"
DEMO_EMAIL = "demo@kindred.localhost"
DEMO_PASSWORD = "look-around-kindly"  # noqa: S105 - the public local demo account
NEWCOMER_PEOPLE = (
    # name, kind, energy, closeness, in touch now, would like, needs
    ("Maya", "Friend", "Energizing", "Inner circle", "Monthly", "Weekly", ["Fun & play"]),
    ("Mum", "Family", "Mixed", "Inner circle", "Weekly", "Weekly", ["Practical help"]),
    ("Tom", "Colleague", "Draining", "Close", "Monthly", "Monthly", []),
    ("Sam", "Neighbour", "Neutral", "Wider circle", "Every 3 months", "Monthly", []),
)
# Pages taller than this are cut at the fold of their second screen: a README picture, not
# an archive of the whole page.
MAX_HEIGHT = 2 * PHONE["height"]
MARGIN = 12


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail_sink():
    """The project's own SMTP sink, started in this process so the script can read mail."""
    sys.path.insert(0, str(ROOT))
    from connection.lib.mailsink import MailSink

    return MailSink().start()


def wait_for_mail(sink, to: str, count: int = 1):
    for _ in range(100):
        found = [m for m in sink.messages if to in m["To"]]
        if len(found) >= count:
            return found[count - 1]
        time.sleep(0.1)
    raise RuntimeError(f"no email reached {to}")


def link_in(message, pattern: str) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(pattern, text).group(1)


def optimise(path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def shoot(page, name: str, *, around=None) -> None:
    """The top of the page, or the part of it around one element (with a margin)."""
    path = DOCS / f"{name}.png"
    if around is None:
        top, height = 0, page.evaluate("document.documentElement.scrollHeight")
    else:
        top, height = around.evaluate(
            "(e) => { const r = e.getBoundingClientRect(); return [r.top + scrollY, r.height]; }"
        )
        top, height = max(top - MARGIN, 0), height + 2 * MARGIN
    clip = {"x": 0, "y": top, "width": PHONE["width"], "height": min(height, MAX_HEIGHT)}
    page.screenshot(path=path, full_page=True, clip=clip)
    optimise(path)
    print(f"  {path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")


def heading(page):
    return page.get_by_role("heading", level=1)


def newcomer(page, sink) -> None:
    """Sign up, confirm by email, check in, then look at the map, a person and Today."""
    page.goto("/")
    shoot(page, "landing")
    page.get_by_role("link", name="Start for free").click()
    page.get_by_label("What should we call you?").fill("Rosa")
    page.get_by_label("Email").fill("rosa@example.com")
    page.get_by_label("Password").fill("gentle-Harbour-42")
    page.get_by_role("button", name="Sign Up").click()
    expect(heading(page)).to_contain_text("Check your email")
    page.goto(link_in(wait_for_mail(sink, "rosa@example.com"), r"(https?://\S+/confirm-email/\S+)"))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page)).to_contain_text("Welcome to Kindred")
    page.get_by_role("link", name="Let’s begin").click()

    for row, (name, kind, *_) in enumerate(NEWCOMER_PEOPLE[:3], start=1):
        page.get_by_label(f"Name {row}", exact=True).fill(name)
        page.get_by_label(f"Kind {row}", exact=True).select_option(label=kind)
    page.get_by_role("button", name="Add these and more").click()
    for row, (name, kind, *_) in enumerate(NEWCOMER_PEOPLE[3:], start=1):
        page.get_by_label(f"Name {row}", exact=True).fill(name)
        page.get_by_label(f"Kind {row}", exact=True).select_option(label=kind)
    page.get_by_role("button", name="Save and continue").click()

    def question(legend):
        return page.get_by_role("group", name=re.compile(legend))

    people = sorted(NEWCOMER_PEOPLE)
    for position, (name, _, energy, closeness, now, wished, needs) in enumerate(people, 1):
        expect(heading(page)).to_have_text(f"{name} · {position} of {len(people)}")
        question("How do you feel after").get_by_text(energy, exact=True).click()
        question("How close are you").locator("label", has_text=closeness).click()
        question("in touch now").get_by_text(now, exact=True).click()
        question("would you like to be").get_by_text(wished, exact=True).click()
        for need in needs:
            question("What do they bring you").locator("label", has_text=need).click()
        question("Giving and receiving").get_by_text("Balanced", exact=True).click()
        if name == "Mum":
            page.evaluate("window.scrollTo(0, 0)")
            shoot(page, "checkin")
        last = position == len(people)
        next_one = "Save and continue" if last else "Save, next person"
        page.get_by_role("button", name=next_one).click()

    expect(heading(page)).to_have_text("What is missing?")
    page.get_by_label("Belonging", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("group", name=re.compile("lack companionship")).get_by_label("Often").check()
    page.get_by_role("group", name=re.compile("left out")).get_by_label("Often").check()
    page.get_by_role("group", name=re.compile("isolated")).get_by_label("Some of the time").check()
    page.get_by_role("button", name="See my results").click()
    expect(heading(page)).to_have_text("Your social landscape")
    shoot(page, "results-map", around=page.locator("section", has=page.locator("#map-heading")))

    # Maya's birthday in four days, so Today shows the coming week's dates.
    page.goto("/people/")
    page.get_by_role("link", name="Maya").first.click()
    page.get_by_role("link", name="Add a date").click()
    page.get_by_label("Birthday").check()
    soon = datetime.date.today() + datetime.timedelta(days=4)
    page.locator("#id_day").select_option(str(soon.day))
    page.locator("#id_month").select_option(str(soon.month))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: Maya's birthday.")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "person")

    page.goto("/today/")
    shoot(page, "today")
    page.emulate_media(color_scheme="dark")
    page.reload()
    shoot(page, "today-dark")
    page.emulate_media(color_scheme="light")


def demo_account(page, invitee, sink) -> None:
    """The demo account: a plan day, the rituals and one ritual shared with Priya."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(DEMO_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/today/")

    page.goto("/plan/day/3/")
    shoot(page, "plan-day")

    page.goto("/rituals/")
    page.get_by_role("link", name="Tuesday call").first.click()
    page.get_by_role("link", name="Invite Priya").click()
    page.get_by_label("Their email address").fill("priya@example.net")
    page.get_by_label("Your name, as they will see it").fill("Alex")
    page.get_by_role("button", name="Send the invitation").click()
    invitation = wait_for_mail(sink, "priya@example.net")
    invitee.goto(link_in(invitation, r"Accept or decline here: (\S+)"))
    invitee.get_by_role("button", name="Accept the invitation").click()
    expect(heading(invitee)).to_have_text("You're in")

    page.reload()
    sharing = page.get_by_role("region", name="Shared with")
    expect(sharing).to_contain_text("Priya: Accepted")
    shoot(page, "ritual", around=page.locator("main"))

    page.goto("/rituals/")
    shoot(page, "rituals")


def main() -> None:
    sink = mail_sink()
    var = tempfile.mkdtemp(prefix="kindred-shots-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")
    }
    env.update(
        # DEBUG is off unless set; the development server, the development key and the
        # demo account all need it on.
        DEBUG="true",
        KINDRED_VAR_DIR=var,
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
        SITE_URL=base,
    )
    server = None
    try:
        python = sys.executable
        subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "demo"], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

            def phone():
                context = browser.new_context(
                    base_url=base, viewport=PHONE, device_scale_factor=1,
                    timezone_id=TIME_ZONE, locale="en-GB",
                )  # fmt: skip
                return context.new_page()

            newcomer(phone(), sink)
            demo_account(phone(), phone(), sink)
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        sink.stop()
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
