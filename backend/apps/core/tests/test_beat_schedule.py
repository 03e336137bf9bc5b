from django.conf import settings

from config.celery import app


def test_every_periodic_task_exists_and_the_safety_jobs_are_scheduled():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled <= set(app.tasks)
    assert {
        "apps.jobs.tasks.expire_jobs",
        "apps.jobs.tasks.title_words_refresh",
        "apps.jobs.tasks.category_wages_refresh",
        "apps.jobs.tasks.hold_jobs_below_minimum_wage",
        "apps.applications.tasks.scrub_application_personal_data",
        "apps.users.tasks.purge_expired_sign_in_codes",
        "apps.users.tasks.delete_unconfirmed_sign_ups",
    } <= scheduled
