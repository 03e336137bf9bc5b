"""ASGI entry point: HTTP through Django's WSGI handler, WebSocket through Channels.

Every view and middleware of the API is synchronous. Under Django's own ASGI
handler each synchronous middleware hook and the view would hop to a thread and
back (a dozen hops a request, about a third of the server's CPU per search); here
a request goes to a thread once and runs the whole synchronous stack there
(apps/core/wsgi_bridge.py). `HTTP_THREADS` threads per process; keep the database
pool (`DB_POOL_MAX_SIZE`) at least as large.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

# Django must be set up before anything imports models.
django_wsgi_app = get_wsgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from apps.core.wsgi_bridge import WSGIBridge  # noqa: E402
from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": WSGIBridge(django_wsgi_app, threads=settings.HTTP_THREADS),
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
