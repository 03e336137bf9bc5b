"""What notifications say, in their reader's language.

A notification has one reader and is written once, in the language the reader
chose (`User.preferred_language`, Dutch or English; English when none is set,
as for the other emails): its title is also the email's subject. The texts of
both languages stand side by side here; the tests hold them to the same
placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from apps.users.emails import email_language
from apps.users.models import User

LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class Text:
    title: str
    body: str


# An application's status as the text names it.
STATUS: dict[str, dict[str, str]] = {
    "en": {
        "submitted": "submitted",
        "reviewing": "reviewing",
        "shortlisted": "shortlisted",
        "interview": "interview",
        "offered": "offered",
        "hired": "hired",
        "rejected": "rejected",
        "withdrawn": "withdrawn",
        "declined": "declined",
    },
    "nl": {
        "submitted": "ingediend",
        "reviewing": "in behandeling",
        "shortlisted": "op de shortlist",
        "interview": "uitgenodigd voor een gesprek",
        "offered": "aanbod gedaan",
        "hired": "aangenomen",
        "rejected": "afgewezen",
        "withdrawn": "ingetrokken",
        "declined": "aanbod afgeslagen",
    },
}

# Each message: (title, body), str.format placeholders in braces.
MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    # To the candidate: the employer moved their application.
    "application.status_changed": {
        "en": (
            "{job}: {status}",
            "Your application for “{job}” at {company} is now {status}.",
        ),
        "nl": (
            "{job}: {status}",
            "Je sollicitatie op “{job}” bij {company} is nu: {status}.",
        ),
    },
    # To the employer: a candidate applied.
    "application.submitted": {
        "en": ("New application for {job}", "{name} applied to “{job}”."),
        "nl": ("Nieuwe sollicitatie op {job}", "{name} heeft gesolliciteerd op “{job}”."),
    },
    # To the employer: the candidate withdrew, or answered the offer.
    "application.withdrawn": {
        "en": ("{job}: {status}", "{name} withdrew their application for “{job}”."),
        "nl": ("{job}: {status}", "{name} heeft de sollicitatie op “{job}” ingetrokken."),
    },
    "application.hired": {
        "en": ("{job}: {status}", "{name} accepted your offer for “{job}”."),
        "nl": ("{job}: {status}", "{name} heeft je aanbod voor “{job}” aangenomen."),
    },
    "application.declined": {
        "en": ("{job}: {status}", "{name} declined your offer for “{job}”."),
        "nl": ("{job}: {status}", "{name} heeft je aanbod voor “{job}” afgeslagen."),
    },
    "job.filled": {
        "en": (
            "{job} is filled",
            "Every position of “{job}” is filled ({positions}); the job left search.",
        ),
        "nl": (
            "{job} is vervuld",
            "Alle plaatsen van “{job}” zijn vervuld ({positions}); de vacature staat niet"
            " meer in de zoekresultaten.",
        ),
    },
    "job.held_for_review": {
        "en": (
            "{job}: the wage is below the new minimum",
            "The statutory minimum wage for this job's workers on {starts_on} is now"
            " €{minimum} an hour. Your job left search; raise its wage and a moderator will"
            " publish it again.",
        ),
        "nl": (
            "{job}: het loon is lager dan het nieuwe minimumloon",
            "Op {starts_on} is het wettelijk minimumloon voor deze vacature €{minimum} per"
            " uur. Je vacature staat niet meer in de zoekresultaten; verhoog het loon, dan"
            " publiceert een moderator de vacature opnieuw.",
        ),
    },
}

# Sentences added to a body.
EXTRAS: dict[str, dict[str, str]] = {
    "offer": {"en": " The offer: €{wage} an hour.", "nl": " Het aanbod: €{wage} per uur."},
    "note": {"en": " Note: {note}", "nl": " Toelichting: {note}"},
    # An offer accepted after the minimum rose above it (apps/applications/services.py).
    "raised_to_minimum": {
        "en": "The offer of €{offered} an hour is below the statutory minimum wage for this"
        " candidate (aged {age} on {day}), €{minimum}; the hire is at €{minimum}.",
        "nl": "Het aanbod van €{offered} per uur is lager dan het wettelijk minimumloon voor"
        " deze kandidaat ({age} jaar op {day}), €{minimum}; de aanname is tegen €{minimum}.",
    },
}

# What a candidate is told when the platform ended the application, by the note the
# history keeps (apps/applications/services.py): the history is one record for both
# sides, the notification is the reader's.
SYSTEM_NOTES: dict[str, dict[str, str]] = {
    "All positions of this job have been filled.": {
        "nl": "Alle plaatsen van deze vacature zijn vervuld.",
    },
    "The employer closed this job.": {"nl": "De werkgever heeft deze vacature gesloten."},
    "The platform's moderators took this job down.": {
        "nl": "De moderators van het platform hebben deze vacature offline gehaald.",
    },
    "Hiring for this job has ended without a decision on this application.": {
        "nl": "Het werven voor deze vacature is gestopt zonder besluit over deze sollicitatie.",
    },
    "This job's publication ended while it waited for the platform's review.": {
        "nl": "De publicatie van deze vacature is afgelopen terwijl ze wachtte op controle.",
    },
}

# A candidate without a name (none is required).
ANYONE = {"en": "A candidate", "nl": "Een kandidaat"}


def money(amount: Decimal, language: str) -> str:
    """Euros and cents as the language writes them: 14.71, 14,71."""
    text = f"{amount:.2f}"
    return text.replace(".", ",") if language == "nl" else text


@dataclass(frozen=True)
class RaisedToMinimum:
    """An offer the statutory minimum had risen above by the time it was accepted."""

    offered: Decimal
    minimum: Decimal
    age: int
    day: date

    def note(self, language: str) -> str:
        return EXTRAS["raised_to_minimum"][language].format(
            offered=money(self.offered, language),
            minimum=money(self.minimum, language),
            age=self.age,
            day=f"{self.day:%d-%m-%Y}",
        )


def language_of(user: User) -> str:
    return email_language(user.preferred_language)


def status(value: str, language: str) -> str:
    return STATUS[language].get(value, value)


def text(
    kind: str,
    language: str,
    *,
    offer: Decimal | None = None,
    note: str = "",
    **values: object,
) -> Text:
    """The message of `kind` in `language`, with an offer's wage and a note appended.

    Amounts (Decimal values) are written as the language writes them.
    """
    title, body = MESSAGES[kind][language]
    values = {k: money(v, language) if isinstance(v, Decimal) else v for k, v in values.items()}
    rendered = body.format(**values)
    if offer is not None:
        rendered += EXTRAS["offer"][language].format(wage=money(offer, language))
    if note:
        note = SYSTEM_NOTES.get(note, {}).get(language, note)
        rendered += EXTRAS["note"][language].format(note=note)
    return Text(title=title.format(**values), body=rendered)
