"""Typo tolerance: the vocabulary of title words the database keeps, and the search's words."""

import pytest

from apps.jobs.models import Job, TitleWord
from apps.jobs.search.sql import words
from apps.jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"


def vocabulary() -> set[str]:
    return set(TitleWord.objects.values_list("word", flat=True))


def titles(response) -> list[str]:
    assert response.status_code == 200
    return sorted(job["title"] for job in response.json()["results"])


def test_a_new_job_s_title_words_join_the_vocabulary_in_its_transaction():
    JobFactory(title="Heftruck-chauffeur op de Nachtdienst")

    assert vocabulary() == {"heftruck-chauffeur", "heftruck", "chauffeur", "nachtdienst"}


def test_a_retitled_job_adds_its_new_words_and_no_word_is_removed():
    job = JobFactory(title="Afwasser")

    Job.objects.filter(pk=job.pk).update(title="Kok restaurant")
    job.refresh_from_db()
    job.description = "Nu met andere tekst"
    job.save()

    assert vocabulary() == {"afwasser", "kok", "restaurant"}


def test_a_typo_in_a_word_finds_the_title_words_like_it():
    JobFactory(title="Magazijnmedewerker")
    JobFactory(title="Schoonmaker kantoren")

    found = words("magazjnmedewerker")

    assert found.similar == "'magazijnmedewerk' | 'magazijnmedewerker'"
    assert found.tsq == (
        "(('magazjnmedewerker') | ('magazjnmedewerk'))"
        " | ('magazijnmedewerk':A | 'magazijnmedewerker':A)"
    )


def test_every_word_needs_a_title_word_like_it():
    JobFactory(title="Heftruck chauffeur")

    assert words("heftruk chaufeur").similar == "'chauffeur' & 'heftruck'"
    assert words("heftruk zwembad").similar == ""


def test_negated_words_are_not_expanded():
    JobFactory(title="Heftruck chauffeur nachtdienst")

    assert words("heftruk -nachtdienst").similar == "'heftruck'"


def test_several_typos_find_the_title_with_both_words(api_client):
    JobFactory(title="Heftruck chauffeur")
    JobFactory(title="Heftruck monteur")
    JobFactory(title="Chauffeur bezorging")

    response = api_client.get(URL, {"q": "heftruk chaufeur"})

    assert titles(response) == ["Heftruck chauffeur"]


def test_a_word_like_the_search_counts_in_titles_only(api_client):
    JobFactory(title="Magazijnmedewerker", description="Inpakken en verzenden.")
    JobFactory(title="Kok", description="Geen magazijnmedewerker maar een kok.")

    response = api_client.get(URL, {"q": "magazjnmedewerker"})

    assert titles(response) == ["Magazijnmedewerker"]


def test_vocabulary_words_with_quotes_and_backslashes_are_quoted(api_client):
    JobFactory(title="Schoonmaker")
    TitleWord.objects.bulk_create([TitleWord(word="schoonmaker'"), TitleWord(word="schoonmaker\\")])

    response = api_client.get(URL, {"q": "schoonmakr"})

    assert titles(response) == ["Schoonmaker"]
