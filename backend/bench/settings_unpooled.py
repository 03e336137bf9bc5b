"""Production settings without connection reuse: the benchmark's comparison run.

Not the production configuration: what it was before the pools. Without a pool
and with CONN_MAX_AGE 0 each request opens a PostgreSQL connection, whose new
backend process must load the catalog, the PostGIS statistics and the text
search dictionaries again, and a Redis connection (Django's cache makes a
client per request context).
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import CACHES, DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"].pop("pool", None)
CACHES["default"]["OPTIONS"] = {
    k: v for k, v in CACHES["default"].get("OPTIONS", {}).items() if k != "pool_class"
}
