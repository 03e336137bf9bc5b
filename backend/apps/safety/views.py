"""HTTP for the audit trail: moderators read it; nobody writes it through the API."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.pagination import PageNumberPagination
from apps.core.permissions import IsModerator
from apps.safety.models import AuditEvent
from apps.safety.selectors import audit_event_list
from apps.safety.serializers import AuditEventFilterSerializer, AuditEventSerializer


@extend_schema_view(
    get=extend_schema(
        tags=["moderation"],
        summary="The audit trail, newest first",
        description=(
            "Every verification step and moderation action: who, what, when, why. "
            "A malformed filter value gives 400."
        ),
        parameters=[AuditEventFilterSerializer],
        responses={200: AuditEventSerializer(many=True)},
    )
)
class AuditEventListView(generics.ListAPIView[AuditEvent]):
    permission_classes = (IsModerator,)
    serializer_class = AuditEventSerializer
    pagination_class = PageNumberPagination

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return audit_event_list()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        filters = AuditEventFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        events = audit_event_list(
            target_type=filters.validated_data.get("target_type"),
            target_id=filters.validated_data.get("target_id"),
            action=filters.validated_data.get("action"),
            actor_id=filters.validated_data.get("actor"),
        )
        page = self.paginate_queryset(events)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    get=extend_schema(
        tags=["moderation"],
        summary="One event of the audit trail",
        responses={200: AuditEventSerializer},
    )
)
class AuditEventDetailView(generics.RetrieveAPIView[AuditEvent]):
    permission_classes = (IsModerator,)
    serializer_class = AuditEventSerializer

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return audit_event_list()
