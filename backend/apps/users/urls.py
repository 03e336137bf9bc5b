from django.urls import path

from apps.users import views

urlpatterns = [
    path("auth/magic-link/", views.MagicLinkRequestView.as_view(), name="magic-link"),
    path("auth/magic-link/verify/", views.MagicLinkVerifyView.as_view(), name="magic-link-verify"),
    path("auth/token/refresh/", views.TokenRefreshView.as_view(), name="token-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="logout"),
    path("users/me/", views.MeView.as_view(), name="users-me"),
    path("users/me/phone/", views.PhoneStartView.as_view(), name="users-me-phone"),
    path("users/me/phone/verify/", views.PhoneVerifyView.as_view(), name="users-me-phone-verify"),
]
