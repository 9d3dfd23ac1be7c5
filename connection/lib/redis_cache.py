"""A Redis cache that lets pages keep working while Redis is away.

Sessions (cached_db) and allauth's rate limits read the cache on every request; with
Django's RedisCache a stopped Redis would turn each of them into a 500. Here a lost
connection is logged and treated as a miss: reads return the default, writes do nothing,
and the database stays the source of truth for sessions. The price: while Redis is away,
allauth's rate limits do not count anything, and a deletion that could not reach Redis
(a sign-out during a network split that keeps Redis' data) leaves a cached session behind
until it expires; a Redis that restarts without persistence has none.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


def _degrade(name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except _UNAVAILABLE as error:
            logger.warning("cache unavailable (%s): %s treated as a miss", error, name)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    get = _degrade("get", _default)
    get_many = _degrade("get_many", {})
    has_key = _degrade("has_key", False)
    # "Stored": callers use add() as a lock (allauth's rate limits), and a lock that can
    # never be taken would refuse every sign-in. Rate limits are off while Redis is away.
    add = _degrade("add", True)
    set = _degrade("set", False)
    set_many = _degrade("set_many", lambda data, *args, **kwargs: list(data))
    touch = _degrade("touch", False)
    delete = _degrade("delete", False)
    delete_many = _degrade("delete_many", None)
    incr = _degrade("incr", lambda key, delta=1, *args, **kwargs: delta)
    clear = _degrade("clear", False)
