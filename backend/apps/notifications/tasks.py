from celery import shared_task

from apps.users.tasks import RETRY_POLICY


@shared_task(**RETRY_POLICY)
def send_notification_email(*, notification_id: str) -> None:
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.utils.html import escape

    from apps.notifications.models import Notification

    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.notification_emails:
        return
    text = f"{notification.body}\n\n{settings.FRONTEND_URL}/notifications"
    message = EmailMultiAlternatives(
        subject=notification.title, body=text, to=[notification.user.email]
    )
    message.attach_alternative(
        f'<p style="font-family: sans-serif;">{escape(notification.body)}</p>'
        f'<p><a href="{settings.FRONTEND_URL}/notifications">Safe Job</a></p>',
        "text/html",
    )
    message.send()
