"""The parts every page shares: the web app manifest and icons, dark mode, no inline code."""

import json
import struct

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_every_page_links_the_manifest_icons_theme_colours_and_the_theme_script(client):
    page = client.get("/").content.decode()
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in page
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in page
    assert (
        '<meta name="theme-color" content="#2f7d6d" media="(prefers-color-scheme: light)">' in page
    )
    assert 'media="(prefers-color-scheme: dark)"' in page
    assert '<meta name="color-scheme" content="light dark">' in page
    # In <head> and not deferred, so the first paint already has the right colours.
    head = page[: page.index("</head>")]
    assert '<script src="/static/js/theme.js"></script>' in head


def test_the_manifest_is_served_as_a_manifest_and_its_icons_exist_at_their_sizes(client, settings):
    # WhiteNoise, as in production, serving straight from the static folders.
    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(b"".join(response.streaming_content))
    assert manifest["start_url"] == "/today/" and manifest["display"] == "standalone"
    sizes = {}
    for icon in manifest["icons"]:
        found = finders.find(icon["src"])
        assert found, icon["src"]
        width, height = png_size(found)
        assert f"{width}x{height}" == icon["sizes"]
        sizes.setdefault(icon["purpose"], set()).add(icon["sizes"])
    assert sizes == {"any": {"192x192", "512x512"}, "maskable": {"512x512"}}
    assert png_size(finders.find("img/apple-touch-icon.png")) == (180, 180)


def test_emails_do_not_carry_the_pages_theme_script_or_stylesheets(
    user, smtp_sink, django_capture_on_commit_callbacks
):
    from accounts.services import account_delete

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=user)
    [message] = smtp_sink.wait_for(1)
    body = message.get_body(preferencelist=("html",)).get_content()
    assert "theme.js" not in body and "data-bs-theme" not in body and "app.css" not in body
