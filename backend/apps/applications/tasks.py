from celery import shared_task


@shared_task
def scrub_application_personal_data() -> int:
    from apps.applications.services import applications_scrub_personal_data

    return applications_scrub_personal_data()
