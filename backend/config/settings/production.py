"""Production: secrets only from the environment, HTTPS everywhere, JSON logs."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, LOGGING, STORAGES, env

SECRET_KEY = env("SECRET_KEY")  # no default: refuse to start without it

# Requests run on HTTP_THREADS threads per process (config/asgi.py); a pool per
# process shares PostgreSQL connections among them and keeps at most
# DB_POOL_MAX_SIZE open (`make bench` measures it against no reuse). A request
# waits DB_POOL_TIMEOUT seconds for a connection, then answers 503 (Retry-After):
# as long as connecting may take (DB_CONNECT_TIMEOUT), not a hanging page.
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"]["pool"] = {
    "min_size": env.int("DB_POOL_MIN_SIZE", default=2),
    "max_size": env.int("DB_POOL_MAX_SIZE", default=8),
    "timeout": env.int("DB_POOL_TIMEOUT", default=3),
}
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Behind a TLS-terminating load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Probes ask over plain HTTP, with or without the final slash (CommonMiddleware adds it).
SECURE_REDIRECT_EXEMPT = [r"^health(/|$)"]
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

# No SMS provider is built in; printing texts (the console backend) would log codes.
SMS_BACKEND = env("SMS_BACKEND", default="apps.core.sms.NoSmsBackend")
