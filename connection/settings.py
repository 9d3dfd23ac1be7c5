"""Kindred settings: one module, driven by environment variables.

The data defaults are the embedded default: SQLite, a filesystem broker, a local SMTP sink
on port 1025. DEBUG is off unless set: `make run` and the Procfile turn it on, and only
then may the development key sign anything. Production sets DATABASE_URL, REDIS_URL,
EMAIL_URL, SECRET_KEY, ALLOWED_HOSTS and SITE_URL.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from connection.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KINDRED_VAR_DIR", str(BASE_DIR / "var")))

# Off unless set: a deployment that forgets it shows no debug pages.
DEBUG = env_bool("DEBUG", False)

# Anyone can read this key in the repository and sign links with it, so it is used only
# when DEBUG is explicitly true (`make run`); anywhere else start-up stops without a key.
_DEV_SECRET_KEY = "dev-only-insecure-key-never-used-when-DEBUG-is-false"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random string (only DEBUG=true runs without one)"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip("/")
CSRF_TRUSTED_ORIGINS = [SITE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "accounts",
    "reminders",
    "landscape",
    "plans",
    # The project package, for its management commands (demo, mailsink).
    "connection.apps.SiteConfig",
]

MIDDLEWARE = [
    # First: answers /healthz before host checks, the https redirect and sessions.
    "connection.health.LivenessMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.UserSessionActivityMiddleware",
    "accounts.middleware.UserTimeZoneMiddleware",
    "accounts.middleware.PrivatePagesNotCachedMiddleware",
    "connection.token_urls.TokenPagesPrivateMiddleware",
]

ROOT_URLCONF = "connection.urls"
WSGI_APPLICATION = "connection.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------
DATABASE_URL = env_url(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
    schemes=("sqlite", "postgres", "postgresql", "pgsql"),
)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Several processes (web, worker, beat) share the file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", "", schemes=("redis", "rediss"))
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to a miss instead of an error while Redis is away: pages keep working.
            "BACKEND": "connection.lib.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kindred",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from Redis first; the database stays the source of truth.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # A per-process cache: fine for one web process. Sessions stay in the database so that
    # logging out in one process is seen by every other one.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "today"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_REDIRECT_URL = "welcome"  # the verification link lands here: onboarding starts
ACCOUNT_UNIQUE_EMAIL = True
# Having an account is itself private: sign-up and password reset answer the same whatever
# the address, and the address's owner is told by email instead (accounts/adapter.py).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {
    "signup": "accounts.signup.SignupForm",
    "login": "accounts.allauth_forms.LoginForm",
    "reset_password": "accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.allauth_forms.ResetPasswordKeyForm",
    "change_password": "accounts.allauth_forms.ChangePasswordForm",
    "set_password": "accounts.allauth_forms.SetPasswordForm",
    "add_email": "accounts.allauth_forms.AddEmailForm",
}
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Kindred: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "resend_confirmation": "5/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
}
# Rate limits and the sessions list go by the client's address. Behind N proxies of your
# own (the TLS proxy is one), that is the Nth address from the right of X-Forwarded-For;
# at 0 the header is ignored, so a client cannot pick its own address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kindred"
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "accounts.allauth_forms.AuthenticateForm",
    "activate_totp": "accounts.allauth_forms.ActivateTOTPForm",
}
USERSESSIONS_TRACK_ACTIVITY = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ------------------------------------------------------------------------------
EMAIL_URL = env_url("EMAIL_URL", "smtp://127.0.0.1:1025", schemes=("smtp", "smtp+tls", "smtps"))
_email = urlsplit(EMAIL_URL)
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = _email.hostname or "127.0.0.1"
EMAIL_PORT = _email.port or 25
EMAIL_HOST_USER = unquote(_email.username or "")
EMAIL_HOST_PASSWORD = unquote(_email.password or "")
EMAIL_USE_TLS = _email.scheme == "smtp+tls"
EMAIL_USE_SSL = _email.scheme == "smtps"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kindred <hello@kindred.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------
# Without REDIS_URL the broker is kombu's filesystem transport: no server to install.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
if not REDIS_URL:
    for _folder in ("out", "control", "processed"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "out"),
        "data_folder_out": str(BROKER_DIR / "out"),
        "control_folder": str(BROKER_DIR / "control"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
    }
else:
    # Longer than any task could take, so a slow task is not handed to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# WhiteNoise's own list lacks the web app manifest; browsers expect this type for it.
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# --- Internationalisation and time ------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Security ---------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("TRUST_X_FORWARDED_PROTO", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Health -----------------------------------------------------------------------------
# /readyz answers only `Authorization: Bearer <this token>`; unset, it does not exist.
KINDRED_READINESS_TOKEN = env_str("KINDRED_READINESS_TOKEN", "")
if KINDRED_READINESS_TOKEN and len(KINDRED_READINESS_TOKEN) < 32:
    raise ImproperlyConfigured("KINDRED_READINESS_TOKEN must be at least 32 characters long")

# --- Product ----------------------------------------------------------------------------
# Help lines shown beside the gentle support note; "label|name|how to reach" separated by ";".
KINDRED_CRISIS_LINES = env_str(
    "KINDRED_CRISIS_LINES",
    "United States|988 Suicide & Crisis Lifeline|call or text 988;"
    "United Kingdom & Ireland|Samaritans|call 116 123;"
    "Canada|9-8-8 Suicide Crisis Helpline|call or text 988;"
    "Australia|Lifeline|call 13 11 14;"
    "Elsewhere|Your local emergency number|or search findahelpline.com",
)
# People one account may hold (archived ones included): no single post, however crafted,
# can fill the database.
KINDRED_MAX_PEOPLE = env_int("KINDRED_MAX_PEOPLE", 1000, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    # Request paths are printed by django.request, django.security and runserver's
    # django.server: a token URL loses its token on the way to every handler.
    "filters": {"redact_tokens": {"()": "connection.token_urls.RedactTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        },
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["redact_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers print unfiltered: its records go to the root's instead.
        "django": {"handlers": []},
        "django.server": {"handlers": ["server"], "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # aiosmtpd narrates every SMTP conversation at INFO.
        "mail.log": {"level": "WARNING"},
    },
}

# --- Reminders --------------------------------------------------------------------------
KINDRED_REMINDER_SEND_BATCH = env_int("KINDRED_REMINDER_SEND_BATCH", 25, minimum=1)
KINDRED_REMINDER_MAX_ATTEMPTS = env_int("KINDRED_REMINDER_MAX_ATTEMPTS", 5, minimum=1)
# First retry delay; each further one is three times longer (30 s, 90 s, 270 s, 810 s).
KINDRED_REMINDER_RETRY_SECONDS = env_int("KINDRED_REMINDER_RETRY_SECONDS", 30, minimum=1)
# A queued reminder untouched this long is handed to the workers again (its message was
# lost); longer than a busy queue takes to drain, so a backlog is not enqueued twice.
KINDRED_REMINDER_STUCK_AFTER = timedelta(
    seconds=env_int("KINDRED_REMINDER_STUCK_SECONDS", 300, minimum=1)
)
# A reminder claimed (sending) this long ago has no live sender: the sending task's hard
# time limit, derived from it in reminders/queue.py, ends every sender before that.
KINDRED_REMINDER_SENDING_LEASE = timedelta(
    seconds=env_int("KINDRED_REMINDER_SENDING_LEASE_SECONDS", 60, minimum=30)
)
KINDRED_REMINDER_DIGEST_HOLD = timedelta(minutes=30)
KINDRED_REMINDER_LINK_MAX_AGE = timedelta(days=14)
KINDRED_UNSUBSCRIBE_LINK_MAX_AGE = timedelta(days=90)

# --- Shared rituals ----------------------------------------------------------------------
# Invitations an account may send in 24 hours, and that one address may receive in 30 days
# (from every account together).
KINDRED_INVITES_PER_DAY = env_int("KINDRED_INVITES_PER_DAY", 10, minimum=0)
KINDRED_INVITES_PER_ADDRESS_MONTH = env_int("KINDRED_INVITES_PER_ADDRESS_MONTH", 3, minimum=0)
# How long the accept / decline / "don't invite me again" links of an invitation work.
KINDRED_INVITATION_LINK_MAX_AGE = timedelta(days=30)

KINDRED_EXPORT_SECTIONS = [
    "accounts.export.account_section",
    "landscape.export.people_section",
    "landscape.export.interactions_section",
    "plans.export.plan_section",
    "plans.export.rituals_section",
    "plans.export.invitations_section",
    "landscape.export.assessments_section",
    "reminders.export.reminders_section",
]
