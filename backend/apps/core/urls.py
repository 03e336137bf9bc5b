from django.urls import path

from apps.core import views

urlpatterns = [
    path("health/", views.HealthView.as_view(), name="health"),
    path("health/live/", views.LivenessView.as_view(), name="health-live"),
    path("health/ready/", views.ReadinessView.as_view(), name="health-ready"),
]
