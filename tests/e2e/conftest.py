"""Browser fixtures: Playwright driving Debian's Chromium against pytest-django's live server.

Every page gets a listener for Content-Security-Policy violations; `assert_accessible` runs
axe-core on the page in its current state.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_site(live_server, settings):
    """The live server, with links in emails pointing at it."""
    settings.SITE_URL = live_server.url
    return live_server


class PageWatch:
    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def csp_violations(self) -> list[str]:
        found = self.page.evaluate("window.__cspViolations || []")
        found += [m for m in self.console_errors if "Content Security Policy" in m]
        return found


@pytest.fixture
def page_watch(browser, live_site):
    context = browser.new_context(
        base_url=live_site.url, timezone_id="America/Chicago", locale="en-US"
    )
    context.add_init_script(_CSP_LISTENER)
    page = context.new_page()
    watch = PageWatch(page)
    # Any request that leaves the live server is a request to a third party.
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_site.url, "data:"))
            else watch.outside_requests.append(request.url)
        ),
    )
    yield watch
    try:
        assert watch.csp_violations() == [], "the page broke its Content-Security-Policy"
        assert watch.outside_requests == [], "the page asked a third-party host"
    finally:
        context.close()


@pytest.fixture
def page(page_watch):
    return page_watch.page


_axe = Axe()


def color_scheme(page, scheme: str) -> None:
    """Switch the page to the system's light or dark setting and wait for the colours to
    settle: axe would otherwise read a button halfway through its colour transition."""
    page.emulate_media(color_scheme=scheme)
    # Polled from here: wait_for_function evaluates a string, which the strict CSP refuses.
    settled = (
        f"() => document.documentElement.getAttribute('data-bs-theme') === '{scheme}'"
        " && document.getAnimations().every((a) => a.playState !== 'running')"
    )
    for _ in range(100):
        if page.evaluate(settled):
            return
        page.wait_for_timeout(20)
    raise AssertionError(f"the page did not settle in the {scheme} theme")


def assert_accessible(page):
    results = _axe.run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        f" {v['nodes'][0].get('failureSummary', '')}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"accessibility violations on {page.url}:\n" + "\n".join(serious)


@pytest.fixture
def sign_in(page, live_site, client):
    """Sign a user in to the browser page by handing it a real session cookie."""
    from django.conf import settings

    def sign_in(user):
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_site.url,
                }
            ]
        )
        return page

    return sign_in
