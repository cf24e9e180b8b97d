"""Settings, read from the environment.

With no variable set the app runs for a newcomer: DEBUG on, SQLite in the project folder,
e-mail written to files in var/mail/ and Celery on an embedded file-system broker, so that
neither PostgreSQL nor Redis is needed. Production sets DEBUG=0 and the variables the README
lists; then SECRET_KEY and ALLOWED_HOSTS are required.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def envbool(name, default):
    value = env(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {value!r}")


def envint(name, default):
    value = env(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from None


def envlist(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# Transport and browser security. Production defaults are strict; a TLS-terminating proxy in
# front of the app sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER=true).
if envbool("SECURE_PROXY_SSL_HEADER", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Sessions (questionnaire drafts, staff logins) stay in the database, never in Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", str(not DEBUG))
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", str(not DEBUG))
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No inline scripts or styles anywhere; every asset is served by the app itself.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Bootstrap draws checkboxes and select arrows with data: SVG images.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: catalog content in each language.
    "modeltranslation",
    "staff.apps.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "staff.apps.LoginLockoutsConfig",  # django-axes, named for staff
    "django_otp",
    "staff.apps.TwoFactorDevicesConfig",  # django_otp.plugins.otp_totp, named for staff
    "common",
    "clinic",
    "treatments",
    "intake",
    "followups",
    "staff",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.ContentSecurityPolicy",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before anything that validates the Host header (see resurfacing/middleware.py).
    "resurfacing.middleware.HealthCheckMiddleware",
    "common.middleware.RefuseNulBytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The patient's language: the switch's cookie, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.StaffSessionTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "resurfacing.urls"
WSGI_APPLICATION = "resurfacing.wsgi.application"

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

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Reusing connections roughly doubles throughput on PostgreSQL (benchmarks/README.md).
        conn_max_age=envint("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) in production: rate limits must count across processes.
CACHE_URL = env("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Rate limits per client address and route (common/ratelimit.py), as "count/s|m|h|d".
INTAKE_SUBMIT_RATE = env("INTAKE_SUBMIT_RATE", "30/h")
INTAKE_STEP_RATE = env("INTAKE_STEP_RATE", "300/h")
INTAKE_CONTACT_RATE = env("INTAKE_CONTACT_RATE", "10/h")
API_RATE = env("API_RATE", "120/m")
# Seconds to wait for Redis when counting; past them the request is let through.
RATE_LIMIT_TIMEOUT = envint("RATE_LIMIT_TIMEOUT", 1)
# Behind a proxy, the request header that carries the client's address, e.g. HTTP_X_REAL_IP.
CLIENT_ADDRESS_HEADER = env("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
API_MAX_BODY_BYTES = envint("API_MAX_BODY_BYTES", 64 * 1024)
# No form of the site comes near this (a questionnaire step is a few kilobytes, a catalog edit in
# the admin some tens): a larger body is refused with a 400 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)
API_MAX_BATCH = envint("API_MAX_BATCH", 100)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# The languages patients may choose, from those the project has translations for (README, "Add
# a language"). The first is the default and the fallback for content not yet translated.
AVAILABLE_LANGUAGES = {"en": "English", "es": "Español"}
LANGUAGES = [
    (code, AVAILABLE_LANGUAGES[code])
    for code in envlist("CLINIC_LANGUAGES", ",".join(AVAILABLE_LANGUAGES))
    if code in AVAILABLE_LANGUAGES
]
if not LANGUAGES:
    raise ImproperlyConfigured(
        f"CLINIC_LANGUAGES must name one or more of: {', '.join(AVAILABLE_LANGUAGES)}."
    )
LANGUAGE_CODE = LANGUAGES[0][0]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates written out as the patient pages want them, per language (Django's formats otherwise).
FORMAT_MODULE_PATH = ["resurfacing.formats"]
# The catalog's content has a field per language the project knows, whatever a clinic offers
# (the schema is the same everywhere); what is not translated yet is shown in English, the
# language the catalog is written in first.
MODELTRANSLATION_LANGUAGES = tuple(AVAILABLE_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest needs collectstatic first, so only production uses it.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: SMTP when EMAIL_HOST is set, otherwise one file per message in var/mail/.
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "true")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Skin resurfacing explorer <no-reply@localhost>")

# The clinic's profile on first migrate (clinic/migrations/0002); afterwards the admin is the
# source of truth. Unset: example details that say so.
CLINIC_NAME = env("CLINIC_NAME")
CLINIC_CURRENCY = env("CLINIC_CURRENCY", "USD")
CLINIC_LOCALE = env("CLINIC_LOCALE", "en_US")
CLINIC_BOOKING_URL = env("CLINIC_BOOKING_URL")
CLINIC_PHONE = env("CLINIC_PHONE")
CLINIC_EMAIL = env("CLINIC_EMAIL")
CLINIC_ADDRESS = env("CLINIC_ADDRESS")

# Uploaded files (the clinic's logo): a volume in docker-compose.yml.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"

# The address patients reach the site at, for links in e-mails.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Celery: Redis (or any broker) from CELERY_BROKER_URL; without it, an embedded broker that
# keeps its messages in var/celery/ so a worker runs with no external service.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "filesystem://")
CELERY_BROKER_CONNECTION_TIMEOUT = envint("CELERY_BROKER_CONNECTION_TIMEOUT", 3)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Publishing happens in patients' requests: a broker that does not answer is given up on
    # after one attempt within the timeout (followups/tasks.py), and the outbox sweep sends
    # later. The worker reconnects by its own settings.
    "max_retries": 0,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    # Redis redelivers a message not acknowledged within this many seconds: keep every task,
    # retries included, far below it.
    "visibility_timeout": 3600,
}
if CELERY_BROKER_URL == "filesystem://":
    _queue_dir = BASE_DIR / "var" / "celery"
    for _folder in ("queue", "processed", "control"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS.update(
        data_folder_in=str(_queue_dir / "queue"),
        data_folder_out=str(_queue_dir / "queue"),
        processed_folder=str(_queue_dir / "processed"),
        control_folder=str(_queue_dir / "control"),
        store_processed=False,
    )
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only once it finished, so a killed worker's task is delivered again;
# the tasks are idempotent (see followups/sending.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING above (JSON, redacted) instead of its own set-up.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "send-due-followups": {
        "task": "followups.tasks.send_due_followups",
        "schedule": envint("FOLLOWUP_SWEEP_SECONDS", 60),
        # Sweeps do not pile up in the broker while no worker runs.
        "options": {"expires": envint("FOLLOWUP_SWEEP_SECONDS", 60)},
    },
    "notify-staff-of-failed-followups": {
        "task": "followups.tasks.notify_staff_of_failures",
        "schedule": 24 * 60 * 60,
        "options": {"expires": 60 * 60},
    },
    "anonymise-expired-intakes": {
        "task": "intake.tasks.anonymise_expired_intakes",
        "schedule": 24 * 60 * 60,
    },
    "clear-expired-sessions": {
        "task": "intake.tasks.clear_expired_sessions",
        "schedule": 60 * 60,
    },
}

# Follow-up e-mails (followups app): the schedule after submission, in seconds per kind.
FOLLOWUP_SCHEDULE = {
    "summary": 0,
    "reminder": envint("FOLLOWUP_REMINDER_DELAY_SECONDS", 3 * 24 * 60 * 60),
}
# A claimed follow-up whose worker died is claimed again after this many seconds.
FOLLOWUP_CLAIM_LEASE = envint("FOLLOWUP_CLAIM_LEASE", 300)
# A temporary failure (SMTP 4xx, connection error, timeout) is tried again for this many seconds
# from the first attempt; a permanent refusal (SMTP 5xx) fails at once.
FOLLOWUP_RETRY_FOR = envint("FOLLOWUP_RETRY_FOR", 24 * 60 * 60)
# Seconds before the first retry; doubled at each further attempt, up to the maximum.
FOLLOWUP_RETRY_BACKOFF = envint("FOLLOWUP_RETRY_BACKOFF", 60)
FOLLOWUP_RETRY_MAX_DELAY = envint("FOLLOWUP_RETRY_MAX_DELAY", 60 * 60)
# A safety net on attempts of any kind (also claims whose worker died); with the defaults
# FOLLOWUP_RETRY_FOR ends retries first (about 30 attempts).
FOLLOWUP_MAX_ATTEMPTS = envint("FOLLOWUP_MAX_ATTEMPTS", 50)
# One sweep keeps sending due follow-ups for at most this many seconds (then the next one goes
# on): below the sweep interval, so sweeps do not overlap, and far below Redis's visibility
# timeout.
FOLLOWUP_SWEEP_BUDGET_SECONDS = envint(
    "FOLLOWUP_SWEEP_BUDGET_SECONDS", max(1, envint("FOLLOWUP_SWEEP_SECONDS", 60) * 5 // 6)
)
# Where a daily notice of failed follow-ups goes (counts and a link only); empty: none is sent.
CLINIC_STAFF_EMAIL = env("CLINIC_STAFF_EMAIL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "resurfacing.logs.RedactFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "resurfacing.logs.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "plain" if DEBUG else "json"),
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Django's own loggers, the development server's request lines included, through the same
    # redacting handler instead of Django's defaults.
    "loggers": {
        "django": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Staff sign-in: lockout after repeated failures (django-axes), optional or required TOTP
# (django-otp), automatic logoff after 15 idle minutes and 10 hours in all.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
STAFF_REQUIRE_2FA = envbool("STAFF_REQUIRE_2FA", "false")
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Skin resurfacing explorer")
STAFF_IDLE_TIMEOUT = envint("STAFF_IDLE_TIMEOUT", 15 * 60)
STAFF_SESSION_MAX_AGE = envint("STAFF_SESSION_MAX_AGE", 10 * 60 * 60)

# Retention: intakes are anonymised this many days after submission, closed ones sooner.
INTAKE_RETENTION_DAYS = envint("INTAKE_RETENTION_DAYS", 365)
CLOSED_INTAKE_RETENTION_DAYS = envint("CLOSED_INTAKE_RETENTION_DAYS", 90)

# An unfinished questionnaire (health data) is forgotten this long after its last change.
INTAKE_DRAFT_MAX_AGE = envint("INTAKE_DRAFT_MAX_AGE", 24 * 60 * 60)

# A treatment whose medical review is older than this is flagged "review due" in the admin.
CONTENT_REVIEW_MONTHS = envint("CONTENT_REVIEW_MONTHS", 12)

# .env.example holds placeholders: with DEBUG off, a secret still holding one stops the app.
PLACEHOLDER = "change-me"
if not DEBUG:
    for _name, _value in (
        ("SECRET_KEY", SECRET_KEY),
        ("The database password in DATABASE_URL", DATABASES["default"].get("PASSWORD") or ""),
        ("POSTGRES_PASSWORD", env("POSTGRES_PASSWORD")),
        ("EMAIL_HOST_PASSWORD", EMAIL_HOST_PASSWORD),
    ):
        if PLACEHOLDER in _value:
            raise ImproperlyConfigured(
                f"{_name} still holds the placeholder from .env.example: set a real secret."
            )
