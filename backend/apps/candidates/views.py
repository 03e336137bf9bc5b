from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.candidates import selectors, services
from apps.candidates.serializers import (
    CandidateLimitedSerializer,
    CandidateProfileInputSerializer,
    CandidateProfileSerializer,
)
from apps.core.openapi import role_views
from apps.core.permissions import IsCandidate, IsEmployer, IsModerator
from apps.core.requests import request_user


class CandidateMeView(APIView):
    permission_classes = (IsCandidate,)

    @extend_schema(
        tags=["candidates"],
        summary="My candidate profile",
        responses={200: CandidateProfileSerializer},
    )
    def get(self, request: Request) -> Response:
        profile = services.candidate_profile_create(user=request_user(request))
        return Response(CandidateProfileSerializer(profile).data)

    @extend_schema(
        tags=["candidates"],
        summary="Change my candidate profile",
        description=(
            "A postal code or city without coordinates is geocoded; a place that cannot be "
            "found is a 400 on that field. Free text holding a BSN is refused (`contains_bsn`). "
            "Names, `city` and each skill are one line: a line break, another control character "
            "or a text-direction override is 400 `invalid`."
        ),
        request=CandidateProfileInputSerializer,
        responses={200: CandidateProfileSerializer},
    )
    def patch(self, request: Request) -> Response:
        serializer = CandidateProfileInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        profile = services.candidate_profile_create(user=request_user(request))
        profile = services.candidate_profile_update(
            profile=profile, changes=serializer.validated_data
        )
        return Response(CandidateProfileSerializer(profile).data)


class CandidateDetailView(APIView):
    permission_classes = (IsAuthenticated, IsEmployer | IsModerator)

    @extend_schema(
        tags=["candidates"],
        summary="A candidate's profile, as far as the caller may see it",
        description=(
            "Verified employers see a discoverable candidate's first name, city and skills, "
            "and the whole profile of a candidate who applied to one of their jobs; moderators "
            "see everything. A candidate nobody may see this way (not discoverable, a "
            "deactivated account) or an employer not yet verified gets 404; candidates may not "
            "call this (403)."
        ),
        responses={
            200: role_views(
                "CandidateForViewer", CandidateProfileSerializer, CandidateLimitedSerializer
            ),
            404: OpenApiResponse(description="No such candidate, or not visible to the caller."),
        },
    )
    def get(self, request: Request, candidate_id: str) -> Response:
        candidate, access = selectors.candidate_get_for_viewer(
            viewer=request_user(request), candidate_id=candidate_id  # type: ignore[arg-type]
        )
        if access is selectors.CandidateAccess.FULL:
            return Response(CandidateProfileSerializer(candidate).data)
        return Response(CandidateLimitedSerializer(candidate).data)
