"""Employer profiles and their verification: every step locked, audited and, where it matters, emailed."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, ValidationError

from apps.core.exceptions import Conflict, field_error
from apps.core.geo import location_update
from apps.employers import tasks
from apps.employers.models import EmployerProfile
from apps.jobs import search_cache
from apps.safety.services import audit_event_record, changed_fields, moderator_not_involved
from apps.users.models import User

Status = EmployerProfile.VerificationStatus

# What a moderator checks; changing one of these after approval needs a new check.
IDENTITY_FIELDS = ("company_name", "kvk_number")
TRUST_EVIDENCE_FIELDS = (
    "is_staffing_agency",
    "sna_certified",
    "sna_certificate_number",
    "waadi_registered",
)
REQUIRED_FOR_VERIFICATION = ("company_name", "kvk_number", "address", "postal_code", "city")
AUDITED_FIELDS = (
    *IDENTITY_FIELDS,
    "website",
    "address",
    "postal_code",
    "city",
    *TRUST_EVIDENCE_FIELDS,
    "verification_status",
)


def _snapshot(employer: EmployerProfile) -> dict[str, Any]:
    return {name: getattr(employer, name) for name in AUDITED_FIELDS}


def _locked(employer: EmployerProfile) -> EmployerProfile:
    return EmployerProfile.objects.select_for_update().select_related("user").get(pk=employer.pk)


def _refresh_search_if_visibility_changed(before: str, after: str) -> None:
    """An employer entering or leaving `approved` takes its jobs into or out of search at once."""
    if (before == Status.APPROVED) != (after == Status.APPROVED):
        transaction.on_commit(search_cache.invalidate, robust=True)


def employer_profile_create(*, user: User) -> EmployerProfile:
    profile, _ = EmployerProfile.objects.get_or_create(user=user)
    return profile


def _kvk_in_use(*, employer: EmployerProfile, kvk_number: str) -> bool:
    return (
        EmployerProfile.objects.filter(kvk_number=kvk_number)
        .exclude(verification_status=Status.REJECTED)
        .exclude(pk=employer.pk)
        .exists()
    )


def _kvk_in_use_error() -> ValidationError:
    return field_error(
        "kvk_number",
        "This KvK number is already registered to another employer.",
        "kvk_in_use",
    )


def _save_claiming_kvk(employer: EmployerProfile, **save_options: Any) -> None:
    """Save a row that holds (or takes back) a KvK number: the unique index has the last word.

    The checks before a save read committed rows; another employer's claim of the
    same number that commits meanwhile reaches the index first.
    """
    try:
        with transaction.atomic():
            employer.save(**save_options)
    except IntegrityError as exc:
        raise _kvk_in_use_error() from exc


@transaction.atomic
def employer_profile_update(
    *, employer: EmployerProfile, actor: User, changes: dict[str, Any], ip: str | None = None
) -> EmployerProfile:
    """Change the profile. A new name or KvK number of a checked employer needs a new check."""
    employer = _locked(employer)
    before = _snapshot(employer)
    changes = dict(changes)
    identity_changing = any(
        name in changes and changes[name] != before[name] for name in IDENTITY_FIELDS
    )
    if employer.verification_status == Status.SUSPENDED and identity_changing:
        # Its name and KvK number stay with it: freed, they could come back under a new account.
        raise Conflict(
            code="invalid_transition",
            detail="A suspended employer cannot change its name or KvK number; contact trust and safety.",
        )
    if employer.verification_status in (Status.PENDING, Status.APPROVED) and not identity_changing:
        # What the moderator checks (or is about to) stays there; a new name or KvK
        # number starts over instead, and then anything may be emptied.
        emptied = [
            name
            for name in REQUIRED_FOR_VERIFICATION
            if name in changes and not changes[name] and before[name]
        ]
        if emptied:
            raise _profile_incomplete_error(
                emptied, detail="Keep this filled in while your verification stands or is asked."
            )
    new_kvk = changes.get("kvk_number")
    if (
        new_kvk
        and new_kvk != employer.kvk_number
        and _kvk_in_use(employer=employer, kvk_number=new_kvk)
    ):
        raise _kvk_in_use_error()
    location_update(employer, changes=changes)
    for name, value in changes.items():
        setattr(employer, name, value)

    identity_changed = any(before[name] != getattr(employer, name) for name in IDENTITY_FIELDS)
    reset = identity_changed and employer.verification_status in (Status.APPROVED, Status.PENDING)
    if reset:
        employer.verification_status = Status.UNVERIFIED
        employer.verified_at = None
        employer.verified_by = None
    if any(before[name] != getattr(employer, name) for name in TRUST_EVIDENCE_FIELDS):
        employer.trust_evidence_confirmed_at = None
        employer.trust_evidence_confirmed_by = None

    employer.full_clean(exclude=["user"], validate_constraints=False)
    _save_claiming_kvk(employer)

    _refresh_search_if_visibility_changed(
        before["verification_status"], employer.verification_status
    )
    old, new = changed_fields(before, _snapshot(employer))
    if old or new:
        audit_event_record(
            actor=actor,
            action="employer.verification_reset" if reset else "employer.profile_updated",
            target_type="employer",
            target_id=employer.pk,
            before=old,
            after=new,
            reason="Company name or KvK number changed after the check." if reset else "",
            ip=ip,
        )
    return employer


def _missing_for_verification(employer: EmployerProfile) -> list[str]:
    missing = [name for name in REQUIRED_FOR_VERIFICATION if not getattr(employer, name)]
    if employer.location is None and not missing:
        missing.append("latitude")
    return missing


def _profile_incomplete_error(names: list[str], *, detail: str) -> ValidationError:
    return ValidationError(
        {name: [ErrorDetail(detail, code="profile_incomplete")] for name in names}
    )


@transaction.atomic
def employer_verification_request(
    *, employer: EmployerProfile, actor: User, ip: str | None = None
) -> EmployerProfile:
    """unverified or rejected → pending, once the profile holds what a moderator checks."""
    employer = _locked(employer)
    if employer.verification_status in (Status.PENDING, Status.APPROVED):
        raise Conflict(
            code="verification_already_requested",
            detail="Verification was already requested for this employer.",
        )
    if employer.verification_status == Status.SUSPENDED:
        raise Conflict(
            code="invalid_transition",
            detail="A suspended employer cannot ask for verification; contact trust and safety.",
        )
    if employer.kvk_number and _kvk_in_use(employer=employer, kvk_number=employer.kvk_number):
        # Possible after a rejection: another employer took the number meanwhile.
        raise _kvk_in_use_error()
    missing = _missing_for_verification(employer)
    if missing:
        raise _profile_incomplete_error(
            missing, detail="Fill this in before asking for verification."
        )
    before = _snapshot(employer)
    employer.verification_status = Status.PENDING
    employer.verification_requested_at = timezone.now()
    employer.rejection_reason = ""
    _save_claiming_kvk(  # a rejected employer's number counts again from here
        employer,
        update_fields=[
            "verification_status",
            "verification_requested_at",
            "rejection_reason",
            "updated_at",
        ],
    )
    old, new = changed_fields(before, _snapshot(employer))
    audit_event_record(
        actor=actor,
        action="employer.verification_requested",
        target_type="employer",
        target_id=employer.pk,
        before=old,
        after=new,
        ip=ip,
    )
    return employer


def _moderate(
    *,
    employer: EmployerProfile,
    moderator: User,
    allowed_from: tuple[str, ...],
    to: str,
    action: str,
    reason: str,
    ip: str | None,
    **fields: Any,
) -> EmployerProfile:
    employer = _locked(employer)
    moderator_not_involved(moderator=moderator, owner_id=employer.user_id)
    if employer.verification_status not in allowed_from:
        raise Conflict(
            code="invalid_transition",
            detail=f"An employer that is {employer.verification_status} cannot become {to}.",
        )
    missing = _missing_for_verification(employer) if to == Status.APPROVED else []
    if missing:
        # The request and the edits keep a pending profile complete; this is for rows made otherwise.
        raise _profile_incomplete_error(
            missing, detail="The profile lacks this; the employer must fill it in first."
        )
    before = _snapshot(employer)
    employer.verification_status = to
    for name, value in fields.items():
        setattr(employer, name, value)
    employer.save(update_fields=["verification_status", *fields, "updated_at"])
    _refresh_search_if_visibility_changed(before["verification_status"], to)
    old, new = changed_fields(before, _snapshot(employer))
    audit_event_record(
        actor=moderator,
        action=action,
        target_type="employer",
        target_id=employer.pk,
        before=old,
        after=new,
        reason=reason,
        ip=ip,
    )
    transaction.on_commit(
        lambda: tasks.send_verification_decision_email.delay(
            employer_id=str(employer.pk), status=to, reason=reason
        ),
        robust=True,
    )
    return employer


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise field_error("reason", "Say why; the employer is told.", "required")
    return reason


@transaction.atomic
def employer_approve(
    *, employer: EmployerProfile, moderator: User, reason: str = "", ip: str | None = None
) -> EmployerProfile:
    now = timezone.now()
    return _moderate(
        employer=employer,
        moderator=moderator,
        allowed_from=(Status.PENDING,),
        to=Status.APPROVED,
        action="employer.approved",
        reason=reason.strip(),
        ip=ip,
        verified_at=now,
        verified_by=moderator,
        rejection_reason="",
    )


@transaction.atomic
def employer_reject(
    *, employer: EmployerProfile, moderator: User, reason: str, ip: str | None = None
) -> EmployerProfile:
    """pending → rejected; unverified → rejected frees a KvK number an account holds.

    An employer need not ask for a check to hold its number, so without the
    second a squatter (or a forgotten account) would keep a company off the
    platform for good.
    """
    reason = _required_reason(reason)
    return _moderate(
        employer=employer,
        moderator=moderator,
        allowed_from=(Status.PENDING, Status.UNVERIFIED),
        to=Status.REJECTED,
        action="employer.rejected",
        reason=reason,
        ip=ip,
        rejection_reason=reason,
    )


@transaction.atomic
def employer_suspend(
    *, employer: EmployerProfile, moderator: User, reason: str, ip: str | None = None
) -> EmployerProfile:
    """approved → suspended: the employer's jobs leave search at once (search reads the status)."""
    reason = _required_reason(reason)
    return _moderate(
        employer=employer,
        moderator=moderator,
        allowed_from=(Status.APPROVED,),
        to=Status.SUSPENDED,
        action="employer.suspended",
        reason=reason,
        ip=ip,
        suspended_at=timezone.now(),
        suspension_reason=reason,
    )


@transaction.atomic
def employer_trust_evidence_confirm(
    *, employer: EmployerProfile, moderator: User, ip: str | None = None
) -> EmployerProfile:
    """A moderator checked the SNA certificate and Waadi registration the employer stated."""
    employer = _locked(employer)
    moderator_not_involved(moderator=moderator, owner_id=employer.user_id)
    employer.trust_evidence_confirmed_at = timezone.now()
    employer.trust_evidence_confirmed_by = moderator
    employer.save(
        update_fields=["trust_evidence_confirmed_at", "trust_evidence_confirmed_by", "updated_at"]
    )
    audit_event_record(
        actor=moderator,
        action="employer.trust_evidence_confirmed",
        target_type="employer",
        target_id=employer.pk,
        after={name: getattr(employer, name) for name in TRUST_EVIDENCE_FIELDS},
        ip=ip,
    )
    return employer
