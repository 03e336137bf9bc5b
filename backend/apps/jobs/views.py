import uuid
from typing import Any

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.candidates.services import candidate_profile_create
from apps.core.exceptions import field_error
from apps.core.openapi import conflict, role_views
from apps.core.pagination import PAGE_SCHEMA, PAGE_SIZE_SCHEMA, PageNumberPagination
from apps.core.permissions import IsCandidate, IsEmployer, IsModerator
from apps.core.requests import request_user
from apps.employers.services import employer_profile_create
from apps.jobs import search_cache, selectors, services
from apps.jobs.models import Job
from apps.jobs.recommendations import job_recommendations
from apps.jobs.search import JobSearch, SearchResults
from apps.jobs.serializers import (
    JobInputSerializer,
    JobOwnerSerializer,
    JobSearchSerializer,
    JobSerializer,
    ModerationReasonSerializer,
    RecommendedJobSerializer,
    SavedJobSerializer,
)
from apps.users.models import User

ONE_LINE = (
    "`title`, `address` and `city` are one line: a line break, another control character or"
    " a text-direction override is 400 `invalid`; `title` needs 3 characters that show."
)


def _serializer_for(viewer: User, job: Job) -> type[JobSerializer]:
    sees_flags = viewer.is_authenticated and (
        viewer.is_moderator or job.employer.user_id == viewer.pk
    )
    return JobOwnerSerializer if sees_flags else JobSerializer


SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        str,
        description=(
            "Full text, Dutch and English, typo tolerant (at most 200 characters). A word"
            " that is a stop word in one of the languages is looked for as the other reads"
            " it; words that say nothing in either (`in is`, punctuation) search as a blank"
            " q does."
        ),
    ),
    OpenApiParameter("lat", float),
    OpenApiParameter("lon", float),
    OpenApiParameter("radius_km", float, description="Needs lat and lon; default 25, at most 250."),
    OpenApiParameter(
        "min_wage", str, description="Lowest hourly wage, e.g. 15.50 (15.50 included)."
    ),
    OpenApiParameter("employment_type", str, many=True, enum=Job.EmploymentType.values),
    OpenApiParameter("category", str, enum=Job.Category.values),
    OpenApiParameter("starts_after", str, description="YYYY-MM-DD: starting on or after the day."),
    OpenApiParameter(
        "starts_before", str, description="YYYY-MM-DD: starting on or before the day."
    ),
    OpenApiParameter("employer", uuid.UUID),
    OpenApiParameter(
        "ordering",
        str,
        enum=["distance", "-published_at", "-hourly_wage", "relevance"],
        description="Default: distance with lat/lon, else relevance with q, else newest.",
    ),
]


SEARCH_DESCRIPTION = """Published, unexpired jobs of approved employers.

Only `employment_type` may be repeated; any other parameter given twice is a 400
`repeated`.

**Relevance** puts the jobs whose title has the words (or a word close to them)
first, then those whose category has them, then those with the words in the
description; newest first within each.

**count** is exact when the search matches up to about 2,000 jobs. Above that it
is PostgreSQL's estimate, rounded to two significant figures (e.g. 13000): an
exact count of a hundred thousand jobs would cost more than the search. `next`
is always exact: it is there when another page has jobs.
"""

SEARCH_RESPONSE = inline_serializer(
    name="JobSearchPage",
    fields={
        "count": serializers.IntegerField(
            help_text="Exact up to about 2,000 matches; above that an estimate (two significant figures)."
        ),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": JobSerializer(many=True),
    },
)


INVALID_TRANSITION = conflict("`invalid_transition`: the job's status does not allow it")
JOB_CHANGED = {200: JobOwnerSerializer, 409: INVALID_TRANSITION}


class JobListCreateView(APIView):
    """GET searches published jobs (anyone); POST drafts a job (employers)."""

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else [IsEmployer()]

    @extend_schema(
        tags=["jobs"],
        summary="Search published jobs",
        operation_id="jobs_search",
        description=SEARCH_DESCRIPTION,
        parameters=[
            *SEARCH_PARAMETERS,
            OpenApiParameter(
                "page",
                PAGE_SCHEMA,
                description=(
                    "From 1; a page past the end is empty. Only the first 10,000 jobs of a"
                    " search are shown: a page beyond them is a 400 `page_too_deep`."
                ),
            ),
            OpenApiParameter("page_size", PAGE_SIZE_SCHEMA, description="Default 20, at most 100."),
        ],
        responses={200: SEARCH_RESPONSE},
    )
    def get(self, request: Request) -> Response:
        params = JobSearchSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        search = JobSearch(
            **{
                **{k: v for k, v in params.validated_data.items() if k != "employment_type"},
                "employment_types": params.validated_data.get("employment_type", []),
            }
        )
        anonymous = not request.user.is_authenticated
        # The body's next and previous links are absolute: one answer per scheme and host.
        cache_key = request.build_absolute_uri()
        if anonymous:
            cached, generation = search_cache.get(cache_key)
            if cached is not None:
                return Response(cached)
        paginator = PageNumberPagination()
        asked = request.query_params.get(paginator.page_query_param, "1")
        results = SearchResults(
            search,
            page=int(asked) if asked.isdecimal() and len(asked) < 10 else 1,
            page_size=paginator.get_page_size(request) or paginator.page_size,
        )
        page = paginator.paginate_queryset(results, request, view=self)  # type: ignore[arg-type]
        body = paginator.get_paginated_response(page).data
        if anonymous:
            search_cache.put(cache_key, generation, body)
        return Response(body)

    @extend_schema(
        tags=["jobs"],
        summary="Draft a job",
        description=(
            "A postal code or city without coordinates is geocoded. Free text with a BSN is"
            f" refused. {ONE_LINE}"
        ),
        request=JobInputSerializer,
        responses={201: JobOwnerSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = JobInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employer = employer_profile_create(user=request_user(request))
        job = services.job_create(
            employer=employer, actor=request_user(request), data=serializer.validated_data
        )
        return Response(JobOwnerSerializer(job).data, status=status.HTTP_201_CREATED)


class JobDetailView(APIView):
    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else [IsEmployer()]

    @extend_schema(
        tags=["jobs"],
        summary="A job",
        description=(
            "Published jobs for everyone; other states only for the owner and moderators, else 404. "
            "The owner and moderators get the owner's view (`JobOwner`), everyone else `Job`."
        ),
        responses={200: role_views("JobForViewer", JobOwnerSerializer, JobSerializer)},
    )
    def get(self, request: Request, job_id: uuid.UUID) -> Response:
        job = selectors.job_get_for_viewer(viewer=request_user(request), job_id=job_id)
        return Response(_serializer_for(request_user(request), job)(job).data)

    @extend_schema(
        tags=["jobs"],
        summary="Edit my job",
        description=(
            "A published job is screened again; a wage below the minimum is 400"
            " `below_minimum_wage`, as is a new `starts_on` that would leave an open offer"
            " below its candidate's minimum. `positions` below the people already hired is"
            " 400 `below_hired`; as many as them fills the job. A published or held job's"
            " `ends_on` before today is 400 `job_ended`; its publication (`expires_at`) ends"
            " with its last day when that comes before its 30 days. "
            f"{ONE_LINE}"
        ),
        request=JobInputSerializer,
        responses=JOB_CHANGED,
    )
    def patch(self, request: Request, job_id: uuid.UUID) -> Response:
        job = selectors.job_get_for_owner(user=request_user(request), job_id=job_id)
        serializer = JobInputSerializer(job, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        job = services.job_update(
            job=job, actor=request_user(request), changes=serializer.validated_data
        )
        return Response(JobOwnerSerializer(job).data)

    @extend_schema(
        tags=["jobs"],
        summary="Delete my draft, or close my job",
        description=(
            "A draft is deleted (204). A job anyone may have seen is closed instead (200),"
            " as by `POST /jobs/{id}/close/`, so its history stays."
        ),
        responses={
            204: OpenApiResponse(description="Draft deleted."),
            200: JobOwnerSerializer,
            409: INVALID_TRANSITION,
        },
    )
    def delete(self, request: Request, job_id: uuid.UUID) -> Response:
        job = selectors.job_get_for_owner(user=request_user(request), job_id=job_id)
        closed = services.job_delete(job=job, actor=request_user(request))
        if closed is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(JobOwnerSerializer(closed).data)


class JobPublishView(APIView):
    permission_classes = (IsEmployer,)

    @extend_schema(
        tags=["jobs"],
        summary="Publish my job",
        description=(
            "200 with `published`, or `pending_review` with `risk_flags` when screening holds it. "
            "403 `employer_not_verified`; 400 `below_minimum_wage` when `hourly_wage` is below the"
            " statutory minimum for `min_age` on `starts_on`, or today for a job already under way"
            " (the people it finds are paid from today); 400 `job_ended` on `ends_on` when its"
            " last day has passed. A publication lasts 30 days (`expires_at`), and ends with"
            " the job's last day when that comes sooner: search shows no work that is over."
            " Publishing again changes nothing."
        ),
        request=None,
        responses=JOB_CHANGED,
    )
    def post(self, request: Request, job_id: uuid.UUID) -> Response:
        job = selectors.job_get_for_owner(user=request_user(request), job_id=job_id)
        return Response(
            JobOwnerSerializer(services.job_publish(job=job, actor=request_user(request))).data
        )


class JobCloseView(APIView):
    permission_classes = (IsEmployer,)

    @extend_schema(
        tags=["jobs"],
        summary="Close my job",
        description=(
            "Hiring is over: the job leaves search, and every application still open"
            " (including an outstanding offer) is `rejected` with the note"
            ' "The employer closed this job.", and its candidate is told. Hires stay.'
            " An expired job can be closed too. Closing again changes nothing; a filled job"
            " cannot be closed (409)."
        ),
        request=None,
        responses=JOB_CHANGED,
    )
    def post(self, request: Request, job_id: uuid.UUID) -> Response:
        job = selectors.job_get_for_owner(user=request_user(request), job_id=job_id)
        return Response(
            JobOwnerSerializer(services.job_close(job=job, actor=request_user(request))).data
        )


class JobSaveView(APIView):
    permission_classes = (IsCandidate,)

    @extend_schema(
        tags=["jobs"], summary="Save a job", request=None, responses={201: SavedJobSerializer}
    )
    def post(self, request: Request, job_id: uuid.UUID) -> Response:
        job = selectors.job_get_visible(job_id=job_id)
        saved = services.job_save(
            candidate=candidate_profile_create(user=request_user(request)), job=job
        )
        return Response(SavedJobSerializer(saved).data, status=status.HTTP_201_CREATED)

    @extend_schema(tags=["jobs"], summary="Forget a saved job", responses={204: None})
    def delete(self, request: Request, job_id: uuid.UUID) -> Response:
        # Forgetting needs no lookup: it works for a job that left search, and tells nothing.
        services.job_unsave(
            candidate=candidate_profile_create(user=request_user(request)), job_id=job_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecommendedJobsView(APIView):
    permission_classes = (IsCandidate,)
    pagination_class = PageNumberPagination  # also documents the page (drf-spectacular)

    @extend_schema(
        tags=["jobs"],
        summary="Jobs for me",
        description=(
            "Published jobs within my `max_travel_km` paying at least my `min_hourly_wage`, ranked by "
            "3 points a matching skill, up to 2 for nearness and 1 for freshness, with the reasons."
        ),
        responses={200: RecommendedJobSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        candidate = candidate_profile_create(user=request_user(request))
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            job_recommendations(candidate=candidate), request, view=self
        )
        return paginator.get_paginated_response(RecommendedJobSerializer(page, many=True).data)


class SavedJobListView(ListAPIView):
    permission_classes = (IsCandidate,)
    serializer_class = SavedJobSerializer

    @extend_schema(tags=["candidates"], summary="My saved jobs")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.saved_jobs_of(
            candidate=candidate_profile_create(user=request_user(self.request))
        )


class EmployerJobListView(ListAPIView):
    permission_classes = (IsEmployer,)
    serializer_class = JobOwnerSerializer

    @extend_schema(tags=["employers"], summary="My jobs, in every status")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return selectors.jobs_of_employer(
            employer=employer_profile_create(user=request_user(self.request))
        )


class ModerationJobListView(ListAPIView):
    permission_classes = (IsModerator,)
    serializer_class = JobOwnerSerializer

    @extend_schema(
        tags=["moderation"],
        summary="The screening queue",
        parameters=[OpenApiParameter("status", str, enum=Job.Status.values)],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        status_filter = self.request.query_params.get("status") or None
        if status_filter is not None and status_filter not in Job.Status.values:
            raise field_error("status", f"Unknown status {status_filter!r}.", "invalid_choice")
        return selectors.jobs_for_moderation(status=status_filter)


MODERATION_REASON = (
    "The reason is kept in the audit trail (a rejection's is shown to the employer): one"
    " holding a BSN is 400 `contains_bsn`."
)


# A moderator's decision on a held job; each subclass names its service.
class _ModerationJobDecisionView(APIView):
    permission_classes = (IsModerator,)

    def decide(self, *, job: Job, moderator: User, reason: str) -> Job:
        raise NotFound()  # only the subclasses below are routed

    def post(self, request: Request, job_id: uuid.UUID) -> Response:
        body = ModerationReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        job = Job.objects.filter(pk=job_id).first()
        if job is None:
            raise NotFound()
        job = self.decide(
            job=job, moderator=request_user(request), reason=body.validated_data["reason"]
        )
        return Response(JobOwnerSerializer(job).data)


@extend_schema_view(
    post=extend_schema(
        tags=["moderation"],
        summary="Publish a held job",
        description=(
            "409 `invalid_transition` unless the job is waiting for review; 403 "
            "`employer_not_verified` when its employer is no longer approved; 400 "
            "`below_minimum_wage` when the minimum rose above its wage meanwhile; 400 `job_ended`"
            " when its last day has passed. " + MODERATION_REASON
        ),
        request=ModerationReasonSerializer,
        responses=JOB_CHANGED,
    )
)
class ModerationJobApproveView(_ModerationJobDecisionView):
    def decide(self, *, job: Job, moderator: User, reason: str) -> Job:
        return services.job_approve(job=job, moderator=moderator, reason=reason)


@extend_schema_view(
    post=extend_schema(
        tags=["moderation"],
        summary="Reject a held job (reason required)",
        description=MODERATION_REASON,
        request=ModerationReasonSerializer,
        responses=JOB_CHANGED,
    )
)
class ModerationJobRejectView(_ModerationJobDecisionView):
    def decide(self, *, job: Job, moderator: User, reason: str) -> Job:
        return services.job_reject(job=job, moderator=moderator, reason=reason)
