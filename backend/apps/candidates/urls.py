from django.urls import path

from apps.candidates import views

urlpatterns = [
    path("candidates/me/", views.CandidateMeView.as_view(), name="candidates-me"),
    path(
        "candidates/<uuid:candidate_id>/",
        views.CandidateDetailView.as_view(),
        name="candidates-detail",
    ),
]
