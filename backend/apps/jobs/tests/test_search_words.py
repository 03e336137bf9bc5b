"""Typo tolerance: the vocabulary of published titles' words, and the search's words."""

import pytest
from django.core.cache import caches

from apps.jobs.models import Job, TitleWord
from apps.jobs.search.sql import Words, words
from apps.jobs.services import title_words_refresh
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"


def vocabulary() -> set[str]:
    return set(TitleWord.objects.values_list("word", flat=True))


def titles(response) -> list[str]:
    assert response.status_code == 200
    return sorted(job["title"] for job in response.json()["results"])


def test_a_published_job_s_title_words_join_the_vocabulary_in_its_transaction():
    JobFactory(title="Heftruck-chauffeur op de Nachtdienst")

    assert vocabulary() == {"heftruck-chauffeur", "heftruck", "chauffeur", "nachtdienst"}


def test_drafts_add_no_words_until_they_are_published():
    job = JobFactory(title="Afwasser", status=Job.Status.DRAFT)
    assert vocabulary() == set()

    Job.objects.filter(pk=job.pk).update(title="Kok restaurant")
    assert vocabulary() == set()

    Job.objects.filter(pk=job.pk).update(status=Job.Status.PUBLISHED)
    assert vocabulary() == {"kok", "restaurant"}


def test_a_published_job_retitled_adds_its_new_words():
    job = JobFactory(title="Afwasser")

    Job.objects.filter(pk=job.pk).update(title="Kok restaurant")

    assert vocabulary() == {"afwasser", "kok", "restaurant"}


def test_the_refresh_keeps_the_words_of_published_jobs_only():
    closed = JobFactory(title="Afwasser keuken")
    JobFactory(title="Kok keuken")
    Job.objects.filter(pk=closed.pk).update(status=Job.Status.CLOSED)
    TitleWord.objects.filter(word="kok").delete()

    assert title_words_refresh() == (1, 1)
    assert vocabulary() == {"kok", "keuken"}
    assert title_words_refresh() == (0, 0)


def test_a_typo_in_a_word_finds_the_title_words_like_it():
    JobFactory(title="Magazijnmedewerker")
    JobFactory(title="Schoonmaker kantoren")

    found = words("magazjnmedewerker")

    alike = "'magazijnmedewerk' | 'magazijnmedewerker'"
    assert found == Words(
        exact="('magazjnmedewerker') | ('magazjnmedewerk')",
        alike=(("'magazjnmedewerk'", alike), ("'magazjnmedewerker'", alike)),
        categories=(),
    )
    assert found.tsq == (
        "(('magazjnmedewerker' | 'magazijnmedewerk':A | 'magazijnmedewerker':A))"
        " | (('magazjnmedewerk' | 'magazijnmedewerk':A | 'magazijnmedewerker':A))"
    )
    assert found.tsq_title_category == (
        "(('magazjnmedewerker':AB | 'magazijnmedewerk':A | 'magazijnmedewerker':A))"
        " | (('magazjnmedewerk':AB | 'magazijnmedewerk':A | 'magazijnmedewerker':A))"
    )


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("schoonmkaer", "Schoonmaker"),
        ("magazjin", "Magazijn"),
        ("warehuose", "Warehouse"),
        ("orderpikcer", "Orderpicker"),
    ],
)
def test_two_letters_swapped_find_the_title(api_client, typed, title):
    job = JobFactory(title=f"{title} gezocht")
    JobFactory(title="Kok")

    response = api_client.get("/api/v1/jobs/", {"q": typed})

    assert [row["id"] for row in response.json()["results"]] == [str(job.pk)]


def test_words_kept_per_process_carry_their_tsqueries(settings):
    settings.SEARCH_WORDS_SECONDS = 60
    caches["local"].clear()
    JobFactory(title="Magazijnmedewerker")

    words("magazjnmedewerker")
    kept = words("magazjnmedewerker")

    assert "forms" in vars(kept)
    assert set(kept.forms) == {"tsq", "tsq_plain", "tsq_title", "tsq_title_category"}
    caches["local"].clear()


def test_words_without_title_words_like_them_are_asked_for_as_written():
    JobFactory(title="Kok")

    assert words("zwembad").alike == ()
    assert words("zwembad").tsq == "'zwembad'"


def test_a_word_whose_only_title_word_like_it_is_itself_is_asked_for_as_written():
    JobFactory(title="Imker")
    JobFactory(title="Kassamedewerker")

    assert words("imker").alike == ()
    assert words("imker").tsq == "'imker'"
    assert (
        words("imker kassa").tsq == "'imker' & ('kassa' | 'kassamedewerk':A | 'kassamedewerker':A)"
    )


def test_several_typos_find_the_title_with_both_words(api_client):
    JobFactory(title="Heftruck chauffeur")
    JobFactory(title="Heftruck monteur")
    JobFactory(title="Chauffeur bezorging")

    response = api_client.get(URL, {"q": "heftruk chaufeur"})

    assert titles(response) == ["Heftruck chauffeur"]


def test_a_typo_with_other_words_as_written_anywhere(api_client):
    JobFactory(title="Heftruckchauffeur", description="Werken met ervaring in de nachtdienst.")
    JobFactory(title="Heftruckchauffeur", description="Dagdienst, geen ervaring nodig.")
    JobFactory(title="Kok", description="Nachtdienst in de keuken.")

    response = api_client.get(URL, {"q": "heftruckchaufeur voor de nachtdienst"})

    assert titles(response) == ["Heftruckchauffeur"]
    assert "nachtdienst" in response.json()["results"][0]["description"]


@pytest.mark.parametrize(
    "q",
    [
        "magazjnmedewerker -nachtdienst",
        "magazjnmedewerker - nachtdienst",
        "magazjnmedewerker (-nachtdienst)",
        "-nachtdienst magazjnmedewerker",
    ],
)
def test_excluded_words_stay_excluded_with_a_typo(api_client, q):
    JobFactory(title="Magazijnmedewerker nachtdienst")
    JobFactory(title="Magazijnmedewerker dagdienst")
    JobFactory(title="Nachtdienst", description="Geen magazijnmedewerker.")

    assert titles(api_client.get(URL, {"q": q})) == ["Magazijnmedewerker dagdienst"]


def test_an_excluded_phrase_stays_excluded_with_a_typo(api_client):
    JobFactory(title="Magazijnmedewerker nachtdienst")
    JobFactory(title="Magazijnmedewerker dagdienst")
    JobFactory(title="Magazijnmedewerker avond", description="Geen nacht dienst.")

    response = api_client.get(URL, {"q": 'magazjnmedewerker -"nacht dienst"'})

    assert titles(response) == ["Magazijnmedewerker dagdienst", "Magazijnmedewerker nachtdienst"]


def test_or_and_phrases_keep_their_meaning_with_typos(api_client):
    JobFactory(title="Kassamedewerker weekend")
    JobFactory(title="Afwasser")
    JobFactory(title="Kassamedewerker", description="Ook in het weekend.")
    JobFactory(title="Kok")

    either = api_client.get(URL, {"q": "kasamedewerker or afwaser"})
    phrase = api_client.get(URL, {"q": '"kasamedewerker weekend"'})

    assert titles(either) == ["Afwasser", "Kassamedewerker", "Kassamedewerker weekend"]
    assert titles(phrase) == ["Kassamedewerker weekend"]


def test_a_title_word_like_the_word_ranks_above_the_word_in_a_description(api_client):
    alike_in_title = JobFactory(title="Heftruckchauffeur", description="Rijden.")
    newer_in_description = JobFactory(title="Productiemedewerker", description="Soms heftruck.")

    response = api_client.get(URL, {"q": "heftruck", "ordering": "relevance"})

    assert [job["id"] for job in response.json()["results"]] == [
        str(alike_in_title.pk),
        str(newer_in_description.pk),
    ]


def test_a_word_like_the_search_counts_in_titles_only(api_client):
    JobFactory(title="Magazijnmedewerker", description="Inpakken en verzenden.")
    JobFactory(title="Kok", description="Geen magazijnmedewerker maar een kok.")

    response = api_client.get(URL, {"q": "magazjnmedewerker"})

    assert titles(response) == ["Magazijnmedewerker"]


def test_title_words_with_a_quote_in_their_lexemes_are_quoted(api_client):
    JobFactory(title="Schoonmaker")
    JobFactory(title="Schoonmaker.nl/a'b")

    assert "'schoonmaker.nl/a''b'" in dict(words("schoonmakr").alike)["'schoonmakr'"]
    assert titles(api_client.get(URL, {"q": "schoonmakr"})) == [
        "Schoonmaker",
        "Schoonmaker.nl/a'b",
    ]


@pytest.mark.parametrize(
    ("q", "once"),
    [
        ("medewerker " * 8, "medewerker"),
        ('"orderpicker magazijn" "orderpicker magazijn" -kok -kok', '"orderpicker magazijn" -kok'),
        ("kok kok or kok", "kok"),
    ],
)
def test_a_word_written_again_is_asked_for_once(q, once):
    # The planner multiplies each word's share: repeated, a common word looked rare.
    assert words(q).exact == words(once).exact
