"""Every notification text exists in both languages, with the same values in it."""

import string

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
