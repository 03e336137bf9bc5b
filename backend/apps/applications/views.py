import uuid
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.applications import selectors, services
from apps.applications.models import Application
from apps.applications.serializers import (
    ApplicationConsentSerializer,
    ApplicationCreateSerializer,
    ApplicationEventSerializer,
    ApplicationFilterSerializer,
    ApplicationSerializer,
    TransitionSerializer,
)
from apps.candidates.services import candidate_profile_create
from apps.core.openapi import conflict
from apps.core.permissions import IsCandidate, IsEmployer
from apps.core.requests import request_user


class ApplicationListCreateView(ListAPIView):
    serializer_class = ApplicationSerializer

    def get_permissions(self) -> list[Any]:
        if self.request.method == "POST":
            return [IsCandidate()]
        return [IsAuthenticated(), (IsCandidate | IsEmployer)()]

    @extend_schema(
        tags=["applications"],
        summary="My applications (candidate), or those to my jobs (employer)",
        parameters=[
            OpenApiParameter("job", uuid.UUID),
            OpenApiParameter("status", str, enum=Application.Status.values),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = ApplicationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.applications_for(
            user=request_user(self.request),
            job_id=filters.validated_data.get("job"),
            status=filters.validated_data.get("status"),
        )

    @extend_schema(
        tags=["applications"],
        summary="Apply to a job",
        description="409 `already_applied`; 409 `job_not_open`; 400 `contains_bsn` for a letter holding a BSN.",
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer, 409: conflict("`already_applied`, `job_not_open`")},
    )
    def post(self, request: Request) -> Response:
        body = ApplicationCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = services.application_submit(
            candidate=candidate_profile_create(user=request_user(request)),
            job_id=body.validated_data["job"],
            cover_letter=body.validated_data["cover_letter"],
            keep_data_consent=body.validated_data["keep_data_consent"],
        )
        return Response(
            ApplicationSerializer(application, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class ApplicationDetailView(APIView):
    def get_permissions(self) -> list[Any]:
        if self.request.method == "PATCH":  # consent is the candidate's alone
            return [IsAuthenticated(), IsCandidate()]
        return [IsAuthenticated()]

    @extend_schema(
        tags=["applications"], summary="An application", responses={200: ApplicationSerializer}
    )
    def get(self, request: Request, application_id: uuid.UUID) -> Response:
        application = selectors.application_get_for_user(
            user=request_user(request), application_id=application_id
        )
        return Response(ApplicationSerializer(application, context={"request": request}).data)

    @extend_schema(
        tags=["applications"],
        summary="Give or withdraw consent to keep my application's content",
        description=(
            "The candidate only (others: 403). Without consent the"
            " letter and the notes go four weeks after the job closed; with it, a year after."
            " Withdrawn later than four weeks after, they go at once."
        ),
        request=ApplicationConsentSerializer,
        responses={
            200: ApplicationSerializer,
            409: conflict("`personal_data_removed`: consent given after the content went"),
        },
    )
    def patch(self, request: Request, application_id: uuid.UUID) -> Response:
        application = selectors.application_get_for_user(
            user=request_user(request), application_id=application_id
        )
        body = ApplicationConsentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = services.application_consent_set(
            application=application,
            actor=request_user(request),
            keep_data_consent=body.validated_data["keep_data_consent"],
        )
        return Response(ApplicationSerializer(application, context={"request": request}).data)


class ApplicationTransitionView(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        tags=["applications"],
        summary="Move an application",
        description=(
            "Only the moves of the contract's table, each for its side: 409 `invalid_transition` otherwise. "
            "`offered` takes `hourly_wage` (default: the job's) and refuses one below the statutory minimum "
            "for the candidate's age on the start date (400 `below_minimum_wage`). An offer accepted "
            "(`hired`) after the minimum rose above it (a new rate, a birthday) is taken at the minimum: "
            "`offered_hourly_wage` becomes the minimum and the move's note says why."
        ),
        request=TransitionSerializer,
        responses={
            200: ApplicationSerializer,
            409: conflict(
                "`invalid_transition`; `positions_filled` when every position is taken;"
                " `job_not_open` for an offer or a hire while the job is held for review, taken"
                " down or closed, or its employer is not verified"
            ),
        },
    )
    def post(self, request: Request, application_id: uuid.UUID) -> Response:
        application = selectors.application_get_for_user(
            user=request_user(request), application_id=application_id
        )
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = services.application_transition(
            application=application,
            actor=request_user(request),
            to_status=body.validated_data["status"],
            note=body.validated_data["note"],
            hourly_wage=body.validated_data.get("hourly_wage"),
        )
        return Response(ApplicationSerializer(application, context={"request": request}).data)


class ApplicationEventListView(ListAPIView):
    """Paginated as every list of the contract, oldest move first."""

    permission_classes = (IsAuthenticated,)
    serializer_class = ApplicationEventSerializer

    @extend_schema(tags=["applications"], summary="The history of an application")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        application = selectors.application_get_for_user(
            user=request_user(self.request), application_id=self.kwargs["application_id"]
        )
        return selectors.events_of(application=application)
