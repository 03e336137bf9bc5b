"""Settings shared by every environment, all read from the environment.

`development.py`, `test.py` and `production.py` differ only where they must.
The README lists every variable with its default.
"""

import re
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
import phonenumbers
from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.core import RESERVED_ATTRS

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = BACKEND_DIR.parent
# What the local backends write (sent mail, SMS): the repository's .local/, or the
# system's temporary folder outside a checkout (the image's /app, whose parent is /).
LOCAL_DIR = (
    REPO_DIR / ".local"
    if (REPO_DIR / "Makefile").is_file()
    else Path(tempfile.gettempdir()) / "safejob"
)

env = environ.Env()
# A `.env` file at the repository root is read when present; real environment
# variables win over it.
environ.Env.read_env(REPO_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------

SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
APP_VERSION = env("APP_VERSION", default="0.1.0")
SERVICE_NAME = "safe-job-backend"
FRONTEND_URL = env("FRONTEND_URL", default="http://localhost:3000").rstrip("/")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
# Threads per server process that run HTTP requests through Django (config/asgi.py).
HTTP_THREADS = env.int("HTTP_THREADS", default=8)
# The largest request body the server reads (apps/core/wsgi_bridge.py); larger: 413.
# Room for the contract's largest upload (a 10 MB document) and its multipart envelope.
HTTP_MAX_BODY_BYTES = env.int("HTTP_MAX_BODY_BYTES", default=11 * 1024 * 1024)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

DJANGO_APPS = [
    # daphne first: it makes `runserver` serve ASGI (HTTP and WebSocket).
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "corsheaders",
    "django_guid",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "channels",
    "axes",
]
LOCAL_APPS = [
    "apps.core",
    "apps.users",
    "apps.candidates",
    "apps.employers",
    "apps.safety",
    "apps.jobs",
    "apps.applications",
    "apps.notifications",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",
    "apps.core.middleware.access_log",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "apps.core.middleware.refuse_large_body",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: answers a locked-out admin sign-in (django-axes, below).
    "axes.middleware.AxesMiddleware",
]

# The Django admin's password sign-in (the API has no passwords): django-axes counts
# failures in the database and locks out, for AXES_COOLOFF_TIME, an address after
# ADMIN_LOGIN_FAILURE_LIMIT failures and an account after as many from anywhere.
# `manage.py axes_reset_username EMAIL` lifts an account's lockout at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no table of every admin sign-in kept for good
# Failures during a lockout do not extend it: anyone could keep an account out for good.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The checked address (NUM_PROXIES), an IPv6 client as its /64, as the API's throttles.
AXES_CLIENT_IP_CALLABLE = "apps.core.requests.client_ident"
AXES_USERNAME_CALLABLE = "apps.users.admin.sign_in_username"  # `Root@X.nl` is root@x.nl

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

# gis.W001: GDAL older than 3.9 (Debian 12 ships 3.6) cannot block file and
# network access while parsing spatial references. The platform parses no
# spatial data from users (locations arrive as latitude/longitude numbers),
# so the hardening has nothing to protect here.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# --- Database: PostgreSQL with PostGIS ----------------------------------------
# One DATABASE_URL, or the POSTGRES_* / DB_HOST / DB_PORT variables of the
# docker-compose file.

if env("DATABASE_URL", default=""):
    _db = env.db_url("DATABASE_URL")
else:
    _db = {
        "NAME": env("POSTGRES_DB", default="safejob"),
        "USER": env("POSTGRES_USER", default="postgres"),
        "PASSWORD": env("POSTGRES_PASSWORD", default=""),
        "HOST": env("DB_HOST", default="127.0.0.1"),
        "PORT": env("DB_PORT", default="5432"),
    }
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", default=3)
_db.update(
    {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "connect_timeout": DB_CONNECT_TIMEOUT,
            # The app's queries are short: JIT compilation and parallel workers cost
            # more to start than they save. A report over the whole table can
            # SET LOCAL them back in its transaction.
            # Search's typo tolerance, always: a title word at least half alike
            # (pg_trgm's word_similarity) may be meant; two letters swapped in a
            # word of eight to ten ("magazjin", "schoonmkaer") are 0.5 to 0.58.
            "options": env(
                "DB_SESSION_OPTIONS", default="-c jit=off -c max_parallel_workers_per_gather=0"
            )
            + " -c pg_trgm.word_similarity_threshold=0.5",
            **_db.get("OPTIONS", {}),
        },
    }
)
DATABASES = {"default": _db}

# --- Redis: cache, throttling, channel layer, Celery broker -------------------

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=1.0)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="safejob"),
        "OPTIONS": {
            "pool_class": "apps.core.cache.SharedConnectionPool",
            "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_TIMEOUT_SECONDS,
        },
    },
    # Small, per process, for what may be a little stale (search estimates).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL], "prefix": "safejob:channels"},
    }
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "purge-sign-in-codes": {
        "task": "apps.users.tasks.purge_expired_sign_in_codes",
        "schedule": 60 * 60,
    },
    "delete-unconfirmed-sign-ups": {
        "task": "apps.users.tasks.delete_unconfirmed_sign_ups",
        "schedule": 24 * 60 * 60,
    },
    "expire-jobs": {"task": "apps.jobs.tasks.expire_jobs", "schedule": 5 * 60},
    "refresh-title-words": {
        "task": "apps.jobs.tasks.title_words_refresh",
        "schedule": 24 * 60 * 60,
    },
    "refresh-category-wages": {
        "task": "apps.jobs.tasks.category_wages_refresh",
        "schedule": 60 * 60,
    },
    "hold-jobs-below-minimum-wage": {
        "task": "apps.jobs.tasks.hold_jobs_below_minimum_wage",
        "schedule": 24 * 60 * 60,
    },
    "scrub-application-data": {
        "task": "apps.applications.tasks.scrub_application_personal_data",
        "schedule": 24 * 60 * 60,
    },
}

# --- Auth ---------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=10),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=14),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,  # sign-in is the magic link, which records it
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
    "SIGNING_KEY": env("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# --- REST framework -----------------------------------------------------------

# DRF reads the period by its first letter: 5/minute, 5/min, 5/minutes, 5/m.
_RATE = re.compile(r"[1-9][0-9]*/[smhd][a-z]*")


def _throttle_rate(name: str, default: str) -> str:
    """A rate as DRF reads it, `100/hour`; anything else stops the start, not every request."""
    rate: str = env(name, default=default).strip()
    if not _RATE.fullmatch(rate):
        raise ImproperlyConfigured(
            f"{name}={rate!r} is not a rate: write a number of requests, a slash and"
            " a period (second, minute, hour or day), such as 100/hour."
        )
    return rate


REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["apps.core.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["apps.core.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Throttles count in Redis and fail open when it is down (apps/core/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.throttling.AnonRateThrottle",
        "apps.core.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": _throttle_rate("THROTTLE_RATE_ANON", "100/hour"),
        "user": _throttle_rate("THROTTLE_RATE_USER", "1000/hour"),
        "magic_link_ip": _throttle_rate("THROTTLE_RATE_MAGIC_LINK_IP", "20/minute"),
        "magic_link_email": _throttle_rate("THROTTLE_RATE_MAGIC_LINK_EMAIL", "5/hour"),
        "magic_link_verify_ip": _throttle_rate("THROTTLE_RATE_MAGIC_LINK_VERIFY_IP", "1000/hour"),
        "phone_ip": _throttle_rate("THROTTLE_RATE_PHONE_IP", "30/hour"),
        "phone_user": _throttle_rate("THROTTLE_RATE_PHONE_USER", "5/hour"),
        "phone_number": _throttle_rate("THROTTLE_RATE_PHONE_NUMBER", "3/hour"),
        "phone_verify": _throttle_rate("THROTTLE_RATE_PHONE_VERIFY", "20/hour"),
        "token_refresh_ip": _throttle_rate("THROTTLE_RATE_TOKEN_REFRESH_IP", "3000/hour"),
        "token_refresh_user": _throttle_rate("THROTTLE_RATE_TOKEN_REFRESH_USER", "60/hour"),
    },
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "apps.core.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Proxies in front of the app whose X-Forwarded-For is trusted for client IPs
    # (throttling); 0 uses the connection's address. Behind one load balancer: 1.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}

DRF_STANDARDIZED_ERRORS = {
    # The contract's codes, not only DRF's built-in ones (apps/core/openapi.py).
    "ERROR_SCHEMAS": {
        400: "apps.core.openapi.ERROR_RESPONSE_400",
        401: "apps.core.openapi.ErrorResponse401Serializer",
        403: "apps.core.openapi.ClientErrorResponseSerializer",
        413: "apps.core.openapi.ClientErrorResponseSerializer",
        503: "apps.core.openapi.SERVICE_UNAVAILABLE",
    },
    # drf-standardized-errors' own, 413 `request_too_large` on every write, and 503
    # `service_unavailable`: the database is out of reach (apps/core/exceptions.py).
    "ALLOWED_ERROR_STATUS_CODES": [
        "400",
        "401",
        "403",
        "404",
        "405",
        "406",
        "413",
        "415",
        "429",
        "500",
        "503",
    ],
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True,
    "EXCEPTION_HANDLER_CLASS": "apps.core.exceptions.ExceptionHandler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Safe Job Platform API",
    "DESCRIPTION": (
        "Connects temporary workers in the Netherlands with employers whose "
        "legitimacy the platform has checked."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "apps.jobs.models.Job.Status",
        "ApplicationStatusEnum": "apps.applications.models.Application.Status",
        "VerificationStatusEnum": "apps.employers.models.EmployerProfile.VerificationStatus",
        "HealthStatusEnum": ["healthy", "unhealthy"],
        "RiskSeverityEnum": ["high", "low"],
        "TrustEvidenceStatusEnum": ["stated_by_employer", "confirmed_by_moderator"],
        "ValidationErrorEnum": "drf_standardized_errors.openapi_serializers.ValidationErrorEnum.choices",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum.choices",
        "ServerErrorEnum": "drf_standardized_errors.openapi_serializers.ServerErrorEnum.choices",
        "ErrorCode401Enum": "apps.core.openapi.ERROR_CODES_401",
        "ErrorCode404Enum": "drf_standardized_errors.openapi_serializers.ErrorCode404Enum.choices",
        "ErrorCode405Enum": "drf_standardized_errors.openapi_serializers.ErrorCode405Enum.choices",
        "ErrorCode406Enum": "drf_standardized_errors.openapi_serializers.ErrorCode406Enum.choices",
        "ErrorCode415Enum": "drf_standardized_errors.openapi_serializers.ErrorCode415Enum.choices",
        "ErrorCode429Enum": "drf_standardized_errors.openapi_serializers.ErrorCode429Enum.choices",
        "ErrorCode500Enum": "drf_standardized_errors.openapi_serializers.ErrorCode500Enum.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
        "apps.core.openapi.views_by_role_any_of",
    ],
}

# --- CORS: the React frontend and the apps ------------------------------------

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=["http://localhost:3000"])
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Security -----------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Request ids --------------------------------------------------------------
# An incoming X-Request-ID (from the load balancer) is kept when it is a UUID;
# otherwise one is made. It is in every log line and in the response header.

DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    # CORS_EXPOSE_HEADERS exposes it; django_guid's would replace that list (Retry-After).
    "EXPOSE_HEADER": False,
    "UUID_LENGTH": 32,
}

# --- Email --------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The file backends' paths are from the repository root when relative, whatever
# the working directory (`make dev` runs in backend/).
EMAIL_FILE_PATH = str(REPO_DIR / env("EMAIL_FILE_PATH", default=str(LOCAL_DIR / "mail")))
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Safe Job Platform <no-reply@localhost>")

# --- Sign-in -------------------------------------------------------------------

MAGIC_LINK_TTL = timedelta(minutes=env.int("MAGIC_LINK_TTL_MINUTES", default=10))
MAGIC_LINK_MAX_LIVE_TOKENS = 5
PHONE_CODE_TTL = timedelta(minutes=10)
PHONE_CODE_MAX_ATTEMPTS = 5

# --- Geocoding ----------------------------------------------------------------
# Turns a postal code or place name into a point when a profile or job gives no
# coordinates. "offline" uses the place list the project ships; "pdok" asks the
# PDOK Locatieserver, the Dutch government's free geocoder.

GEOCODER_BACKEND = env("GEOCODER_BACKEND", default="apps.core.geocoding.OfflineGeocoder")
PDOK_LOCATIESERVER_URL = env(
    "PDOK_LOCATIESERVER_URL", default="https://api.pdok.nl/bzk/locatieserver/search/v3_1"
)
GEOCODER_TIMEOUT_SECONDS = env.float("GEOCODER_TIMEOUT_SECONDS", default=3.0)

# --- Job search -----------------------------------------------------------------
# Anonymous search answers are cached this long in Redis (0: not at all); any
# change to what search may show invalidates them at once (apps/jobs/search_cache.py).

SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=60)
# The planner's row estimates that choose how a search is answered (and give its
# count when it is walked), kept in each process this long (0: not at all) for
# searches with the same words and filters within about a kilometre.
SEARCH_ESTIMATE_SECONDS = env.int("SEARCH_ESTIMATE_SECONDS", default=60)
# A search's words parsed, with the title words like them (typo tolerance), kept
# in each process this long (0: not at all): a word new in titles is found by its
# typos that much later.
SEARCH_WORDS_SECONDS = env.int("SEARCH_WORDS_SECONDS", default=60)

# --- SMS ----------------------------------------------------------------------
# apps.core.sms.ConsoleSmsBackend prints; FileSmsBackend appends JSON lines to
# SMS_FILE_PATH; a provider's backend implements the same one method.

SMS_BACKEND = env("SMS_BACKEND", default="apps.core.sms.ConsoleSmsBackend")


def _sms_countries(name: str, default: str) -> frozenset[str]:
    """Countries (ISO 3166 codes, `*` for all) whose mobile numbers get texts; a code
    phonenumbers does not know stops the start, not every request."""
    codes = frozenset(code.strip().upper() for code in env(name, default=default).split(","))
    codes -= {""}
    unknown = sorted(codes - phonenumbers.SUPPORTED_REGIONS - {"*"})
    if unknown or not codes:
        raise ImproperlyConfigured(
            f"{name} holds {unknown or 'nothing'}: write country codes such as NL,PL,RO, or *."
        )
    return codes


# Texts cost money and some countries' numbers cost a lot: "SMS pumping" has a
# platform text numbers that pay the fraudster. The platform's workers come from the
# EU and EEA (with the outermost regions, numbered apart: RE, GP, MQ, GF, YT, MF),
# the Dutch Caribbean (BQ; AW, CW, SX), Switzerland, the United Kingdom and Ukraine.
SMS_COUNTRIES = _sms_countries(
    "SMS_COUNTRIES",
    "AT,BE,BG,CH,CY,CZ,DE,DK,EE,ES,FI,FR,GB,GR,HR,HU,IE,IS,IT,LI,LT,LU,LV,MT,NL,NO,PL,PT,RO,SE,"
    "SI,SK,UA,RE,GP,MQ,GF,YT,MF,BQ,AW,CW,SX",
)
SMS_FILE_PATH = str(REPO_DIR / env("SMS_FILE_PATH", default=str(LOCAL_DIR / "sms.jsonl")))

# --- Internationalisation -----------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", default=str(BACKEND_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Logging ------------------------------------------------------------------
# LOG_FORMAT=json gives one JSON object per line (production); "text" is for
# people. Every record carries the request id. The server (gunicorn, uvicorn) and
# the Celery worker log through this too (config/gunicorn.py, config/celery.py);
# the access log is Django's (apps.core.middleware.access_log), so the servers' own
# are off.

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING_CONFIG = "apps.core.logs.configure"
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "short_arguments": {"()": "apps.core.logs.ShortArguments", "max_length": 64},
        "no_query_strings": {"()": "apps.core.logs.NoQueryStrings"},
    },
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)-7s [%(correlation_id)s] %(name)s: %(message)s",
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
            },
            # Extras never written: uvicorn's copy of its message with terminal colours,
            # Celery's task arguments (`data`: an email, an IP) and Django's request
            # (`request`: its repr has the query string, what a person typed).
            "reserved_attrs": [*RESERVED_ATTRS, "color_message", "data", "request"],
        },
    },
    "handlers": {
        "null": {"class": "logging.NullHandler"},
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # An invalid incoming X-Request-ID is logged, cut short: the client chose it.
        "django_guid": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["short_arguments"],
            "propagate": False,
        },
        "gunicorn.error": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # uvicorn logs each WebSocket's path with its query string, where the token goes.
        "uvicorn.error": {
            "handlers": ["console"],
            "level": LOG_LEVEL,
            "filters": ["no_query_strings"],
            "propagate": False,
        },
        "gunicorn.access": {"handlers": [], "propagate": False},
        "uvicorn.access": {"handlers": [], "propagate": False},
        # `runserver` (daphne's, in development) and Django's own: their request lines,
        # query strings included. A null handler: with none, Python's last resort would
        # still print the 4xx and 5xx ones.
        "django.channels.server": {"handlers": ["null"], "propagate": False},
        "django.server": {"handlers": ["null"], "propagate": False},
        # django-axes: its failures and lockouts, not its greeting at every start.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
