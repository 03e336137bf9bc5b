"""Make a trust-and-safety moderator, or promote an existing account to one."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from apps.users.models import User
from apps.users.services import moderators_group


class Command(BaseCommand):
    help = (
        "Create a moderator (user type admin, Django staff, in the Moderators group) who "
        "signs in to the API with a magic link. For the Django admin, give them a password "
        "with `changepassword EMAIL`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    @transaction.atomic
    def handle(self, *args: Any, email: str, **options: Any) -> None:
        email = User.objects.normalize_email(email)
        user = User.objects.select_for_update().filter(email=email).first()
        try:
            if user is None:
                user = User.objects.create_user(
                    email, user_type=User.UserType.ADMIN, is_staff=True, email_verified=True
                )
                user.groups.add(moderators_group())
                self.stdout.write(f"Created moderator {email}.")
                return
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        user.user_type = User.UserType.ADMIN
        user.is_staff = True
        user.save(update_fields=["user_type", "is_staff", "updated_at"])
        user.groups.add(moderators_group())
        self.stdout.write(f"{email} is now a moderator.")
