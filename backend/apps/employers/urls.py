from django.urls import path

from apps.employers import views

urlpatterns = [
    path("employers/me/", views.EmployerMeView.as_view(), name="employers-me"),
    path(
        "employers/me/verification/",
        views.EmployerVerificationView.as_view(),
        name="employers-me-verification",
    ),
    path(
        "employers/<uuid:employer_id>/", views.EmployerPublicView.as_view(), name="employers-detail"
    ),
    path(
        "moderation/employers/",
        views.ModerationEmployerListView.as_view(),
        name="moderation-employers",
    ),
    path(
        "moderation/employers/<uuid:employer_id>/",
        views.ModerationEmployerDetailView.as_view(),
        name="moderation-employers-detail",
    ),
    path(
        "moderation/employers/<uuid:employer_id>/approve/",
        views.ModerationEmployerApproveView.as_view(),
        name="moderation-employers-approve",
    ),
    path(
        "moderation/employers/<uuid:employer_id>/reject/",
        views.ModerationEmployerRejectView.as_view(),
        name="moderation-employers-reject",
    ),
    path(
        "moderation/employers/<uuid:employer_id>/suspend/",
        views.ModerationEmployerSuspendView.as_view(),
        name="moderation-employers-suspend",
    ),
    path(
        "moderation/employers/<uuid:employer_id>/confirm-evidence/",
        views.ModerationEmployerConfirmEvidenceView.as_view(),
        name="moderation-employers-confirm-evidence",
    ),
]
