from celery import shared_task


@shared_task
def expire_jobs() -> int:
    """Beat runs this; search hides expired jobs already, this makes their status say so."""
    from apps.jobs.services import jobs_expire

    return jobs_expire()
