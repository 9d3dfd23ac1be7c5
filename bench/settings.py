"""The project's settings plus a bare view to measure the server's floor against."""

from connection.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
