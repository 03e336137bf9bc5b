from django.urls import path

from apps.applications import views

urlpatterns = [
    path("applications/", views.ApplicationListCreateView.as_view(), name="applications"),
    path(
        "applications/<uuid:application_id>/",
        views.ApplicationDetailView.as_view(),
        name="applications-detail",
    ),
    path(
        "applications/<uuid:application_id>/transition/",
        views.ApplicationTransitionView.as_view(),
        name="applications-transition",
    ),
    path(
        "applications/<uuid:application_id>/events/",
        views.ApplicationEventListView.as_view(),
        name="applications-events",
    ),
]
