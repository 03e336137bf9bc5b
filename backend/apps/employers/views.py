import uuid
from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.openapi import conflict
from apps.core.permissions import IsEmployer, IsModerator
from apps.core.requests import client_ip, request_user
from apps.employers import selectors, services
from apps.employers.models import EmployerProfile
from apps.employers.serializers import (
    EmployerModerationSerializer,
    EmployerProfileInputSerializer,
    EmployerProfileSerializer,
    EmployerPublicSerializer,
    ModerationDecisionSerializer,
)


class EmployerMeView(APIView):
    permission_classes = (IsEmployer,)

    @extend_schema(
        tags=["employers"],
        summary="My employer profile",
        responses={200: EmployerProfileSerializer},
    )
    def get(self, request: Request) -> Response:
        employer = services.employer_profile_create(user=request_user(request))
        return Response(EmployerProfileSerializer(employer).data)

    @extend_schema(
        tags=["employers"],
        summary="Change my employer profile",
        description=(
            "Changing `company_name` or `kvk_number` of an approved employer sends it back to "
            "`unverified`. A KvK number another employer holds is 400 `kvk_in_use`. "
            "A suspended employer keeps its name and KvK number. A pending or approved employer "
            "keeps what a moderator checks: emptying `address`, `postal_code` or `city` is 400 "
            "`profile_incomplete` on that field (unless the name or KvK number changes too, "
            "which starts the check over). `company_name`, `address`, "
            "`city` and `sna_certificate_number` are one line: a line break, another control "
            "character or a text-direction override is 400 `invalid`; `company_name` needs 2 "
            "characters that show. `website` is an http or https link to a public domain name "
            "(no user name or password, no IP address, `localhost` or private network's name), "
            "its host stored in IDNA's ASCII form (`https://xn--bckerei-5wa.nl`)."
        ),
        request=EmployerProfileInputSerializer,
        responses={
            200: EmployerProfileSerializer,
            409: conflict("`invalid_transition`: a suspended employer's name or KvK number"),
        },
    )
    def patch(self, request: Request) -> Response:
        serializer = EmployerProfileInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        employer = services.employer_profile_create(user=request_user(request))
        employer = services.employer_profile_update(
            employer=employer,
            actor=request_user(request),
            changes=serializer.validated_data,
            ip=client_ip(request),
        )
        return Response(EmployerProfileSerializer(employer).data)


class EmployerVerificationView(APIView):
    permission_classes = (IsEmployer,)

    @extend_schema(
        tags=["employers"],
        summary="Ask a moderator to verify me",
        description=(
            "400 `profile_incomplete` on each missing field; 409 `verification_already_requested` "
            "when pending or approved."
        ),
        request=None,
        responses={
            202: EmployerProfileSerializer,
            409: conflict(
                "`verification_already_requested` when pending or approved; "
                "`invalid_transition` when suspended"
            ),
        },
    )
    def post(self, request: Request) -> Response:
        employer = services.employer_profile_create(user=request_user(request))
        employer = services.employer_verification_request(
            employer=employer, actor=request_user(request), ip=client_ip(request)
        )
        return Response(EmployerProfileSerializer(employer).data, status=status.HTTP_202_ACCEPTED)


class EmployerPublicView(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(
        tags=["employers"],
        summary="An employer's public profile",
        responses={200: EmployerPublicSerializer},
    )
    def get(self, request: Request, employer_id: uuid.UUID) -> Response:
        return Response(
            EmployerPublicSerializer(selectors.employer_get_public(employer_id=employer_id)).data
        )


class _StatusFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=EmployerProfile.VerificationStatus.choices, required=False
    )


class ModerationEmployerListView(ListAPIView):
    permission_classes = (IsModerator,)
    serializer_class = EmployerModerationSerializer

    @extend_schema(
        tags=["moderation"],
        summary="The verification queue",
        parameters=[OpenApiParameter("status", enum=EmployerProfile.VerificationStatus.values)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        filters = _StatusFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.employer_list_for_moderation(status=filters.validated_data.get("status"))


class ModerationEmployerDetailView(APIView):
    permission_classes = (IsModerator,)

    @extend_schema(
        tags=["moderation"],
        summary="An employer, for moderators",
        responses={200: EmployerModerationSerializer},
    )
    def get(self, request: Request, employer_id: uuid.UUID) -> Response:
        return Response(
            EmployerModerationSerializer(
                selectors.employer_get_for_moderation(employer_id=employer_id)
            ).data
        )


def _decision_view(
    action: Callable[..., EmployerProfile],
    *,
    summary: str,
    description: str | None = None,
    takes_reason: bool = True,
) -> type[APIView]:
    class DecisionView(APIView):
        permission_classes = (IsModerator,)

        @extend_schema(
            tags=["moderation"],
            summary=summary,
            description=" ".join(
                part
                for part in (
                    description,
                    (
                        "The reason is emailed to the employer and kept in the audit trail: one"
                        " holding a BSN is 400 `contains_bsn`."
                        if takes_reason
                        else None
                    ),
                )
                if part
            )
            or None,
            request=ModerationDecisionSerializer if takes_reason else None,
            responses={
                200: EmployerModerationSerializer,
                409: conflict("`invalid_transition`: not allowed from the current status"),
            },
        )
        def post(self, request: Request, employer_id: uuid.UUID) -> Response:
            employer = selectors.employer_get_for_moderation(employer_id=employer_id)
            kwargs: dict[str, Any] = {
                "employer": employer,
                "moderator": request_user(request),
                "ip": client_ip(request),
            }
            if takes_reason:
                body = ModerationDecisionSerializer(data=request.data)
                body.is_valid(raise_exception=True)
                kwargs["reason"] = body.validated_data["reason"]
            employer = action(**kwargs)
            return Response(EmployerModerationSerializer(employer).data)

    DecisionView.__name__ = DecisionView.__qualname__ = (
        f"{action.__name__.title().replace('_', '')}View"
    )
    return DecisionView


ModerationEmployerApproveView = _decision_view(
    services.employer_approve,
    summary="Approve an employer",
    description=(
        "From `pending`. A profile lacking what the check needs is 400 `profile_incomplete` "
        "on each missing field."
    ),
)
ModerationEmployerRejectView = _decision_view(
    services.employer_reject,
    summary="Reject an employer (reason required)",
    description=(
        "From `pending`; also from `unverified`, which frees a KvK number an account "
        "holds without having asked for a check."
    ),
)
ModerationEmployerSuspendView = _decision_view(
    services.employer_suspend, summary="Suspend an employer (reason required)"
)
ModerationEmployerConfirmEvidenceView = _decision_view(
    services.employer_trust_evidence_confirm,
    summary="Confirm the employer's SNA and Waadi evidence",
    takes_reason=False,
)
