"""Token URLs never reach a log line whole: not through Django's loggers (django.request,
django.security, runserver's django.server), not through gunicorn's access or error log."""

import http.client
import io
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.test import Client

from connection.token_urls import (
    PUBLIC_PARAMETERS,
    REDACTED,
    SECRET_PARAMETERS,
    endpoints,
    redact,
    token_routes,
)
from tests.connection.token_links import token_links
from tests.reminders.faults.conftest import database_url, free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
# How each kind of token URL reads in a log line.
REDACTED_PATHS = [
    f"/r/{REDACTED}/",
    f"/email/unsubscribe/{REDACTED}/",
    f"/calendar/{REDACTED}",
    f"/accounts/confirm-email/{REDACTED}/",
    f"/accounts/password/reset/key/{REDACTED}/",
]


def _assert_logged_without_tokens(printed, links):
    for redacted in REDACTED_PATHS:
        assert redacted in printed, (redacted, printed)
    for link in links:
        assert link.secret not in printed, link.what


def _fetch(port, path, **headers):
    """The status of one GET, redirects not followed; None while nothing listens."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


@pytest.fixture
def links(user, make_person, make_ritual):
    maya = make_person(user, name="Maya")
    return token_links(user, maya, make_ritual(user, people=[maya]))


def test_every_url_parameter_is_known_to_be_secret_or_public():
    """A URL with a parameter of a new name must be classified here before it ships."""
    parameters = {name for _, _, params in endpoints() for name in params}
    assert parameters <= SECRET_PARAMETERS | PUBLIC_PARAMETERS, parameters - PUBLIC_PARAMETERS


def test_every_token_url_has_an_example_that_the_log_tests_request(links):
    assert set(token_routes()) == {link.route for link in links}
    assert set(token_routes()) >= {
        "calendar_feed",
        "reminder_action",
        "reminder_unsubscribe",
        "account_confirm_email",
        "account_reset_password_from_key",
    }


def test_redaction_removes_the_secret_wherever_the_path_appears(links):
    for link in links:
        for line in [
            link.path,
            f"Not Found: {link.path}",
            f'"GET {link.path}?a=1 HTTP/1.1" 404 179',
            f'127.0.0.1 - - "POST {link.path} HTTP/1.1" 400 0 "{django_settings.SITE_URL}'
            f'{link.path}" "Mozilla/5.0"',
            f"/accounts/login/?next={link.path}",
        ]:
            redacted = redact(line)
            assert link.secret not in redacted, (link.what, redacted)
            assert REDACTED in redacted


def test_redaction_leaves_other_paths_alone():
    for line in [
        "/calendar/",
        "/rituals/5/calendar.ics",
        "/accounts/password/reset/key/done/",
        "/accounts/confirm-email/",
        "/admin/r/5/6/",
        "/people/12/edit/",
        '"GET /today/ HTTP/1.1" 200 5120',
    ]:
        assert redact(line) == line


def _configured_handler(logger, name):
    """A handler from settings.LOGGING (pytest adds capturing handlers beside it)."""
    [handler] = [h for h in logging.getLogger(logger).handlers if h.get_name() == name]
    return handler


@pytest.fixture
def console_output():
    """What the configured console handler (the one production logs through) prints."""
    handler = _configured_handler("", "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_django_request_and_security_warnings_hold_no_token(links, console_output):
    visitor = Client(enforce_csrf_checks=True)
    statuses = []
    for link in links:
        statuses.append(visitor.get(link.path).status_code)
        # Without a CSRF token: django.security.csrf logs the refusal with the path.
        statuses.append(visitor.post(link.path, {}).status_code)

    assert {400, 403, 404} <= set(statuses)
    _assert_logged_without_tokens(console_output.getvalue(), links)


@pytest.mark.django_db(transaction=True)
def test_runserver_log_holds_no_token(links):
    handler = _configured_handler("django.server", "server")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    # Not get_wsgi_application(): set-up again would replace the handler read here.
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for link in links:
            _fetch(server.server_port, link.path)
    finally:
        server.shutdown()
        server.server_close()
        handler.setStream(previous)

    _assert_logged_without_tokens(stream.getvalue(), links)


@pytest.mark.django_db(transaction=True)
def test_gunicorn_access_and_error_logs_hold_no_token(links, tmp_path):
    """The image's gunicorn command, unchanged: gunicorn.conf.py in the working directory
    gives it the redacting logger."""
    port = free_port()
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    command = [sys.executable, "-m", "gunicorn", "connection.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    command += ["--access-logfile", str(access_log), "--error-logfile", str(error_log)]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "SECRET_KEY": django_settings.SECRET_KEY,
        "DEBUG": "true",
        "KINDRED_VAR_DIR": str(tmp_path / "var"),
    }
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    statuses = []
    try:
        wait_until(lambda: _fetch(port, "/healthz") is not None, 30, "gunicorn to answer")
        for link in links:
            statuses.append(_fetch(port, link.path))
            # An old browser that ignores the pages' Referrer-Policy sends the link onward.
            statuses.append(_fetch(port, "/", Referer=f"http://127.0.0.1:{port}{link.path}"))
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert 200 in statuses and 400 in statuses and 404 in statuses, statuses
    _assert_logged_without_tokens(access_log.read_text(), links)
    _assert_logged_without_tokens(access_log.read_text() + error_log.read_text(), links)
