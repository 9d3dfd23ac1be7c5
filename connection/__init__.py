"""The Kindred project package; exports the Celery app for `celery -A connection`."""

from connection.celery import app as celery_app

__all__ = ("celery_app",)
