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


@shared_task
def hold_jobs_below_minimum_wage() -> int:
    """Beat runs this daily: a new minimum-wage rate takes jobs below it out of search."""
    from apps.jobs.services import jobs_hold_below_minimum_wage

    return jobs_hold_below_minimum_wage()


@shared_task
def category_wages_refresh() -> int:
    """Beat runs this hourly: the category medians that screening compares wages with."""
    from apps.jobs.services import category_wages_refresh as refresh

    return refresh()
