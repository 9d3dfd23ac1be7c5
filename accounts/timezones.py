"""IANA time zones: validation and the list offered in forms."""

import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError


@cache
def all_time_zones() -> tuple[str, ...]:
    # Region/City names only: the bare legacy aliases ("EST5EDT", "Cuba") confuse people.
    names = {n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith("Etc/")}
    return tuple(sorted(names | {"UTC"}))


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "“%(value)s” is not a time zone we know. Pick one from the list, like Europe/Berlin.",
            code="invalid_time_zone",
            params={"value": value},
        )


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in all_time_zones()]
