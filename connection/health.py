"""Liveness of the parts Kindred needs: database, cache, broker and a Celery worker."""

import uuid

from django.core.cache import cache
from django.db import connection as db_connection

from connection.celery import app as celery_app


def check_database() -> None:
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def check_worker() -> None:
    replies = celery_app.control.ping(timeout=1.0)
    if not replies:
        raise RuntimeError("no Celery worker answered")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
}


def health_report() -> dict[str, str]:
    report = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure is reported, none is raised
            report[name] = f"failing: {type(error).__name__}: {error}"[:300]
        else:
            report[name] = "ok"
    return report
