"""Every notification text exists in both languages, with the same values in it."""

import string
from datetime import date
from decimal import Decimal

import pytest

from apps.applications import services as applications
from apps.applications.models import Application
from apps.notifications import texts


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("kind", sorted(texts.MESSAGES))
def test_a_message_says_the_same_things_in_both_languages(kind):
    by_language = texts.MESSAGES[kind]

    assert set(by_language) == set(texts.LANGUAGES)
    english_title, english_body = by_language["en"]
    for title, body in by_language.values():
        assert placeholders(title) == placeholders(english_title)
        assert placeholders(body) == placeholders(english_body)
        assert title.strip()
        assert body.strip()


def test_every_status_and_extra_has_both_languages():
    for language in texts.LANGUAGES:
        assert set(texts.STATUS[language]) == set(Application.Status.values)
        assert all(extra[language] for extra in texts.EXTRAS.values())
        for extra in texts.EXTRAS.values():
            assert placeholders(extra[language]) == placeholders(extra["en"])
        assert texts.ANYONE[language]


def test_every_note_the_platform_writes_has_its_dutch():
    notes = [
        applications.FILLED_NOTE,
        applications.CLOSED_NOTE,
        applications.REJECTED_JOB_NOTE,
        applications.ABANDONED_NOTE,
        applications.EXPIRED_HELD_NOTE,
    ]

    assert sorted(texts.SYSTEM_NOTES) == sorted(notes)
    assert all(texts.SYSTEM_NOTES[note]["nl"] for note in notes)


@pytest.mark.parametrize(
    ("note", "language", "said"),
    [
        (
            applications.CLOSED_NOTE,
            "nl",
            " Toelichting: De werkgever heeft deze vacature gesloten.",
        ),
        (applications.CLOSED_NOTE, "en", f" Note: {applications.CLOSED_NOTE}"),
        ("Tot maandag!", "en", " Note: Tot maandag!"),  # a person's note stays as written
        ("See you {Monday}", "nl", " Toelichting: See you {Monday}"),
    ],
)
def test_a_note_is_the_readers_when_the_platform_wrote_it(note, language, said):
    told = texts.text("job.filled", language, job="Kok", positions=1, note=note)

    assert told.body.endswith(said)


def test_braces_in_a_title_are_kept_as_written():
    told = texts.text("job.filled", "en", job="Kok {nacht}", positions=2)

    assert told == texts.Text(
        title="Kok {nacht} is filled",
        body="Every position of “Kok {nacht}” is filled (2); the job left search.",
    )


VALUES = {
    "job": "Kok",
    "company": "Hotel Zee",
    "name": "Anna",
    "status": "S",
    "positions": 2,
    "starts_on": "01-02-2027",
    "minimum": Decimal("15"),
}

# Every message of each language, rendered whole: a changed word fails here.
RENDERED = {
    ("application.status_changed", "en"): (
        "Kok: S",
        "Your application for “Kok” at Hotel Zee is now S.",
    ),
    ("application.status_changed", "nl"): (
        "Kok: S",
        "Je sollicitatie op “Kok” bij Hotel Zee is nu: S.",
    ),
    ("application.submitted", "en"): ("New application for Kok", "Anna applied to “Kok”."),
    ("application.submitted", "nl"): (
        "Nieuwe sollicitatie op Kok",
        "Anna heeft gesolliciteerd op “Kok”.",
    ),
    ("application.withdrawn", "en"): ("Kok: S", "Anna withdrew their application for “Kok”."),
    ("application.withdrawn", "nl"): ("Kok: S", "Anna heeft de sollicitatie op “Kok” ingetrokken."),
    ("application.hired", "en"): ("Kok: S", "Anna accepted your offer for “Kok”."),
    ("application.hired", "nl"): ("Kok: S", "Anna heeft je aanbod voor “Kok” aangenomen."),
    ("application.declined", "en"): ("Kok: S", "Anna declined your offer for “Kok”."),
    ("application.declined", "nl"): ("Kok: S", "Anna heeft je aanbod voor “Kok” afgeslagen."),
    ("job.filled", "en"): (
        "Kok is filled",
        "Every position of “Kok” is filled (2); the job left search.",
    ),
    ("job.filled", "nl"): (
        "Kok is vervuld",
        "Alle plaatsen van “Kok” zijn vervuld (2); de vacature staat niet meer in de"
        " zoekresultaten.",
    ),
    ("job.held_for_review", "en"): (
        "Kok: the wage is below the new minimum",
        "The statutory minimum wage for this job's workers on 01-02-2027 is now €15.00 an"
        " hour. Your job left search; raise its wage and a moderator will publish it again.",
    ),
    ("job.held_for_review", "nl"): (
        "Kok: het loon is lager dan het nieuwe minimumloon",
        "Op 01-02-2027 is het wettelijk minimumloon voor deze vacature €15,00 per uur. Je"
        " vacature staat niet meer in de zoekresultaten; verhoog het loon, dan publiceert een"
        " moderator de vacature opnieuw.",
    ),
}


def test_every_message_is_pinned():
    assert set(RENDERED) == {(kind, lang) for kind in texts.MESSAGES for lang in texts.LANGUAGES}


@pytest.mark.parametrize(("kind", "language"), sorted(RENDERED))
def test_each_message_reads_as_written(kind, language):
    told = texts.text(kind, language, **VALUES)

    assert (told.title, told.body) == RENDERED[(kind, language)]


def test_statuses_notes_and_extras_read_as_written():
    assert texts.STATUS["nl"] == {
        "submitted": "ingediend",
        "reviewing": "in behandeling",
        "shortlisted": "op de shortlist",
        "interview": "uitgenodigd voor een gesprek",
        "offered": "aanbod gedaan",
        "hired": "aangenomen",
        "rejected": "afgewezen",
        "withdrawn": "ingetrokken",
        "declined": "aanbod afgeslagen",
    }
    assert texts.STATUS["en"] == {value: value for value in Application.Status.values}
    assert {note: said["nl"] for note, said in texts.SYSTEM_NOTES.items()} == {
        applications.FILLED_NOTE: "Alle plaatsen van deze vacature zijn vervuld.",
        applications.CLOSED_NOTE: "De werkgever heeft deze vacature gesloten.",
        applications.REJECTED_JOB_NOTE: (
            "De moderators van het platform hebben deze vacature offline gehaald."
        ),
        applications.ABANDONED_NOTE: (
            "Het werven voor deze vacature is gestopt zonder besluit over deze sollicitatie."
        ),
        applications.EXPIRED_HELD_NOTE: (
            "De publicatie van deze vacature is afgelopen terwijl ze wachtte op controle."
        ),
    }
    assert texts.ANYONE == {"en": "A candidate", "nl": "Een kandidaat"}
    offered = {
        lang: texts.text("job.filled", lang, job="K", positions=1, offer=Decimal("16.5")).body
        for lang in texts.LANGUAGES
    }
    assert offered["en"].endswith(" The offer: €16.50 an hour.")
    assert offered["nl"].endswith(" Het aanbod: €16,50 per uur.")
    raised = texts.RaisedToMinimum(
        offered=Decimal("11.77"), minimum=Decimal("14.71"), age=21, day=date(2026, 3, 10)
    )
    assert raised.note("en") == (
        "The offer of €11.77 an hour is below the statutory minimum wage for this candidate"
        " (aged 21 on 10-03-2026), €14.71; the hire is at €14.71."
    )
    assert raised.note("nl") == (
        "Het aanbod van €11,77 per uur is lager dan het wettelijk minimumloon voor deze"
        " kandidaat (21 jaar op 10-03-2026), €14,71; de aanname is tegen €14,71."
    )
