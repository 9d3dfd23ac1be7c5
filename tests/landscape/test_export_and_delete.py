import datetime
import json

import pytest
from django.urls import reverse

from accounts.services import account_delete, account_export
from landscape.models import Assessment, Interaction, Person
from landscape.services import interaction_log
from tests.landscape.factories import HOSTILE_NAME, finished_assessment, person

pytestmark = pytest.mark.django_db


def test_export_holds_my_people_interactions_and_assessments_only(user, other_user):
    ana = person(user, HOSTILE_NAME, notes="<b>hi</b>")
    interaction_log(owner=user, occurred_on=datetime.date(2026, 3, 1), people=[ana], note="walk")
    finished_assessment(user, ucla=(2, 2, 2), cravings=["fun"])
    person(other_user, "Grace's friend")
    finished_assessment(other_user)

    data = account_export(user=user)
    assert [p["name"] for p in data["people"]] == [HOSTILE_NAME]
    assert data["interactions"] == [
        {
            "occurred_on": "2026-03-01",
            "people": [ana.pk],
            "channel": "in_person",
            "feeling": "neutral",
            "note": "walk",
            "is_micro": False,
        }
    ]
    [assessment] = data["assessments"]
    assert assessment["ucla_score"] == 6 and assessment["cravings"] == ["fun"]
    assert assessment["people"][0]["name"] == HOSTILE_NAME
    assert "Grace" not in json.dumps(data)


def test_the_export_download_keeps_text_as_data(signed_in_client, user):
    person(user, HOSTILE_NAME)
    response = signed_in_client.post(reverse("account_export"))
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["people"][0]["name"] == HOSTILE_NAME


def test_deleting_the_account_removes_people_interactions_and_assessments(user, other_user):
    ana = person(user, "Ana")
    interaction_log(owner=user, occurred_on=datetime.date(2026, 3, 1), people=[ana])
    finished_assessment(user)
    theirs = person(other_user, "Theirs")
    account_delete(user=user)
    assert list(Person.objects.all()) == [theirs]
    assert not Interaction.objects.exists()
    assert not Assessment.objects.exists()
