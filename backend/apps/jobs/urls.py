from django.urls import path

from apps.jobs import views

urlpatterns = [
    path("jobs/", views.JobListCreateView.as_view(), name="jobs"),
    path("jobs/recommended/", views.RecommendedJobsView.as_view(), name="jobs-recommended"),
    path("jobs/<uuid:job_id>/", views.JobDetailView.as_view(), name="jobs-detail"),
    path("jobs/<uuid:job_id>/publish/", views.JobPublishView.as_view(), name="jobs-publish"),
    path("jobs/<uuid:job_id>/close/", views.JobCloseView.as_view(), name="jobs-close"),
    path("jobs/<uuid:job_id>/save/", views.JobSaveView.as_view(), name="jobs-save"),
    path(
        "candidates/me/saved-jobs/",
        views.SavedJobListView.as_view(),
        name="candidates-me-saved-jobs",
    ),
    path("employers/me/jobs/", views.EmployerJobListView.as_view(), name="employers-me-jobs"),
    path("moderation/jobs/", views.ModerationJobListView.as_view(), name="moderation-jobs"),
    path(
        "moderation/jobs/<uuid:job_id>/approve/",
        views.ModerationJobApproveView.as_view(),
        name="moderation-jobs-approve",
    ),
    path(
        "moderation/jobs/<uuid:job_id>/reject/",
        views.ModerationJobRejectView.as_view(),
        name="moderation-jobs-reject",
    ),
]
