from django.urls import URLPattern, URLResolver, path

from apps.safety import views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "moderation/audit-events/",
        views.AuditEventListView.as_view(),
        name="moderation-audit-event-list",
    ),
    path(
        "moderation/audit-events/<uuid:pk>/",
        views.AuditEventDetailView.as_view(),
        name="moderation-audit-event-detail",
    ),
]
