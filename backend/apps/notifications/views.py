import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.requests import request_user
from apps.notifications import selectors, services
from apps.notifications.serializers import NotificationSerializer


class NotificationListView(ListAPIView):
    permission_classes = (IsAuthenticated,)
    serializer_class = NotificationSerializer

    @extend_schema(
        tags=["notifications"],
        summary="My notifications, newest first",
        description=(
            "Each is written once, in its reader's `preferred_language` at the time (Dutch or"
            " English; English when none is set), and emailed with the title as the subject"
            " when `notification_emails` is on."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.notifications_of(user=request_user(self.request))


class NotificationReadView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        tags=["notifications"],
        summary="Mark a notification read",
        request=None,
        responses={200: NotificationSerializer},
    )
    def post(self, request: Request, notification_id: uuid.UUID) -> Response:
        notification = selectors.notification_get_for_user(
            user=request_user(request), notification_id=notification_id
        )
        return Response(
            NotificationSerializer(services.notification_mark_read(notification=notification)).data
        )
