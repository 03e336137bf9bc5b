"""Demo data for local development; safe to run again (it changes nothing the second time)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.users.models import User

DEMO_DOMAIN = "demo.safejob.test"

DEMO_USERS = [
    ("moderator", User.UserType.ADMIN),
    ("sanne", User.UserType.CANDIDATE),
    ("mohammed", User.UserType.CANDIDATE),
    ("kasia", User.UserType.CANDIDATE),
    ("bakkerij-de-vries", User.UserType.EMPLOYER),
    ("flexwerk-utrecht", User.UserType.EMPLOYER),
]


class Command(BaseCommand):
    help = "Load demo accounts (and later demo jobs) for local development."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        created = 0
        for name, user_type in DEMO_USERS:
            email = f"{name}@{DEMO_DOMAIN}"
            if User.objects.filter(email=email).exists():
                continue
            User.objects.create_user(
                email,
                user_type=user_type,
                email_verified=True,
                is_staff=user_type == User.UserType.ADMIN,
            )
            created += 1
        self.stdout.write(
            f"demo data: {created} accounts created, {len(DEMO_USERS) - created} already there"
        )
