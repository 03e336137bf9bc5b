"""Production: secrets only from the environment, HTTPS everywhere, JSON logs."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, LOGGING, STORAGES, env

SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without it

# Under ASGI every request runs in a thread of its own, so persistent connections
# (CONN_MAX_AGE) are never reused: each request would open a PostgreSQL
# connection. A pool per process instead (`make bench` measures the difference).
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"]["pool"] = {
    "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
    "max_size": env.int("DB_POOL_MAX_SIZE", default=8),
    "timeout": env.int("DB_POOL_TIMEOUT", default=10),
}
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Behind a TLS-terminating load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

LOGGING = {
    **LOGGING,
    "handlers": {
        **LOGGING["handlers"],
        "console": {
            **LOGGING["handlers"]["console"],
            "formatter": env("LOG_FORMAT", default="json"),
        },
    },
}
