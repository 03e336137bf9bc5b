"""Realistic job postings for the benchmark: Dutch and English text by category, wages
around the statutory minimum and above, places weighted by population.

Everything is drawn from a seeded `random.Random`, so the same N gives the same data.
"""

from __future__ import annotations

import csv
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

PLACES_CSV = Path(__file__).resolve().parent.parent / "apps" / "core" / "data" / "nl_places.csv"

ADULT_MINIMUM_WAGE = 14.71  # WML 21+ from 1 January 2026
YOUTH_MINIMUM_WAGE = {15: 4.41, 16: 5.07, 17: 5.81, 18: 7.36, 19: 8.83, 20: 11.77}

PUBLISHED_OVER_SECONDS = 20 * 86400
# Share of jobs at one of their employer's sites (the very same point), and about how
# many open jobs a site has.
AT_SITE = 0.4
SITE_JOBS = 40

# The benchmark's words: one in thousands of postings, one in tens of thousands.
COMMON_WORD = "magazijn"
RARE_WORD = "imker"

# (category, share of postings, median hourly wage)
CATEGORIES: list[tuple[str, float, float]] = [
    ("logistics", 0.20, 15.60),
    ("production", 0.12, 15.30),
    ("hospitality", 0.14, 15.00),
    ("retail", 0.12, 14.90),
    ("cleaning", 0.08, 15.10),
    ("construction", 0.07, 18.50),
    ("agriculture", 0.06, 14.90),
    ("delivery", 0.08, 15.70),
    ("care", 0.05, 17.80),
    ("events", 0.03, 15.20),
    ("office", 0.04, 16.80),
    ("other", 0.01, 15.50),
]

# Titles per category and language, with relative weights.
TITLES: dict[str, dict[str, list[tuple[str, float]]]] = {
    "logistics": {
        "nl": [
            ("Orderpicker", 10),
            ("Magazijnmedewerker", 10),
            ("Medewerker magazijn", 4),
            ("Heftruckchauffeur", 5),
            ("Reachtruckchauffeur", 3),
            ("Inpakker", 4),
            ("Expeditiemedewerker", 2),
            ("Logistiek medewerker", 4),
            ("Orderpicker koelcel", 2),
            ("Medewerker inbound", 2),
            ("Medewerker retouren", 2),
            ("Magazijnmedewerker nachtdienst", 2),
        ],
        "en": [
            ("Order picker", 5),
            ("Warehouse operative", 5),
            ("Forklift driver", 3),
            ("Packer", 2),
            ("Reach truck driver", 2),
            ("Warehouse associate night shift", 1),
        ],
    },
    "production": {
        "nl": [
            ("Productiemedewerker", 12),
            ("Operator", 4),
            ("Machineoperator", 3),
            ("Productiemedewerker voedingsmiddelen", 4),
            ("Inpakker productie", 3),
            ("Lijnoperator", 2),
            ("Medewerker kwaliteitscontrole", 1),
            ("Assemblagemedewerker", 3),
        ],
        "en": [
            ("Production worker", 5),
            ("Machine operator", 3),
            ("Assembly worker", 2),
            ("Food production operative", 2),
        ],
    },
    "hospitality": {
        "nl": [
            ("Bediening", 6),
            ("Medewerker bediening", 4),
            ("Afwasser", 5),
            ("Keukenhulp", 5),
            ("Zelfstandig werkend kok", 2),
            ("Barmedewerker", 4),
            ("Bediening strandpaviljoen", 2),
            ("Gastheer / gastvrouw", 2),
            ("Housekeeping medewerker hotel", 3),
            ("Ontbijtmedewerker", 2),
        ],
        "en": [
            ("Waiter / waitress", 4),
            ("Dishwasher", 3),
            ("Kitchen assistant", 3),
            ("Bartender", 3),
            ("Hotel housekeeper", 2),
            ("Line cook", 1),
        ],
    },
    "retail": {
        "nl": [
            ("Vakkenvuller", 10),
            ("Kassamedewerker", 6),
            ("Winkelmedewerker", 6),
            ("Vakkenvuller avond", 3),
            ("Medewerker versafdeling", 3),
            ("Verkoopmedewerker", 4),
            ("Kassamedewerker supermarkt", 3),
            ("Medewerker bakkerij supermarkt", 2),
        ],
        "en": [
            ("Shelf stacker", 4),
            ("Cashier", 3),
            ("Retail assistant", 3),
            ("Sales associate", 2),
        ],
    },
    "cleaning": {
        "nl": [
            ("Schoonmaker", 10),
            ("Schoonmaakmedewerker", 6),
            ("Schoonmaker kantoren", 4),
            ("Glazenwasser", 2),
            ("Huishoudelijke hulp", 3),
            ("Schoonmaker avonddienst", 2),
        ],
        "en": [
            ("Cleaner", 5),
            ("Office cleaner", 3),
            ("Window cleaner", 1),
            ("Housekeeping cleaner", 1),
        ],
    },
    "construction": {
        "nl": [
            ("Timmerman", 4),
            ("Metselaar", 3),
            ("Bouwplaatsmedewerker", 5),
            ("Grondwerker", 3),
            ("Stratenmaker", 2),
            ("Hulpmonteur", 3),
            ("Schilder", 3),
            ("Steigerbouwer", 2),
        ],
        "en": [("Construction worker", 4), ("Carpenter", 2), ("Painter", 2), ("Scaffolder", 1)],
    },
    "agriculture": {
        "nl": [
            ("Oogstmedewerker", 6),
            ("Tuinbouwmedewerker", 6),
            ("Medewerker kas", 5),
            ("Bollenpeller", 2),
            ("Aardbeienplukker", 3),
            ("Medewerker champignonkwekerij", 2),
            ("Melker", 1),
            ("Boomkwekerij medewerker", 2),
            ("Imker", 0.02),
            ("Assistent imker", 0.02),
        ],
        "en": [
            ("Harvest worker", 4),
            ("Greenhouse worker", 4),
            ("Fruit picker", 3),
            ("Beekeeping assistant (imker)", 0.01),
        ],
    },
    "delivery": {
        "nl": [
            ("Pakketbezorger", 8),
            ("Chauffeur C", 3),
            ("Bezorger", 6),
            ("Maaltijdbezorger", 4),
            ("Chauffeur bestelbus", 4),
            ("Koerier", 3),
        ],
        "en": [
            ("Parcel delivery driver", 4),
            ("Delivery rider", 3),
            ("Van driver", 3),
            ("Courier", 2),
        ],
    },
    "care": {
        "nl": [
            ("Helpende zorg en welzijn", 4),
            ("Verzorgende IG", 4),
            ("Huishoudelijk medewerker zorg", 3),
            ("Medewerker facilitair zorg", 2),
            ("Gastvrouw zorginstelling", 2),
        ],
        "en": [("Care assistant", 3), ("Support worker", 2)],
    },
    "events": {
        "nl": [
            ("Evenementenmedewerker", 5),
            ("Opbouwmedewerker festival", 3),
            ("Barmedewerker festival", 3),
            ("Verkeersregelaar", 3),
            ("Garderobemedewerker", 2),
        ],
        "en": [("Event staff", 4), ("Festival crew", 3), ("Steward", 2)],
    },
    "office": {
        "nl": [
            ("Klantenservicemedewerker", 6),
            ("Administratief medewerker", 4),
            ("Receptionist", 3),
            ("Telefonist", 2),
            ("Medewerker backoffice", 3),
        ],
        "en": [("Customer service agent", 5), ("Data entry clerk", 2), ("Receptionist", 2)],
    },
    "other": {
        "nl": [("Allround medewerker", 5), ("Hulpkracht", 3), ("Conciërge", 1)],
        "en": [("General helper", 3), ("Handyman", 2)],
    },
}

# Sentences about the work, per category and language.
TASKS: dict[str, dict[str, list[str]]] = {
    "logistics": {
        "nl": [
            "Je verzamelt bestellingen in het magazijn met een handscanner.",
            "Je rijdt met de heftruck en lost vrachtwagens.",
            "Je pakt orders in en maakt ze klaar voor verzending.",
            "In ons magazijn werk je in een klein team aan inkomende goederen.",
            "Je controleert retouren en zet producten terug in de stellingen.",
            "Het werk in het magazijn is fysiek: je tilt dozen tot 23 kilo.",
            "Je werkt in een gekoeld magazijn met zuivel en vers.",
            "Je laadt rolcontainers voor de winkels in de regio.",
        ],
        "en": [
            "You pick orders in our warehouse with a hand scanner.",
            "You drive a forklift and unload trucks.",
            "You pack orders and get them ready for shipping.",
            "You handle returns and restock the racks.",
        ],
    },
    "production": {
        "nl": [
            "Je bedient een productielijn en houdt de kwaliteit in de gaten.",
            "Je vult machines bij met grondstoffen en verpakkingsmateriaal.",
            "Je zet producten in dozen en op pallets.",
            "Je werkt volgens strikte hygiëneregels in een levensmiddelenfabriek.",
            "Je monteert onderdelen aan de lopende band.",
            "Je controleert producten op fouten en houdt de lijn schoon.",
        ],
        "en": [
            "You run a production line and keep an eye on quality.",
            "You load machines with raw materials and packaging.",
            "You assemble parts on the line and check them for faults.",
        ],
    },
    "hospitality": {
        "nl": [
            "Je neemt bestellingen op en serveert aan tafel.",
            "Je helpt in de keuken met de voorbereiding en de afwas.",
            "Je staat achter de bar en zorgt dat gasten zich welkom voelen.",
            "Je maakt hotelkamers schoon en verschoont de bedden.",
            "Je werkt in een druk restaurant in het centrum.",
            "Je bereidt eenvoudige gerechten en houdt de keuken op orde.",
        ],
        "en": [
            "You take orders and serve guests at their tables.",
            "You help in the kitchen with prep and dishes.",
            "You work behind the bar of a busy restaurant.",
            "You clean hotel rooms and make the beds.",
        ],
    },
    "retail": {
        "nl": [
            "Je vult de schappen aan en houdt de winkel netjes.",
            "Je helpt klanten aan de kassa en bij de zelfscankassa's.",
            "Je werkt op de versafdeling en let op houdbaarheidsdata.",
            "Je ontvangt de vrachtwagen en verdeelt de goederen over de winkel.",
            "Je adviseert klanten en rekent af aan de kassa.",
        ],
        "en": [
            "You stock shelves and keep the store tidy.",
            "You help customers at the checkout.",
            "You receive deliveries and restock the shop floor.",
        ],
    },
    "cleaning": {
        "nl": [
            "Je maakt kantoren schoon in de vroege ochtend of de avond.",
            "Je stofzuigt, dweilt en maakt sanitair schoon.",
            "Je werkt zelfstandig met een vaste route langs gebouwen.",
            "Je houdt de kantine en de vergaderruimtes schoon.",
        ],
        "en": [
            "You clean offices early in the morning or in the evening.",
            "You vacuum, mop and clean washrooms.",
            "You work on your own along a fixed route of buildings.",
        ],
    },
    "construction": {
        "nl": [
            "Je helpt op de bouwplaats met sjouwen, opruimen en voorbereiden.",
            "Je werkt mee aan de bouw van nieuwe woningen.",
            "Je legt bestrating en helpt bij grondwerk.",
            "Je bouwt steigers op en af bij projecten in de regio.",
        ],
        "en": [
            "You help on site with carrying, clearing and preparing.",
            "You work on new-build homes with an experienced crew.",
        ],
    },
    "agriculture": {
        "nl": [
            "Je oogst groenten in de kas en sorteert ze.",
            "Je plukt fruit in de boomgaard tijdens het seizoen.",
            "Je verzorgt planten en houdt de kas schoon.",
            "Je werkt buiten op het land, ook bij wisselend weer.",
        ],
        "en": [
            "You harvest vegetables in the greenhouse and sort them.",
            "You pick fruit in the orchard during the season.",
        ],
    },
    "delivery": {
        "nl": [
            "Je bezorgt pakketten bij klanten in de regio met een bestelbus.",
            "Je rijdt een vaste route en scant elk pakket bij aflevering.",
            "Je bezorgt maaltijden op de fiets of scooter.",
            "Je laadt je bus 's ochtends in bij het depot.",
        ],
        "en": [
            "You deliver parcels to customers in the region in a van.",
            "You ride a fixed route and scan every parcel on delivery.",
        ],
    },
    "care": {
        "nl": [
            "Je ondersteunt bewoners bij dagelijkse activiteiten.",
            "Je helpt bij de maaltijden en houdt de afdeling netjes.",
            "Je werkt in een team van verzorgenden in een verpleeghuis.",
        ],
        "en": [
            "You support residents with daily activities.",
            "You help at mealtimes and keep the ward tidy.",
        ],
    },
    "events": {
        "nl": [
            "Je bouwt podia en tenten op voor festivals.",
            "Je werkt achter de bar of bij de garderobe tijdens evenementen.",
            "Je regelt het verkeer en de parkeerplaatsen bij grote evenementen.",
        ],
        "en": [
            "You build stages and tents for festivals.",
            "You work the bar or cloakroom at events.",
        ],
    },
    "office": {
        "nl": [
            "Je beantwoordt vragen van klanten aan de telefoon en per mail.",
            "Je verwerkt facturen en houdt dossiers bij.",
            "Je ontvangt bezoekers aan de receptie.",
        ],
        "en": [
            "You answer customer questions by phone and email.",
            "You process invoices and keep records.",
        ],
    },
    "other": {
        "nl": [
            "Je helpt waar nodig: sjouwen, schoonmaken en kleine klussen.",
            "Je werkt op wisselende locaties.",
        ],
        "en": ["You help wherever needed: carrying, cleaning and small jobs."],
    },
}

BEEKEEPING = {
    "nl": "Je helpt de imker bij het verzorgen van de bijenkasten en het slingeren van honing.",
    "en": "You assist our imker (beekeeper) with the hives and the honey harvest.",
}

INTROS = {
    "nl": [
        "Voor een opdrachtgever in {city} zoeken wij enthousiaste collega's.",
        "Ben jij op zoek naar werk in {city}? Dan hebben wij een leuke baan voor je.",
        "Wij zoeken per direct mensen in de omgeving van {city}.",
        "Voor ons team in {city} zoeken we nieuwe medewerkers.",
    ],
    "en": [
        "We are looking for new colleagues in {city}.",
        "Looking for work around {city}? We have a job for you.",
        "Our client in {city} is hiring right away.",
    ],
}

OFFERS = {
    "nl": [
        "Je verdient €{wage} per uur, plus vakantiegeld.",
        "Je krijgt een reiskostenvergoeding van €0,23 per kilometer.",
        "Je werkt {hours} uur per week in wisselende diensten.",
        "Werkkleding en veiligheidsschoenen krijg je van ons.",
        "Je wordt wekelijks uitbetaald.",
        "Na een goede periode is een vast contract mogelijk.",
        "Toeslagen voor avond- en weekenddiensten.",
    ],
    "en": [
        "You earn €{wage} an hour plus holiday pay.",
        "Travel costs are paid at €0.23 per kilometre.",
        "You work {hours} hours a week in rotating shifts.",
        "We provide work clothes and safety shoes.",
        "You are paid weekly.",
    ],
}

REQUIREMENTS = {
    "nl": [
        "Je spreekt Nederlands of Engels.",
        "Je bent minimaal {age} jaar oud.",
        "Ervaring is niet nodig, we leren je alles.",
        "Je hebt eigen vervoer of woont in de buurt.",
        "Een heftruckcertificaat is een pré.",
        "Je bent flexibel en beschikbaar in het weekend.",
    ],
    "en": [
        "You speak English or Dutch.",
        "You are at least {age} years old.",
        "No experience needed, we train you.",
        "You have your own transport or live nearby.",
    ],
}

STREETS = [
    "Industrieweg",
    "Nijverheidsweg",
    "Handelsweg",
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
    "Havenstraat",
    "Energieweg",
    "Transportweg",
    "Ambachtsweg",
    "Marktplein",
    "Molenweg",
    "Parallelweg",
    "Zuiderzeestraat",
    "Kanaalweg",
    "Distributieweg",
    "Laan van Europa",
]
COMPANY_WORDS = [
    "Noord",
    "Zuid",
    "Holland",
    "Delta",
    "Polder",
    "Randstad",
    "Groen",
    "Fresh",
    "Logistics",
    "Flex",
    "Uitzend",
    "Personeel",
    "Staffing",
    "Service",
    "Facilitair",
    "Food",
    "Techniek",
    "Horeca",
    "Bouw",
    "Zorg",
    "Transport",
    "Events",
    "Retail",
    "Team",
    "Werk",
    "Vakwerk",
    "Dijk",
    "Haven",
    "Kas",
]
COMPANY_SUFFIXES = ["B.V.", "Uitzendbureau", "Groep", "& Zn.", "Nederland B.V.", "Flexwerk", ""]

EMPLOYMENT_TYPES = [
    ("temporary", 35),
    ("shift", 25),
    ("part_time", 20),
    ("full_time", 15),
    ("freelance", 5),
]
OTHER_STATUSES = [
    ("draft", 3),
    ("pending_review", 1),
    ("closed", 3),
    ("filled", 2),
    ("expired", 2),
    ("rejected", 1),
]


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    population: int


def load_places() -> list[Place]:
    with PLACES_CSV.open(newline="", encoding="utf-8") as fh:
        return [
            Place(
                row["name"], float(row["latitude"]), float(row["longitude"]), int(row["population"])
            )
            for row in csv.DictReader(fh)
            if row["kind"] == "place" and int(row["population"]) > 0
        ]


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


class Picker(Generic[T]):
    """Weighted choice over a fixed list, O(log n) a draw."""

    def __init__(self, items: list[T], weights: list[float]) -> None:
        self.items = items
        self.cum = _cumulative(weights)

    def __call__(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cum, k=1)[0]


@dataclass(frozen=True)
class Site:
    city: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Employer:
    id: uuid.UUID
    user_id: uuid.UUID
    company_name: str
    kvk_number: str
    verification_status: str
    city: str
    # Warehouses, plants and offices: many of an employer's jobs are at one of them,
    # on the very same point.
    sites: tuple[Site, ...] = ()


def employer_weights(count: int) -> list[float]:
    """A few large agencies post much of the work: Zipf-like shares, largest first."""
    return [1 / (rank + 1) ** 0.8 for rank in range(count)]


def make_employers(*, approved: int, suspended: int, jobs: int, seed: int) -> list[Employer]:
    rng = random.Random(seed)
    places = load_places()
    pick_place = Picker(places, [p.population for p in places])
    weights = employer_weights(approved + suspended)
    total = sum(weights)
    out = []
    for i in range(approved + suspended):
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIXES)}".strip()
        # Sites hold about SITE_JOBS open jobs each: a large agency has many.
        expected_at_sites = AT_SITE * jobs * weights[i] / total
        sites_count = min(max(1, round(expected_at_sites / SITE_JOBS)), 500)
        places_of = [pick_place(rng) for _ in range(sites_count)]
        sites = tuple(Site(p.name, *_scatter(rng, p)) for p in places_of)
        out.append(
            Employer(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                user_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                company_name=f"{name} {i}",
                kvk_number=f"{10_000_000 + i:08d}",
                verification_status="approved" if i < approved else "suspended",
                city=sites[0].city,
                sites=sites,
            )
        )
    return out


def _jitter_km(population: int) -> float:
    # A town spreads over a few kilometres, a city over ten or more.
    return 1.0 + 2.5 * math.sqrt(population / 100_000)


def _scatter(rng: random.Random, place: Place) -> tuple[float, float]:
    """A point around a place: (latitude, longitude), rounded as a geocoder would."""
    spread = _jitter_km(place.population)
    lat = place.latitude + rng.gauss(0, spread) / 111.2
    lon = place.longitude + rng.gauss(0, spread) / (111.2 * math.cos(math.radians(place.latitude)))
    return round(lat, 6), round(lon, 6)


def _wage(rng: random.Random, median: float, min_age: int) -> float:
    floor = YOUTH_MINIMUM_WAGE.get(min_age, ADULT_MINIMUM_WAGE)
    if min_age < 18 and rng.random() < 0.5:
        # Youth rates for the jobs open to 16-year-olds: the minimum for the age, or a little above.
        return round(floor * rng.uniform(1.0, 1.25), 2)
    wage = median * math.exp(rng.gauss(0, 0.12))
    if rng.random() < 0.25:
        wage = ADULT_MINIMUM_WAGE + rng.choice([0, 0, 0.05, 0.25, 0.5])
    return round(max(wage, ADULT_MINIMUM_WAGE), 2)


class JobGenerator:
    """Rows for jobs_job, one tuple a job, in the column order of COLUMNS."""

    COLUMNS = (
        "id",
        "created_at",
        "updated_at",
        "employer_id",
        "title",
        "description",
        "category",
        "employment_type",
        "hourly_wage",
        "hours_per_week",
        "min_age",
        "positions",
        "starts_on",
        "ends_on",
        "address",
        "postal_code",
        "city",
        "location",
        "status",
        "published_at",
        "expires_at",
        "risk_flags",
        "rejection_reason",
    )

    def __init__(self, *, employers: list[Employer], now: datetime, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.today: date = now.date()
        places = load_places()
        self.pick_place = Picker(places, [p.population for p in places])
        self.pick_category = Picker(CATEGORIES, [c[1] for c in CATEGORIES])
        self.pick_title = {
            (cat, lang): Picker([t for t, _ in titles], [w for _, w in titles])
            for cat, by_lang in TITLES.items()
            for lang, titles in by_lang.items()
        }
        self.pick_type = Picker([t for t, _ in EMPLOYMENT_TYPES], [w for _, w in EMPLOYMENT_TYPES])
        self.pick_other_status = Picker(
            [s for s, _ in OTHER_STATUSES], [w for _, w in OTHER_STATUSES]
        )
        # A few large agencies post much of the work: Zipf-like shares.
        self.pick_employer = Picker(employers, employer_weights(len(employers)))

    def _text(
        self, category: str, lang: str, title: str, city: str, wage: float, hours: int, age: int
    ) -> str:
        rng = self.rng
        parts = [rng.choice(INTROS[lang]).format(city=city)]
        tasks = TASKS[category][lang]
        parts += rng.sample(tasks, k=min(len(tasks), rng.randint(2, 3)))
        if "imker" in title.lower():
            parts.append(BEEKEEPING[lang])
        wage_text = f"{wage:.2f}".replace(".", ",") if lang == "nl" else f"{wage:.2f}"
        parts += [
            s.format(wage=wage_text, hours=hours)
            for s in rng.sample(OFFERS[lang], k=rng.randint(2, 4))
        ]
        parts.append(rng.choice(REQUIREMENTS[lang]).format(age=age))
        return " ".join(parts)

    def row(self, *, progress: float, status: str = "published") -> tuple:
        rng = self.rng
        category, _share, median = self.pick_category(rng)
        lang = "nl" if rng.random() < 0.75 else "en"
        title = self.pick_title[(category, lang)](rng)
        employer = self.pick_employer(rng)
        if employer.sites and rng.random() < AT_SITE:
            site = rng.choice(employer.sites)
            city, lat, lon = site.city, site.latitude, site.longitude
        else:
            place = self.pick_place(rng)
            city = place.name
            lat, lon = _scatter(rng, place)
        min_age = rng.choices([16, 18, 21], weights=[10, 75, 15])[0]
        wage = _wage(rng, median, min_age)
        hours = rng.choice([8, 12, 16, 20, 24, 24, 32, 32, 36, 38, 40, 40])
        # Rows go in as they would have been published: oldest first, over the last 20 days.
        published_at = self.now - timedelta(
            seconds=PUBLISHED_OVER_SECONDS * (1 - progress) + rng.uniform(0, 600)
        )
        starts_on = self.today + timedelta(days=rng.randint(0, 60))
        ends_on = None if rng.random() < 0.5 else starts_on + timedelta(days=rng.randint(7, 180))
        description = self._text(category, lang, title, city, wage, hours, min_age)
        if status == "published":
            expires_at = published_at + timedelta(days=30)
        elif status in ("draft", "pending_review", "rejected"):
            published_at, expires_at = None, None  # type: ignore[assignment]
        else:
            expires_at = published_at + timedelta(days=30)
        created = (published_at or self.now) - timedelta(seconds=rng.uniform(0, 3 * 86400))
        return (
            uuid.UUID(int=rng.getrandbits(128), version=4),
            created,
            published_at or created,
            employer.id,
            title,
            description,
            category,
            self.pick_type(rng),
            f"{wage:.2f}",
            hours if rng.random() < 0.85 else None,
            min_age,
            rng.choice([1, 1, 1, 2, 2, 3, 5, 10]),
            starts_on,
            ends_on,
            f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
            f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
            city,
            f"SRID=4326;POINT({lon:.6f} {lat:.6f})",
            status,
            published_at,
            expires_at,
            "[]",
            "",
        )

    def rows(self, count: int, *, other_share: float = 0.0) -> Iterator[tuple]:
        """`count` published jobs, and `other_share` x count more in the other states, interleaved."""
        extra = int(count * other_share)
        every = count // extra if extra else 0
        for i in range(count):
            yield self.row(progress=i / count)
            if every and i % every == 0:
                status = self.pick_other_status(self.rng)
                yield self.row(progress=i / count, status=status)
