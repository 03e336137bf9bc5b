from celery import shared_task


@shared_task
def expire_jobs() -> int:
    """Beat runs this; search hides expired jobs already, this makes their status say so."""
    from apps.jobs.services import jobs_expire

    return jobs_expire()


@shared_task
def title_words_refresh() -> tuple[int, int]:
    """Beat runs this daily: the typo vocabulary loses the words of jobs gone from search."""
    from apps.jobs.services import title_words_refresh as refresh

    return refresh()
