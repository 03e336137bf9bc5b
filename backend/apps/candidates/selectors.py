"""Who may see which candidate, and how much of them."""

import enum
import uuid

from rest_framework.exceptions import NotFound

from apps.applications.selectors import candidate_applied_to_employer
from apps.candidates.models import CandidateProfile
from apps.users.models import User


class CandidateAccess(enum.Enum):
    LIMITED = (
        "limited"  # first name, city, skills: a discoverable candidate seen by a verified employer
    )
    FULL = "full"  # the whole profile with contact details


def candidate_access_for(*, viewer: User, candidate: CandidateProfile) -> CandidateAccess | None:
    """The one place that decides what a viewer may see of a candidate (None: nothing).

    Moderators see everything. An employer sees in full, contact details
    included, a candidate who applied to one of its jobs; otherwise only a
    discoverable candidate, in part, and only once the employer is approved.
    A deactivated account is nobody's to find.
    """
    if viewer.is_moderator:
        return CandidateAccess.FULL
    if viewer.is_employer and candidate.user.is_active:
        employer = getattr(viewer, "employer_profile", None)
        if employer is None or not employer.is_verified:
            return None
        if candidate_applied_to_employer(candidate_id=candidate.pk, employer_id=employer.pk):
            return CandidateAccess.FULL
        if candidate.is_discoverable:
            return CandidateAccess.LIMITED
    return None


def candidate_get_for_viewer(
    *, viewer: User, candidate_id: uuid.UUID
) -> tuple[CandidateProfile, CandidateAccess]:
    """The same 404 for a candidate that does not exist and one the viewer may not see."""
    candidate = CandidateProfile.objects.select_related("user").filter(pk=candidate_id).first()
    access = candidate_access_for(viewer=viewer, candidate=candidate) if candidate else None
    if candidate is None or access is None:
        raise NotFound()
    return candidate, access
