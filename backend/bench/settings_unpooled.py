"""Production settings without connection reuse: the benchmark's comparison run.

Not the production configuration: what it was before the pools. Under ASGI
every request runs in a thread of its own, so Django's persistent connections
(CONN_MAX_AGE) are never reused; without a pool each request opens a
PostgreSQL connection, whose new backend process must load the catalog, the
PostGIS statistics and the text search dictionaries again, and a Redis
connection (Django's cache makes a client per request context). CONN_MAX_AGE is
0, not the old 60: with 60 the connections stay open until their thread is
garbage collected, and at 8 connections PostgreSQL ran out of them ("too many
clients already").
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import CACHES, DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["OPTIONS"].pop("pool", None)
CACHES["default"]["OPTIONS"] = {
    k: v for k, v in CACHES["default"].get("OPTIONS", {}).items() if k != "pool_class"
}
