"""Cached reads of one owner's landscape, invalidated by a version stamp.

Every write to an owner's people, connections, check-ins, plan or rituals (the service
functions of connection/ and plans/) calls landscape_changed(),
which drops the owner's version stamp once the transaction commits; the next read makes
a new stamp, and an entry cached under an older one is never read again. Dropping after
commit means no request can cache data older than the write under the new stamp.

All of an owner's entries live under one key, with the stamp they were computed under:
a new version replaces the old entries instead of leaving them to expire, and deleting
the account drops everything at once (landscape_forget).
"""

import uuid

from django.core.cache import cache
from django.db import transaction

# Long enough to matter, short enough that orphaned entries do not linger.
TIMEOUT = 60 * 60 * 24


def _version_key(owner_id: int) -> str:
    return f"landscape-version:{owner_id}"


def landscape_version(owner_id: int) -> str | None:
    """The owner's current version stamp; None while the cache cannot be reached."""
    key = _version_key(owner_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=TIMEOUT)
        version = cache.get(key)
    return version


def landscape_changed(owner_id: int) -> None:
    """Call after writing any of the owner's people, connections, check-ins, plan or rituals."""
    transaction.on_commit(lambda: cache.delete(_version_key(owner_id)))


def _entries_key(owner_id: int) -> str:
    return f"landscape:{owner_id}"


def landscape_cached(owner_id: int, name: str, compute, *parts):
    """compute() once per version of the owner's landscape (and the given key parts)."""
    version = landscape_version(owner_id)
    if version is None:
        # Without a version nothing cached can be trusted: serve fresh data.
        return compute()
    key = _entries_key(owner_id)
    stored = cache.get(key)
    entries = stored["entries"] if stored and stored["version"] == version else {}
    if name in entries and entries[name][0] == parts:
        return entries[name][1]
    value = compute()
    # One entry per name: another day's or zone's page is replaced, not kept beside it.
    # Two requests storing at once may drop each other's entry: a miss, never stale data.
    entries = {**entries, name: (parts, value)}
    cache.set(key, {"version": version, "entries": entries}, timeout=TIMEOUT)
    return value


def landscape_forget(owner_id: int) -> None:
    """Drop everything cached for the owner (their account is being deleted)."""
    cache.delete_many([_version_key(owner_id), _entries_key(owner_id)])
