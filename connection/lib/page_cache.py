"""The page cache: one owner's pages cached per version of their data, with the CSRF token
left out of the cached HTML.

Versions: every service that writes an owner's people, connections, check-ins, plan or
rituals calls data_changed(), which drops the owner's version stamp once the transaction
commits; the next read makes a new stamp, and an entry cached under an older one is never
read again. Dropping after commit means no request can cache data older than the write
under the new stamp.

All of an owner's entries live under one key, with the stamp they were computed under: a
new version replaces the old entries instead of leaving them to expire, and deleting the
account drops everything at once (owner_forget).

Fragments: a fragment with forms would bake one request's CSRF token into its HTML.
Rendered with a slot in the token's place, it can be cached once; each response fills in
the token of the request it answers.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# Long enough to matter, short enough that orphaned entries do not linger.
TIMEOUT = 60 * 60 * 24
CSRF_SLOT = "kindred-csrf-slot"


def _version_key(owner_id: int) -> str:
    return f"landscape-version:{owner_id}"


def data_version(owner_id: int) -> str | None:
    """The owner's current version stamp; None while the cache cannot be reached."""
    key = _version_key(owner_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=TIMEOUT)
        version = cache.get(key)
    return version


def data_changed(owner_id: int) -> None:
    """Call (from a service) after writing any of the owner's rows that pages cache."""
    transaction.on_commit(lambda: cache.delete(_version_key(owner_id)))


def _entries_key(owner_id: int) -> str:
    return f"landscape:{owner_id}"


def cached_for_owner(owner_id: int, name: str, compute, *parts):
    """compute() once per version of the owner's data (and the given key parts)."""
    version = data_version(owner_id)
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


def owner_forget(owner_id: int) -> None:
    """Drop everything cached for the owner (their account is being deleted)."""
    cache.delete_many([_version_key(owner_id), _entries_key(owner_id)])


def fragment_render(template_name: str, context: dict, request) -> str:
    return render_to_string(template_name, {**context, "csrf_token": CSRF_SLOT}, request=request)


def fragment_fill(html: str, request) -> SafeString:
    # The HTML was rendered by the template engine with autoescaping; only the slot changes.
    return mark_safe(html.replace(CSRF_SLOT, get_token(request)))  # noqa: S308
