import pytest
from django.core.management import CommandError, call_command

from apps.applications.tests.factories import ApplicationFactory
from apps.candidates.tests.factories import CandidateProfileFactory
from apps.employers.tests.factories import EmployerProfileFactory
from apps.jobs.tests.factories import JobFactory
from apps.safety.tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db

# 111222333 passes the 11-proef. Factories save without the services' validation,
# as text stored before the check recognised its way of writing did.
NBSP_BSN = "Mijn BSN: 111\u00a0222\u00a0333"
FULLWIDTH_BSN = "bsn \uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13"


def run(capsys, *args):
    try:
        call_command("find_bsn_text", *args)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.strip()


def test_lists_each_record_holding_a_bsn_without_its_text(capsys):
    job = JobFactory(description=f"Orderpicker gezocht. {NBSP_BSN}")
    JobFactory(description="Orderpicker gezocht, start 7.45-14.00, €14,71 per uur.")
    candidate = CandidateProfileFactory(bio=FULLWIDTH_BSN)
    CandidateProfileFactory(bio="")
    employer = EmployerProfileFactory(description="KvK 12345678, bel 020-1234567")
    application = ApplicationFactory(cover_letter="111-222-333")
    event = AuditEventFactory(reason=NBSP_BSN)

    status, lines, summary = run(capsys)

    assert status == 1
    assert sorted(lines) == sorted(
        [
            f"applications.Application\t{application.pk}\tcover_letter",
            f"candidates.CandidateProfile\t{candidate.pk}\tbio",
            f"jobs.Job\t{job.pk}\tdescription",
            f"safety.AuditEvent\t{event.pk}\treason",
        ]
    )
    assert str(employer.pk) not in "\n".join(lines)
    assert "111" not in "\n".join(lines) + summary
    assert summary == "4 record(s) hold a BSN."


def test_nothing_found_exits_zero(capsys):
    JobFactory(description="Magazijnmedewerker, salaris 1.415,19 - 3.217,27 per maand.")

    status, lines, summary = run(capsys)

    assert (status, lines, summary) == (0, [], "0 record(s) hold a BSN.")


def test_only_the_models_asked_for(capsys):
    JobFactory(description=NBSP_BSN)
    candidate = CandidateProfileFactory(bio=NBSP_BSN)

    status, lines, _ = run(capsys, "--model", "Candidates.CandidateProfile")

    assert status == 1
    assert lines == [f"candidates.CandidateProfile\t{candidate.pk}\tbio"]


def test_a_model_without_checked_text_is_refused(capsys):
    with pytest.raises(CommandError, match=r"No BSN-checked text in users\.user"):
        call_command("find_bsn_text", "--model", "users.User")
