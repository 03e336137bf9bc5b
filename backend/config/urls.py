from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from apps.core.views import API_FALLBACK, ApiRootView, api_fallback

api_v1: list[URLPattern | URLResolver] = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("", include("apps.users.urls")),
    path("", include("apps.candidates.urls")),
    path("", include("apps.employers.urls")),
    path("", include("apps.safety.urls")),
    path("", include("apps.jobs.urls")),
    path("", include("apps.applications.urls")),
    path("", include("apps.notifications.urls")),
]

urlpatterns = [
    path("", include("apps.core.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/schema/swagger-ui/",
        SpectacularSwaggerView.as_view(url_name="schema"),
        name="swagger-ui",
    ),
    path("api/schema/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    # Whatever no API route took answers JSON (or 308 to its slashed path), even while
    # DEBUG shows Django's HTML pages elsewhere.
    re_path(r"^api/", api_fallback, name=API_FALLBACK),
]

handler400 = "apps.core.views.bad_request"
handler403 = "apps.core.views.permission_denied"
handler404 = "apps.core.views.not_found"
handler500 = "apps.core.views.server_error"
