import pytest

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_database_cache_broker_and_a_worker_answer(
    client, celery_worker_process
):
    response = client.get("/healthz")

    assert response.status_code == 200, response.json()
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "ok",
        "worker": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_worker_when_none_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["failing"] == ["worker"]
    assert body["checks"]["worker"].startswith("failing: ")
