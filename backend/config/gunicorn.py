"""gunicorn's settings (`gunicorn -c python:config.gunicorn`, the Dockerfile's CMD).

gunicorn's master process never loads Django, so it gets Django's LOGGING here:
its own lines and uvicorn's then look like every other line (one JSON object a
line in production). The access log is Django's (`apps.core.middleware.access_log`),
which knows the request id; LOGGING turns gunicorn's and uvicorn's off.
"""

import copy
import os

from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

logconfig_dict = copy.deepcopy(settings.LOGGING)  # dictConfig may change what it is given
accesslog = None
