"""Generated and malformed requests to every view in the URL conf: never a 500, and never a
change to another user's rows.

The views are read from the URL conf, so a new view is fuzzed without anyone remembering
to; the few left out are in EXCLUDED with the reason. Each view gets requests built from
the forms its pages really show (fields missing, repeated, extra; values from the page,
odd strings, NUL bytes, lone surrogates, huge strings, ids of nobody and of another user;
formsets with extra forms and tampered counts) and, in its URL, ids and tokens of the
signed-in user, of another user and of nobody. Every example runs in a savepoint that is
rolled back, so each starts from the same rows.
"""

import datetime
import os
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.signing import dumps
from django.db import connection as db_connection
from django.db import transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from landscape.choices import ASSESSMENT_STEPS, AssessmentStep
from landscape.models import ImportantDate, Interaction, Person
from landscape.services import assessment_advance, assessment_resume
from plans import invitation_links
from plans.content.guide import SECTIONS as GUIDE_SECTIONS
from plans.invitation_models import RitualInvitation
from plans.models import Enrollment, PlanStatus, Ritual
from plans.services import calendar_feed_get, enrollment_start, ritual_from_catalog
from reminders import links
from reminders.models import Delivery, Kind
from reminders.services import schedule_upsert
from tests.landscape.factories import finished_assessment

pytestmark = pytest.mark.django_db

EXCLUDED = {
    "account_logout": "ends the session every other example needs; it reads no input",
}
EXCLUDED_NAMESPACES = {"admin": "Django's own admin, for staff only"}

# Which of the signed-in user's rows an <int:pk> in each URL names (the other user has the
# same kinds of rows, so their ids are tried as well).
PK_KINDS = {
    "person_": "person",
    "ritual_": "ritual",
    "assessment_results": "assessment",
    "assessment_rate": "person",
    "date_new": "person",
    "date_": "important_date",
    "plan_history": "past_enrollment",
}

# Pages besides a view's own whose forms or links send it input (POST-only views have no
# page of their own).
FORM_PAGES = {
    "quick_log": ["today"],
    "micro_log": ["today"],
    "log_connection": ["person_detail"],
    "person_archive": ["person_detail"],
    "plan_stop": ["plan"],
    "ritual_check_in": ["ritual_detail"],
    "ritual_set_active": ["ritual_detail"],
    "ritual_delete": ["ritual_detail"],
}

# More for a deeper search now and then: KINDRED_FUZZ_EXAMPLES=500.
MAX_EXAMPLES = int(os.environ.get("KINDRED_FUZZ_EXAMPLES", "25"))
PASSWORD = "a-long-Passw0rd"


def _routes(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            # An unnamed view could not be reversed, so it could not be fuzzed.
            assert pattern.name, f"name the view at {prefix}{pattern.pattern}"
            yield namespace + pattern.name, prefix + str(pattern.pattern)


ROUTES = dict(_routes())
FUZZED = sorted(name for name in ROUTES if name not in EXCLUDED)


def _pk_kind(name):
    return next((kind for start, kind in PK_KINDS.items() if name.startswith(start)), None)


def test_every_view_is_fuzzed_or_excluded_with_a_reason():
    assert set(EXCLUDED) <= set(ROUTES), "an excluded view is gone from the URL conf"
    for name in FUZZED:
        if "<int:pk>" in ROUTES[name]:
            assert _pk_kind(name), f"say in PK_KINDS which rows {name}'s pk names"
    email_links = {
        "reminder_action",
        "reminder_unsubscribe",
        "calendar_feed",
        "account_confirm_email",
        "account_reset_password_from_key",
    }
    assert email_links <= set(FUZZED)


# --- The world: two users with a bit of everything -------------------------------------


def _populate(owner, today):
    long_ago = today - datetime.timedelta(days=400)
    people = [
        # Overdue, so that Today offers the quick log for her.
        Person.objects.create(owner=owner, name="Maya", last_contact_on=long_ago),
        Person.objects.create(owner=owner, name="Book club", kind="group"),
        Person.objects.create(owner=owner, name="Old friend", archived_at=timezone.now()),
    ]
    Interaction.objects.create(owner=owner, occurred_on=today, channel="call", feeling="neutral")
    assessment = finished_assessment(owner)
    draft = assessment_resume(owner=owner)
    assessment_advance(assessment=draft, reached=AssessmentStep.CONNECTED)
    past = enrollment_start(
        owner=owner, starts_on=today - datetime.timedelta(days=30), reminder_time=datetime.time(9)
    )
    Enrollment.objects.filter(pk=past.pk).update(status=PlanStatus.STOPPED)
    # Started six days ago: every day of the plan is open.
    enrollment = enrollment_start(
        owner=owner, starts_on=today - datetime.timedelta(days=6), reminder_time=datetime.time(9)
    )
    ritual = ritual_from_catalog(owner=owner, slug="tuesday-call", people=people[:1])
    # Two weeks old, so that it has times open for a check-in.
    Ritual.objects.filter(pk=ritual.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=14)
    )
    nudges = schedule_upsert(owner=owner, kind=Kind.NUDGE, source_key="nudges")
    now = timezone.now()
    deliveries = {
        kind: Delivery.objects.create(schedule=schedule, due_at=now, state="sent")
        for kind, schedule in (
            ("nudge", nudges),
            ("ritual", owner.reminder_schedules.get(kind=Kind.RITUAL)),
            ("plan_day", owner.reminder_schedules.get(source_key=f"enrollment:{enrollment.pk}")),
        )
    }
    # Maya, invited into the ritual: the invitee's pages are email-link pages too.
    invitation = RitualInvitation.objects.create(
        owner=owner, ritual=ritual, person=people[0], email=f"maya.{owner.pk}@example.com",
        inviter_name="Ada",
    )  # fmt: skip
    birthday = ImportantDate.objects.create(owner=owner, person=people[0], month=2, day=29)
    return {
        "person": people,
        "important_date": [birthday],
        "invitation": invitation,
        "ritual": [ritual],
        "assessment": [assessment],
        "past_enrollment": [past],
        "enrollment": enrollment,
        "deliveries": deliveries,
        "feed": calendar_feed_get(owner=owner),
    }


def _action_tokens(mine, theirs, user):
    nudge, ritual, day = (mine["deliveries"][k] for k in ("nudge", "ritual", "plan_day"))
    maya, their_person = mine["person"][0], theirs["person"][0]
    at = int(timezone.now().timestamp())
    good = [
        links.action_token(delivery=nudge, action="snooze", target="3"),
        links.action_token(delivery=nudge, action="connected", target=f"person:{maya.pk}"),
        links.action_token(delivery=ritual, action="done", target=f"at:{at}"),
        links.action_token(delivery=day, action="done", target="day:2"),
        links.action_token(delivery=day, action="done", target="day:1"),
    ]
    their_delivery = theirs["deliveries"]["nudge"]
    odd_payloads = [
        # Well signed but wrong: another user's delivery or person under this user's id.
        {"d": their_delivery.pk, "u": user.pk, "a": "snooze", "t": "3"},
        {"d": nudge.pk, "u": user.pk, "a": "connected", "t": f"person:{their_person.pk}"},
        {"d": nudge.pk, "u": user.pk, "a": "connected", "t": "person:x"},
        {"d": ritual.pk, "u": user.pk, "a": "done", "t": "at:99999999999999"},
        {"d": day.pk, "u": user.pk, "a": "done", "t": "day:99"},
        {"d": nudge.pk, "u": user.pk, "a": "snooze", "t": "99999999"},
        {"d": nudge.pk, "u": user.pk, "a": "explode", "t": ""},
    ]
    forged = [dumps(p, salt=links.ACTION_SALT, compress=True) for p in odd_payloads]
    wrong_purpose = [links.unsubscribe_token(owner_id=user.pk, kind="nudge")]
    return good, forged + wrong_purpose


def _unsubscribe_tokens(user):
    good = [links.unsubscribe_token(owner_id=user.pk, kind=k) for k in ("nudge", links.ALL_KINDS)]
    odd = [
        links.unsubscribe_token(owner_id=user.pk, kind=Kind.DIGEST),
        links.unsubscribe_token(owner_id=user.pk, kind="nonsense"),
        links.unsubscribe_token(owner_id=999_999_999, kind="nudge"),
    ]
    return good, odd


def _invitation_tokens(invitation):
    """Per purpose: the invitee's own links, and links made for another purpose or for no
    invitation at all. (Another owner's invitee's link is theirs to use: not tried here.)"""
    tokens = {}
    for purpose, (url_name, _) in invitation_links.PURPOSES.items():
        good = [invitation_links.invitation_token(invitation=invitation, purpose=purpose)]
        odd = [
            invitation_links.invitation_token(invitation=invitation, purpose=other)
            for other in invitation_links.PURPOSES
            if other != purpose
        ]
        odd.append(
            dumps({"i": 999_999_999, "n": invitation.nonce}, salt=f"kindred.invitations.{purpose}")
        )
        tokens[url_name] = (good, odd)
    return tokens


def _user(email):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, time_zone="UTC")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


class World:
    """Built once for the module and committed; every example rolls back what it wrote."""

    def __init__(self):
        today = timezone.localdate()
        self.user = _user("fuzz.ada@example.com")
        self.other = _user("fuzz.grace@example.com")
        self.mine = _populate(self.user, today)
        self.theirs = _populate(self.other, today)
        unverified = EmailAddress.objects.create(
            user=self.user, email="fuzz.ada.second@example.com", verified=False, primary=False
        )
        action_good, action_odd = _action_tokens(self.mine, self.theirs, self.user)
        unsubscribe_good, unsubscribe_odd = _unsubscribe_tokens(self.user)
        self.tokens = {
            "reminder_action": (action_good, action_odd),
            "reminder_unsubscribe": (unsubscribe_good, unsubscribe_odd),
            "calendar_feed": ([self.mine["feed"].token], [self.theirs["feed"].token + "x"]),
            "account_confirm_email": ([EmailConfirmationHMAC(unverified).key], []),
            **_invitation_tokens(self.mine["invitation"]),
        }
        self.reset = (user_pk_to_url_str(self.user), default_token_generator.make_token(self.user))
        # Every id there is, for any field: ids of nobody, of this user and of the other
        # user; and both users' email addresses.
        ids = {0, 1, 2_147_483_647, 99_999_999_999_999_999_999}
        ids |= {obj.pk for rows in (self.mine, self.theirs) for obj in _rows(rows)}
        self.known_values = [str(pk) for pk in sorted(ids)] + [self.user.email, self.other.email]
        self.client = Client()
        # Signing in through the form records a fresh authentication, so pages that ask
        # for one (deleting the account) show their form.
        response = self.client.post(
            reverse("account_login"), {"login": self.user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, response.content
        response = self.client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == 302, response.content
        self.anonymous = Client()
        self.owned = _owned_models()
        self.other_rows = snapshot(self.other, self.owned)

    def delete(self):
        Session.objects.filter(session_key=self.client.session.session_key).delete()
        get_user_model().objects.filter(pk__in=[self.user.pk, self.other.pk]).delete()

    def pks(self, name):
        kind = _pk_kind(name)
        return [obj.pk for obj in self.mine[kind] + self.theirs[kind]] + [0, 2**31, 10**30]


def _rows(rows):
    for value in rows.values():
        if isinstance(value, list):
            yield from value
        elif isinstance(value, dict):
            yield from value.values()
        else:
            yield value


# --- What the other user owns ------------------------------------------------------------


def _path_to_user(model, user_model, depth=3):
    if model is user_model:
        return "pk"
    if depth == 0:
        return None
    relations = [
        f
        for f in model._meta.get_fields()
        if f.concrete and f.many_to_one or f.one_to_one and f.concrete
    ]
    for field in relations:
        if field.related_model is user_model:
            return field.name
    for field in relations:
        if field.related_model is not model:
            inner = _path_to_user(field.related_model, user_model, depth - 1)
            if inner:
                return f"{field.name}__{inner}"
    return None


def _owned_models():
    user_model = get_user_model()
    found = {}
    for model in apps.get_models(include_auto_created=True):
        path = _path_to_user(model, user_model)
        if path:
            found[model] = path
    return found


def snapshot(user, owned):
    return {
        model._meta.label: sorted(
            model._base_manager.filter(**{path: user.pk}).values(), key=lambda row: repr(row)
        )
        for model, path in owned.items()
    }


def test_the_snapshot_covers_every_kind_of_row_a_user_owns():
    labels = {model._meta.label for model in _owned_models()}
    for label in (
        "accounts.User",
        "account.EmailAddress",
        "connection.Person",
        "connection.Interaction",
        "connection.Interaction_people",
        "connection.Assessment",
        "plans.Ritual",
        "plans.CheckIn",
        "plans.DayEntry",
        "plans.CalendarFeed",
        "reminders.Delivery",
        "reminders.ReminderPreferences",
    ):
        assert label in labels


# --- The forms a page shows --------------------------------------------------------------


class FormFields(HTMLParser):
    """Every <form> on a page, and every link with a query string: where it goes, and each
    field's name with the values offered."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.links = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
            return
        if tag == "a" and "?" in (attrs.get("href") or ""):
            href = urlsplit(attrs["href"])
            query = {key: set(values) for key, values in parse_qs(href.query).items()}
            self.links.append({"action": href.path, "fields": query})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag in ("input", "button", "textarea") and name:
            fields.setdefault(name, set()).add(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = fields.setdefault(name, set())
        elif tag == "option" and self._select is not None:
            self._select.add(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_for(client, route, page_path):
    """Fields of the forms and links on page_path that are sent to `route`."""
    response = client.get(page_path)
    parser = FormFields()
    parser.feed(response.content.decode() if response.status_code == 200 else "")
    fields = {}
    for form in parser.forms + parser.links:
        action = urlsplit(form["action"]).path or page_path
        try:
            target = resolve(action).view_name
        except Resolver404:
            target = None  # an action outside the URL conf (none today) is not this view's
        if target == route:
            for name, values in form["fields"].items():
                fields.setdefault(name, set()).update(values)
    fields.pop("csrfmiddlewaretoken", None)
    return {name: sorted(values) for name, values in fields.items()}


# --- Generated requests ------------------------------------------------------------------

ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "²",
    "١٢",
    "𝟙",
    "99999999999999999999999",
    "-99999999999999999999999",
    "null",
    "true",
    "[]",
    '{"a": 1}',
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "25:61",
    "24:00",
    "Europe/Nowhere",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%s%n",
    "\u202eevil",
    "🌻" * 300,
    "a" * 100_000,
]


def odd_values(known_values):
    return st.one_of(
        st.sampled_from(ODD_STRINGS),
        st.sampled_from(known_values),
        st.integers().map(str),
        st.text(max_size=40),
        st.text(st.characters(codec=None, categories=["Cs", "Cc", "Zs", "Nd", "No"]), max_size=8),
    )


FORMSET_FIELD = re.compile(r"^(?P<prefix>[\w]+)-(?P<index>\d+)-(?P<field>\w+)$")


def extra_form_fields(fields):
    """The field names of formset forms the page never offered (index past the last one)."""
    extra = set()
    for name in fields:
        match = FORMSET_FIELD.match(name)
        if match:
            for index in (int(match["index"]) + 1, 7, 999):
                extra.add(f"{match['prefix']}-{index}-{match['field']}")
    return sorted(extra - set(fields))


def body_strategy(fields, known_values):
    def field(name):
        offered = [value for value in fields.get(name, ()) if value]
        good = st.sampled_from(offered) if offered else st.nothing()
        return st.lists(st.one_of(good, odd_values(known_values)), min_size=1, max_size=3)

    names = sorted(fields) + extra_form_fields(fields)
    known = st.fixed_dictionaries({}, optional={name: field(name) for name in names})
    unknown = st.dictionaries(
        st.one_of(st.text(max_size=12), st.sampled_from(["id", "pk", "owner", "owner_id", "user"])),
        st.lists(odd_values(known_values), max_size=2),
        max_size=3,
    )
    return st.builds(_merged, known, unknown)


def _merged(known, unknown):
    return {**unknown, **known}


def encode(data):
    def part(text):
        return quote(text, safe="", errors="surrogatepass")

    return "&".join(
        f"{part(key)}={part(value)}" for key, values in data.items() for value in values
    )


CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "multipart/form-data; boundary=nothing",
    "application/json",
]


def path_strategy(world, name):
    """The route's URL with its arguments: this user's, the other user's, nobody's, junk."""
    route = ROUTES[name]
    arguments = re.findall(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>", route)
    if not arguments:
        return st.just(reverse(name))
    kwargs = {}
    for _converter, argument, regex_argument in arguments:
        key = argument or regex_argument
        if key == "pk":
            kwargs[key] = st.sampled_from(world.pks(name)).map(str)
        elif key == "person_pk":
            kwargs[key] = st.sampled_from(world.pks("person_")).map(str)
        elif key == "step":
            kwargs[key] = st.one_of(
                st.sampled_from(ASSESSMENT_STEPS), st.from_regex(r"[-\w]{1,20}", fullmatch=True)
            )
        elif key == "number":
            kwargs[key] = st.integers(min_value=0, max_value=2**70).map(str)
        elif key == "slug":
            kwargs[key] = st.one_of(
                st.sampled_from([section.slug for section in GUIDE_SECTIONS]),
                st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True),
            )
        elif key == "uidb36":
            kwargs[key] = st.sampled_from([world.reset[0], "0", "zzzzzzzzzzzzz"])
        elif key == "key" and name == "account_reset_password_from_key":
            kwargs[key] = st.one_of(
                st.just(world.reset[1]),
                st.sampled_from([text for text in ODD_STRINGS if text]),
                st.text(min_size=1, max_size=40),
            )
        else:
            # A new URL with a secret in it needs its good and odd tokens in World.tokens.
            good, odd = world.tokens[name]
            kwargs[key] = st.one_of(
                st.sampled_from(good),
                st.sampled_from(good + odd).flatmap(
                    lambda token: st.sampled_from(
                        [token[:-1], token + "A", token[::-1], token.upper()]
                    )
                ),
                st.sampled_from(odd) if odd else st.nothing(),
                st.sampled_from([text for text in ODD_STRINGS if text]),
                st.text(min_size=1, max_size=80),
            )
    # Digits and letters only, so that the placeholders fit every converter.
    placeholders = {key: f"{index}8642097531{index}" for index, key in enumerate(kwargs)}
    template = reverse(name, kwargs=placeholders)

    def fill(values):
        path = template
        for key, value in values.items():
            segment = quote(value, safe="", errors="surrogatepass")
            path = path.replace(placeholders[key], segment or "%20")
        return path

    return st.fixed_dictionaries(kwargs).map(fill)


def _own_page(world, name):
    """The route's URL with this user's own ids; None for a URL that holds a secret."""
    route = ROUTES[name]
    if "<int:person_pk>" in route:
        mine = world.mine
        return reverse(name, kwargs={"pk": mine["ritual"][0].pk, "person_pk": mine["person"][0].pk})
    if "<int:pk>" in route:
        return reverse(name, kwargs={"pk": world.mine[_pk_kind(name)][0].pk})
    if "<slug:step>" in route:
        return reverse(name, kwargs={"step": AssessmentStep.FEELINGS})
    if "<int:number>" in route:
        return reverse(name, kwargs={"number": 1})
    if "<slug:slug>" in route:
        return reverse(name, kwargs={"slug": GUIDE_SECTIONS[0].slug})
    if "<str:token>" in route or "(?P<key>" in route:
        return None
    return reverse(name)


# Pages for signing in and up: a signed-in visitor is sent away from them.
SIGNED_OUT_VIEWS = {"account_login", "account_signup", "account_reset_password_from_key"}


def client_for(world, name):
    return world.anonymous if name in SIGNED_OUT_VIEWS else world.client


def discover_fields(world, name):
    """Every field that the route's own page and FORM_PAGES send it, with offered values."""
    pages = [_own_page(world, name)] + [_own_page(world, page) for page in FORM_PAGES.get(name, ())]
    if name == "plan_day":
        # Each day asks something else.
        pages += [reverse(name, args=[number]) for number in range(2, 8)]
    if name == "assessment_step":
        pages += [reverse(name, args=[step]) for step in ASSESSMENT_STEPS]
    fields = {}
    for page in filter(None, pages):
        for key, values in forms_for(client_for(world, name), name, page).items():
            fields.setdefault(key, []).extend(values)
    return fields


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        built = World()
    yield built
    with django_db_blocker.unblock():
        built.delete()


WRITE = re.compile(r'^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.IGNORECASE)


def written_tables(queries):
    return {match[1] for query in queries if (match := WRITE.match(query["sql"]))}


def assert_other_rows_unchanged(world, queries):
    """Compares only the tables the request wrote: the rest cannot have changed."""
    tables = written_tables(queries)
    touched = {m: path for m, path in world.owned.items() if m._meta.db_table in tables}
    now = snapshot(world.other, touched)
    before = {label: rows for label, rows in world.other_rows.items() if label in now}
    assert now == before, "another user's rows changed"


@pytest.mark.parametrize("name", FUZZED)
def test_no_request_gives_a_500_or_touches_another_users_rows(world, name):
    client = client_for(world, name)
    fields = discover_fields(world, name)

    @given(
        method=st.sampled_from(["GET", "POST", "POST", "POST"]),
        path=path_strategy(world, name),
        data=body_strategy(fields, world.known_values),
        content_type=st.sampled_from(CONTENT_TYPES),
    )
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    def request_is_handled(method, path, data, content_type):
        cookies = client.cookies
        client.cookies = type(cookies)(cookies)
        cache.clear()
        try:
            with transaction.atomic(), CaptureQueriesContext(db_connection) as queries:
                if method == "GET":
                    response = client.generic("GET", path + "?" + encode(data))
                else:
                    response = client.generic(
                        "POST", path, encode(data).encode(), content_type=content_type
                    )
                assert response.status_code < 500
                assert_other_rows_unchanged(world, queries.captured_queries)
                transaction.set_rollback(True)
        finally:
            client.cookies = cookies

    request_is_handled()
