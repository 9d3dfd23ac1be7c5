import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from connection.models import Assessment

pytestmark = pytest.mark.django_db


def embedded(settings):
    settings.DEBUG = True


def test_demo_creates_a_verified_account_with_people_connections_and_check_ins(settings, capsys):
    embedded(settings)
    call_command("demo")
    user = User.objects.get(email="demo@kindred.localhost")
    assert user.emailaddress_set.get().verified
    assert user.people.count() == 10 and user.interactions.count() == 11
    first, latest = Assessment.objects.filter(owner=user).completed().order_by("completed_at")
    assert (first.ucla_score, latest.ucla_score) == (7, 5)
    assert "look-around-kindly" in capsys.readouterr().out
    call_command("demo")
    assert User.objects.filter(email="demo@kindred.localhost").count() == 1


def test_demo_refuses_production_settings_and_the_offer_stays_quiet(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="embedded default only"):
        call_command("demo")
    call_command("demo", "--offer")
    assert not User.objects.exists()


def test_the_demo_results_page_renders(settings, client):
    embedded(settings)
    call_command("demo")
    user = User.objects.get(email="demo@kindred.localhost")
    client.force_login(user)
    latest = Assessment.objects.filter(owner=user).completed().order_by("completed_at").last()
    page = client.get(f"/assessment/{latest.pk}/results/").content.decode()
    assert "Jonas: neutral → energizing." in page
    assert client.get("/today/").status_code == 200
