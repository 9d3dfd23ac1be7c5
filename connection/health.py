"""Two health checks; a public one says nothing internal.

Liveness (`/healthz`, public): the process answers and the database takes a trivial query.
Readiness (`/readyz`, only with KINDRED_READINESS_TOKEN): the database, the cache, the broker
and a Celery worker, each reported "ok" or "failing". Error texts name hosts and ports, so
they go to the log, never into a response.
"""

import hmac
import logging
import threading
import time
import uuid
from concurrent.futures import Future, wait

from django.conf import settings
from django.core.cache import cache
from django.db import connection as db_connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from connection.celery import app as celery_app

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
# The parts are checked side by side, each in its own thread, and a request waits this long
# at most: a Redis or broker that hangs cannot hold a web worker for longer.
PART_TIMEOUT = 1.5
# Workers' replies are awaited this long, leaving the rest of PART_TIMEOUT to connect: no
# reply reads as "no worker answered" in the log rather than as a part that hung.
WORKER_REPLY_TIMEOUT = 1.0
# One result answers every readiness request for this long, so a monitor polling hard (or
# many requests while a part hangs) cannot pile checks up. It is kept in this process, not
# in the cache: the cache may be the very part that is failing.
RESULT_TTL = 5.0


def check_database() -> None:
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"readiness:{uuid.uuid4().hex}"
    # The cache degrades to misses while Redis is away, so a failure shows as a lost value.
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_broker() -> None:
    # A fresh connection, tried once: the pooled one retries with back-off for seconds.
    with celery_app.connection_for_write(connect_timeout=PART_TIMEOUT) as conn:
        conn.ensure_connection(max_retries=0)


def check_worker() -> None:
    with celery_app.connection_for_write(connect_timeout=PART_TIMEOUT) as conn:
        # limit=1: the first answer is enough; without it ping waits out the whole timeout.
        replies = celery_app.control.ping(timeout=WORKER_REPLY_TIMEOUT, limit=1, connection=conn)
    if not replies:
        raise RuntimeError("no Celery worker answered")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
}


class LivenessMiddleware:
    """Answers /healthz ahead of every other middleware.

    Docker and load balancers ask by address over plain http, so neither ALLOWED_HOSTS nor
    the https redirect may stand in the way, and sessions, CSP and the rest have no part in
    whether the process is alive.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != LIVENESS_PATH:
            return self.get_response(request)
        try:
            check_database()
        except Exception:  # noqa: BLE001 - any failure means "unavailable", the log says why
            logger.warning("liveness: the database did not answer", exc_info=True)
            response = HttpResponse("unavailable", content_type="text/plain", status=503)
        else:
            response = HttpResponse("ok", content_type="text/plain")
        add_never_cache_headers(response)
        return response


def holds_readiness_token(request) -> bool:
    expected = settings.KINDRED_READINESS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def _start(name: str, check) -> Future:
    future = Future()

    def run():
        future.set_running_or_notify_cancel()
        try:
            check()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting request
            future.set_exception(error)
        else:
            future.set_result(None)
        finally:
            # The check ran on this thread's own database connection; do not leave it open.
            db_connection.close()

    # A daemon thread: a part that never answers must not keep the process from exiting.
    threading.Thread(target=run, name=f"readiness-{name}", daemon=True).start()
    return future


class Readiness:
    """The latest readiness result of this process, refreshed at most every RESULT_TTL."""

    def __init__(self):
        self._lock = threading.Lock()
        self._report: dict[str, str] | None = None
        self._checked_at = 0.0
        self._running: dict[str, Future] = {}

    def report(self) -> dict[str, str]:
        # Requests arriving during a refresh wait for it (PART_TIMEOUT at most) and share it.
        with self._lock:
            if self._report is None or time.monotonic() - self._checked_at >= RESULT_TTL:
                self._report = self._check_all()
                self._checked_at = time.monotonic()
            return self._report

    def _check_all(self) -> dict[str, str]:
        for name, check in CHECKS.items():
            previous = self._running.get(name)
            # A part still stuck in an earlier check is waited on again, not asked twice:
            # threads cannot accumulate however long it hangs.
            if previous is None or previous.done():
                self._running[name] = _start(name, check)
        wait(self._running.values(), timeout=PART_TIMEOUT)
        return {name: self._state(name, future) for name, future in self._running.items()}

    @staticmethod
    def _state(name: str, future: Future) -> str:
        if not future.done():
            logger.warning("readiness: %s did not answer within %s s", name, PART_TIMEOUT)
            return "failing"
        error = future.exception()
        if error is not None:
            logger.warning("readiness: %s failing", name, exc_info=error)
            return "failing"
        return "ok"


READINESS = Readiness()


def readiness_report() -> dict[str, str]:
    return READINESS.report()
