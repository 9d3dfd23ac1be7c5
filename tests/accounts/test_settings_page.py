import pytest

pytestmark = pytest.mark.django_db


def test_changing_name_and_time_zone(signed_in_client, user):
    response = signed_in_client.post(
        "/account/settings/",
        {"display_name": "Ada L.", "time_zone": "America/New_York"},
        follow=True,
    )
    assert b"Your details are saved" in response.content
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("Ada L.", "America/New_York")


def test_an_unknown_time_zone_is_refused_and_the_name_typed_is_kept(signed_in_client, user):
    response = signed_in_client.post(
        "/account/settings/",
        {"display_name": "Ada <3 \u05e9\u05dc\u05d5\u05dd", "time_zone": "Mars/Olympus"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a time zone we know" in html
    assert 'value="Ada &lt;3 \u05e9\u05dc\u05d5\u05dd"' in html
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"


def test_settings_page_links_every_account_control(signed_in_client):
    html = signed_in_client.get("/account/settings/").content.decode()
    for path in [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/sessions/",
        "/account/export/",
        "/account/delete/",
    ]:
        assert f'href="{path}"' in html, path


def test_allauth_account_pages_render_in_the_site_layout(signed_in_client):
    for path in ["/accounts/email/", "/accounts/password/change/", "/accounts/sessions/"]:
        response = signed_in_client.get(path)
        assert response.status_code == 200, path
        assert b'id="main"' in response.content
