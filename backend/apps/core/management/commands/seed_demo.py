"""Demo data for local development; safe to run again (it changes nothing the second time)."""

import random
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from apps.applications.demo import seed_applications
from apps.candidates.models import CandidateProfile
from apps.core.geo import point
from apps.core.geocoding import geocode
from apps.employers.models import EmployerProfile
from apps.jobs.demo import seed_jobs
from apps.users.models import User
from apps.users.services import moderators_group

DEMO_DOMAIN = "demo.safejob.test"
JOBS = 300

# name, first, last, city, skills, max km, min wage, born, discoverable
CANDIDATES = [
    (
        "sanne",
        "Sanne",
        "de Boer",
        "Utrecht",
        ["horeca", "bediening", "kassa"],
        15,
        "14.71",
        date(2003, 4, 12),
        True,
    ),
    (
        "mohammed",
        "Mohammed",
        "El Amrani",
        "Rotterdam",
        ["heftruck", "orderpicking", "reachtruck"],
        30,
        "15.50",
        date(1995, 9, 3),
        True,
    ),
    (
        "kasia",
        "Kasia",
        "Nowak",
        "Venlo",
        ["orderpicking", "inpakken", "productie"],
        40,
        "14.71",
        date(1990, 1, 27),
        False,
    ),
    (
        "daan",
        "Daan",
        "Jansen",
        "Groningen",
        ["bezorging", "rijbewijs b"],
        20,
        "14.71",
        date(2006, 7, 30),
        True,
    ),
    (
        "fleur",
        "Fleur",
        "Visser",
        "Eindhoven",
        ["schoonmaak", "zorg"],
        10,
        "15.00",
        date(2000, 11, 2),
        False,
    ),
    (
        "andrei",
        "Andrei",
        "Popescu",
        "Tilburg",
        ["bouw", "steigerbouw", "vca"],
        50,
        "17.00",
        date(1988, 3, 19),
        True,
    ),
]

# name, company, kvk, city, address, postal code, status, agency, description
EMPLOYERS = [
    (
        "bakkerij-de-vries",
        "Bakkerij de Vries B.V.",
        "30112233",
        "Utrecht",
        "Oudegracht 112",
        "3511 AX",
        "approved",
        False,
        "Ambachtelijke bakkerij met drie winkels; we zoeken vroege vogels voor de bakkerij en de winkel.",
    ),
    (
        "flexwerk-utrecht",
        "Flexwerk Utrecht B.V.",
        "30445566",
        "Utrecht",
        "Vredenburg 40",
        "3511 BD",
        "approved",
        True,
        "Uitzendbureau voor logistiek en productie in de regio Utrecht. NEN 4400-1 gecertificeerd.",
    ),
    (
        "logistiek-venlo",
        "Logistiek Centrum Venlo B.V.",
        "12345670",
        "Venlo",
        "Celsiusweg 5",
        "5928 PR",
        "approved",
        False,
        "Distributiecentrum met ploegendiensten, 24/7.",
    ),
    (
        "schoonmaak-oost",
        "Schoonmaakbedrijf Oost",
        "08123456",
        "Enschede",
        "Hengelosestraat 8",
        "7514 AE",
        "pending",
        False,
        "Schoonmaak van kantoren en scholen in Twente.",
    ),
    (
        "snel-geld-uitzend",
        "Snel Geld Uitzend",
        "99887766",
        "Rotterdam",
        "Weena 1",
        "3013 AL",
        "rejected",
        True,
        "Direct aan de slag! Registratiekosten worden ingehouden op je eerste loon.",
    ),
]


class Command(BaseCommand):
    help = "Load demo accounts, profiles and (as the platform grows) jobs for local development."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        created = 0
        moderator, made = self._user("moderator", User.UserType.ADMIN, is_staff=True)
        created += made
        moderator.groups.add(moderators_group())  # the admin's queue and audit trail
        for name, first, last, city, skills, km, wage, born, discoverable in CANDIDATES:
            user, made = self._user(name, User.UserType.CANDIDATE)
            created += made
            if made:
                CandidateProfile.objects.update_or_create(
                    user=user,
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "city": city,
                        "location": self._point(city),
                        "skills": skills,
                        "max_travel_km": km,
                        "min_hourly_wage": Decimal(wage),
                        "date_of_birth": born,
                        "is_discoverable": discoverable,
                    },
                )
        for (
            name,
            company,
            kvk,
            city,
            address,
            postal_code,
            status,
            agency,
            description,
        ) in EMPLOYERS:
            user, made = self._user(name, User.UserType.EMPLOYER)
            created += made
            if made:
                now = timezone.now()
                EmployerProfile.objects.update_or_create(
                    user=user,
                    defaults={
                        "company_name": company,
                        "kvk_number": kvk,
                        "city": city,
                        "address": address,
                        "postal_code": postal_code,
                        "location": self._point(city),
                        "description": description,
                        "website": f"https://{name}.example",
                        "is_staffing_agency": agency,
                        "waadi_registered": agency,
                        "verification_status": status,
                        "verification_requested_at": now,
                        "verified_at": now if status == "approved" else None,
                        "verified_by": moderator if status == "approved" else None,
                        "rejection_reason": (
                            "Workers may not be charged registration fees."
                            if status == "rejected"
                            else ""
                        ),
                    },
                )
        demo_employers = list(
            EmployerProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").select_related(
                "user"
            )
        )
        demo_candidates = list(
            CandidateProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").select_related(
                "user"
            )
        )
        jobs = seed_jobs(
            employers=demo_employers,
            count=JOBS,
            rng=random.Random(2026),  # noqa: S311  # nosec B311
        )
        applications = seed_applications(candidates=demo_candidates)
        self.stdout.write(
            f"demo data: {created} accounts, {jobs} jobs, {applications} applications created"
        )

    @staticmethod
    def _user(name: str, user_type: str, is_staff: bool = False) -> tuple[User, bool]:
        email = f"{name}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user, False
        return (
            User.objects.create_user(
                email, user_type=user_type, email_verified=True, is_staff=is_staff
            ),
            True,
        )

    @staticmethod
    def _point(city: str) -> Any:
        found = geocode(city=city)
        return point(latitude=found.latitude, longitude=found.longitude) if found else None
