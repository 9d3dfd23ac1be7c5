import pytest
from django.urls import reverse

from landscape.models import Person

pytestmark = pytest.mark.django_db


def test_the_person_form_offers_an_optional_email_and_says_what_it_is_for(signed_in_client, user):
    page = signed_in_client.get(reverse("person_new")).content.decode()
    assert "Used only if you invite them to one of your rituals" in page
    response = signed_in_client.post(
        reverse("person_new"),
        {
            "name": "Maya",
            "kind": "friend",
            "closeness": "close",
            "energy": "neutral",
            "contact_now": "monthly",
            "contact_wished": "monthly",
            "status": "active",
            "email": "maya@example.net",
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(owner=user).email == "maya@example.net"
    response = signed_in_client.post(
        reverse("person_new"), {"name": "Jonas", "kind": "friend", "email": "not an address"}
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
