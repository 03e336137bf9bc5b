"""Realistic demo jobs for `seed_demo`: a few hundred across the Netherlands, some that screening holds."""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.core.geocoding import geocode
from apps.employers.models import EmployerProfile
from apps.jobs import services
from apps.jobs.models import Job
from apps.jobs.wages import ADULT_AGE, minimum_hourly_wage
from apps.users.models import User

CITIES = [
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Arnhem",
    "Haarlem",
    "Enschede",
    "Amersfoort",
    "Zwolle",
    "Leiden",
    "Maastricht",
    "Venlo",
    "Zaandam",
    "Den Bosch",
    "Delft",
    "Alkmaar",
    "Leeuwarden",
    "Roosendaal",
    "Tiel",
    "Waalwijk",
    "Oss",
    "Helmond",
    "Deventer",
]

TEMPLATES = [
    (
        "logistics",
        "Orderpicker {shift}",
        "Orderpicken met een handscanner in ons distributiecentrum. {extra}",
    ),
    (
        "logistics",
        "Heftruckchauffeur",
        "Laden en lossen met de heftruck; heftruckcertificaat vereist. {extra}",
    ),
    ("logistics", "Warehouse worker", "Picking and packing orders in a modern warehouse. {extra}"),
    (
        "production",
        "Productiemedewerker {shift}",
        "Inpakken en controleren van producten aan de lijn. {extra}",
    ),
    ("production", "Machine operator", "Operating packaging machines in a food factory. {extra}"),
    ("hospitality", "Bediening terras", "Gasten ontvangen en bedienen op ons terras. {extra}"),
    ("hospitality", "Afwasser", "Afwassen en keuken schoonhouden in een druk restaurant. {extra}"),
    ("retail", "Vakkenvuller", "Vakken vullen in de supermarkt, vroege ochtenddienst. {extra}"),
    ("retail", "Kassamedewerker", "Afrekenen en klanten helpen bij de kassa. {extra}"),
    ("cleaning", "Schoonmaker kantoren", "Kantoren schoonmaken in de avond. {extra}"),
    (
        "construction",
        "Bouwplaatsmedewerker",
        "Hand- en spandiensten op de bouwplaats; VCA is een pré. {extra}",
    ),
    ("agriculture", "Oogstmedewerker kas", "Tomaten oogsten in de kas in het Westland. {extra}"),
    ("delivery", "Maaltijdbezorger", "Bezorgen op een e-bike, flexibele uren. {extra}"),
    ("events", "Crew festival", "Opbouw en afbouw van festivals in de zomer. {extra}"),
    ("care", "Huishoudelijke hulp", "Huishoudelijke hulp bij ouderen thuis. {extra}"),
    ("office", "Klantenservicemedewerker", "Klanten te woord staan via telefoon en chat. {extra}"),
]
EXTRAS = [
    "Je werkt in een vast team met een vaste begeleider.",
    "Reiskostenvergoeding vanaf 10 km.",
    "Werkkleding en veiligheidsschoenen krijg je van ons.",
    "Weekly pay, holiday allowance included.",
    "Ook geschikt voor studenten.",
]
SHIFTS = ["dagdienst", "avonddienst", "nachtdienst", "weekend"]
# Postings screening must hold, as workers meet them on the open web.
SUSPICIOUS = [
    "Direct beginnen! Je betaalt eenmalig €75 inschrijfgeld, dat verrekenen we later.",
    "Stuur een kopie van je paspoort en je BSN via WhatsApp naar 06-12345678.",
    "Huisvesting geregeld: we houden €160 per week in voor je kamer.",
]


def seed_jobs(*, employers: list[EmployerProfile], count: int, rng: random.Random) -> int:
    """Draft and publish `count` jobs through the services, so screening judges each of them."""
    approved = [
        e for e in employers if e.verification_status == EmployerProfile.VerificationStatus.APPROVED
    ]
    if not approved or Job.objects.filter(employer__in=employers).exists():
        return 0
    today = timezone.localdate()
    for i in range(count):
        employer = approved[i % len(approved)]
        actor: User = employer.user
        category, title, description = rng.choice(TEMPLATES)
        extra = SUSPICIOUS[i % len(SUSPICIOUS)] if i % 40 == 0 else rng.choice(EXTRAS)
        city = rng.choice(CITIES)
        place = geocode(city=city)
        if place is None:
            raise LookupError(f"the offline place list lacks {city}")
        starts_on = today + timedelta(days=rng.randint(1, 45))
        # From the adult minimum on the start date (the table's newest rate ahead of it).
        floor = minimum_hourly_wage(age=ADULT_AGE, on=starts_on)
        job = services.job_create(
            employer=employer,
            actor=actor,
            data={
                "title": title.format(shift=rng.choice(SHIFTS)),
                "description": description.format(extra=extra),
                "category": category,
                "employment_type": rng.choice([c.value for c in Job.EmploymentType]),
                "hourly_wage": floor + Decimal(rng.randint(0, 600)) / 100,
                "hours_per_week": rng.choice([8, 16, 24, 32, 38, 40]),
                "min_age": rng.choice([16, 18, 18, 21]),
                "positions": rng.randint(1, 5),
                "starts_on": starts_on,
                "city": city,
                "latitude": place.latitude + rng.uniform(-0.03, 0.03),
                "longitude": place.longitude + rng.uniform(-0.04, 0.04),
            },
        )
        if i % 9 != 0:  # some stay drafts
            services.job_publish(job=job, actor=actor)
    return count
