import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from landscape.models import Assessment
from plans.models import CheckIn

pytestmark = pytest.mark.django_db


def embedded(settings):
    settings.DEBUG = True


def test_demo_creates_a_verified_account_with_people_connections_and_check_ins(settings, capsys):
    embedded(settings)
    call_command("demo")
    user = User.objects.get(email="demo@kindred.localhost")
    assert user.emailaddress_set.get().verified
    assert user.people.count() == 10
    # 11 sample connections, two plan days and the done ritual check-ins.
    done_check_ins = CheckIn.objects.filter(ritual__owner=user, status="done").count()
    assert done_check_ins >= 4
    assert user.interactions.count() == 11 + 2 + done_check_ins
    assert user.plan_enrollments.get().entries.count() == 2
    assert set(user.rituals.values_list("catalog_slug", flat=True)) == {
        "sunday-dinner",
        "tuesday-call",
    }
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


def test_make_run_offers_the_demo_only_on_the_embedded_default(settings):
    import django.db

    settings.DEBUG = True
    call_command("demo", "--offer")
    # `make test` runs this on SQLite (created); CI on PostgreSQL (a real database: none).
    embedded = django.db.connection.vendor == "sqlite"
    assert User.objects.filter(email="demo@kindred.localhost").exists() is embedded
