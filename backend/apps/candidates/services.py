"""Business actions on candidate profiles."""

import re
import unicodedata
from typing import Any

from django.db import transaction

from apps.candidates.models import CandidateProfile
from apps.core.geo import location_update
from apps.users.models import User

_SPACES = re.compile(r"\s+")


def skills_normalize(skills: list[str]) -> list[str]:
    """Lower-case, single-spaced, without duplicates, in the order given.

    In Unicode's compatibility form (NFKC), so that one skill typed on another
    keyboard (a decomposed é, fullwidth letters) is the same skill, found alike.
    """
    seen: dict[str, None] = {}
    for skill in skills:
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", skill).lower())
        cleaned = _SPACES.sub(" ", folded).strip()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


def candidate_profile_create(*, user: User) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def candidate_profile_update(
    *, profile: CandidateProfile, changes: dict[str, Any]
) -> CandidateProfile:
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    changes = dict(changes)
    location_update(profile, changes=changes)
    if "skills" in changes:
        changes["skills"] = skills_normalize(changes["skills"])
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile
