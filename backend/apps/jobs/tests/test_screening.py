"""The screening rules, read on whole postings: what each flags, and the honest look-alikes it lets pass.

Pure tests: no database, no client.
"""

from decimal import Decimal
from typing import Any

import pytest

from apps.jobs.screening import RULES, Posting, RiskFlag, Severity, has_high_risk, screen

HIGH = Severity.HIGH
LOW = Severity.LOW


def posting(description: str = "", **overrides: Any) -> Posting:
    """A plain posting in Utrecht at €15.00 an hour (WML €14.71, category median €15.50)."""
    fields: dict[str, Any] = {
        "title": "Orderpicker magazijn",
        "description": description,
        "category": "logistics",
        "hourly_wage": Decimal("15.00"),
        "address": "Nijverheidsweg 1",
        "postal_code": "3534 AM",
        "city": "Utrecht",
        "has_location": True,
        "minimum_hourly_wage": Decimal("14.71"),
        "category_median_wage": Decimal("15.50"),
    }
    return Posting(**{**fields, **overrides})


def summary(flags: list[RiskFlag]) -> list[tuple[str, Severity]]:
    return [(flag.code, flag.severity) for flag in flags]


def assert_only_flag(description: str, code: str, severity: Severity, fragment: str) -> RiskFlag:
    flags = screen(posting(description))

    assert summary(flags) == [(code, severity)]
    assert fragment in flags[0].matched
    return flags[0]


# --- worker_fee --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        pytest.param(
            "Productiewerk in Tiel. Let op: je betaalt eenmalig €50 inschrijfgeld bij ons op kantoor.",
            "€50 inschrijfgeld",
            id="inschrijfgeld",
        ),
        pytest.param(
            "Inschrijfkosten bedragen 35 euro, te voldoen voor je eerste dienst.",
            "Inschrijfkosten",
            id="inschrijfkosten",
        ),
        pytest.param(
            "Bij de sleutel van je kamer vragen wij een borg van € 250,-.",
            "borg van € 250,-",
            id="borg",
        ),
        pytest.param(
            "Start direct! Borgsom 300 euro, terug bij vertrek.", "Borgsom 300 euro", id="borgsom"
        ),
        pytest.param(
            "Bemiddelingskosten: €100, te betalen na je eerste week.",
            "Bemiddelingskosten",
            id="bemiddelingskosten",
        ),
        pytest.param(
            "De kosten voor de VCA-cursus (€ 175) komen voor jouw rekening.",
            "kosten voor de VCA-cursus",
            id="kosten-voor-de-cursus",
        ),
        pytest.param(
            "Great job in a greenhouse. There is a registration fee of €45 before you can start.",
            "registration fee of €45",
            id="registration-fee",
        ),
        pytest.param(
            "A refundable deposit of EUR 150 is required before your first shift.",
            "deposit of EUR 150",
            id="deposit",
        ),
        pytest.param(
            "You must pay for your uniform (€40) on day one.",
            "pay for your uniform",
            id="pay-for-uniform",
        ),
        pytest.param(
            "Betaal eerst €25 via Tikkie om je plek te reserveren.", "via Tikkie", id="tikkie"
        ),
        pytest.param(
            "Voor je start rekenen wij €30 administratiekosten.",
            "administratiekosten",
            id="administratiekosten",
        ),
        pytest.param(
            "New starters pay a training fee of €60 in their first week.",
            "training fee",
            id="training-fee",
        ),
        pytest.param(
            "Placement fee €95, paid once, then you work for top clients.",
            "Placement fee €95",
            id="placement-fee",
        ),
        pytest.param(
            "Voor de inschrijving betaal je eenmalig 50 euro.",
            "betaal je eenmalig 50 euro",
            id="nl-betaal-je",
        ),
        pytest.param(
            "Je betaalt eerst €75 voor je werkvergunning.", "Je betaalt eerst €75", id="je-betaalt"
        ),
        pytest.param("Maak €50 over voor de VCA cursus.", "Maak €50 over", id="nl-maak-over"),
        pytest.param("You must pay 150 EUR before starting.", "must pay 150 EUR", id="en-must-pay"),
        pytest.param(
            "A one-off payment of €99 is required to secure your place.",
            "one-off payment of €99",
            id="en-one-off-payment",
        ),
        pytest.param("Transfer €50 to secure the job.", "Transfer €50", id="en-transfer"),
        pytest.param(
            "Om je plek te reserveren vragen we een aanbetaling van €150.",
            "aanbetaling van €150",
            id="aanbetaling",
        ),
        pytest.param(
            "Startkosten: €100 (wordt verrekend met je eerste salaris).",
            "Startkosten",
            id="startkosten",
        ),
        pytest.param(
            "Voor de VCA-cursus rekenen wij €95, dit wordt ingehouden op je eerste loon.",
            "rekenen wij €95",
            id="rekenen-wij",
        ),
        pytest.param(
            "We charge €60 for your safety shoes and vest, payable in cash on day one.",
            "We charge €60",
            id="we-charge",
        ),
        pytest.param(
            "Er geldt een eigen bijdrage van €50 voor de intake.",
            "eigen bijdrage van €50",
            id="eigen-bijdrage-intake",
        ),
        pytest.param(
            "Workers pay for their own safety shoes.",
            "pay for their own safety shoes",
            id="pay-for-their-own",
        ),
        pytest.param(
            "Bij ons betaal je €50 voor je VCA-cursus.", "betaal je €50", id="bij-ons-betaal-je"
        ),
        pytest.param(
            "We ask you to pay for your uniform before the first shift.",
            "pay for your uniform",
            id="we-ask-you-to-pay",
        ),
        pytest.param(
            "The agency will charge you €120 for the VCA course.",
            "charge you €120",
            id="agency-will-charge",
        ),
        # Given back later, it was asked first.
        pytest.param("Wij betalen je borg terug bij vertrek.", "borg", id="borg-terugbetaald"),
        pytest.param(
            "Wij betalen je €50 inschrijfgeld terug na drie maanden.",
            "inschrijfgeld",
            id="inschrijfgeld-terugbetaald",
        ),
        pytest.param(
            "We refund your registration fee after 3 months.",
            "registration fee",
            id="fee-refunded",
        ),
    ],
)
def test_a_fee_asked_of_the_worker_is_high_risk(description, fragment):
    assert_only_flag(description, "worker_fee", HIGH, fragment)


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("Bij ons betaal je nooit inschrijfgeld.", id="nooit-inschrijfgeld"),
        pytest.param("Wij vragen geen inschrijfgeld, borg of administratiekosten.", id="geen-list"),
        pytest.param("Wij vragen nooit inschrijfkosten of andere kosten.", id="nooit-kosten"),
        pytest.param("No registration fee: you never pay a fee to work with us.", id="no-fee"),
        pytest.param("Zonder borg direct aan de slag.", id="zonder-borg"),
        pytest.param("Inschrijfgeld: geen. Start maandag.", id="inschrijfgeld-geen"),
        pytest.param("De kosten voor de training worden volledig vergoed.", id="training-vergoed"),
        pytest.param("Wij staan borg voor een veilige werkplek.", id="borg-staan"),
        pytest.param("Veiligheid waarborgen is onze prioriteit.", id="waarborgen"),
        pytest.param("Wij borgen de kwaliteit van onze processen.", id="borgen-verb"),
        pytest.param("Je werkt in Borger en omgeving.", id="borger-town"),
        pytest.param("Borgstelling door de werkgever bij de bank is geregeld.", id="borgstelling"),
        pytest.param("We deposit your wages every Friday.", id="deposit-verb"),
        pytest.param("Your salary is deposited weekly into your account.", id="deposited"),
        pytest.param("Werkschoenen en kleding krijg je van ons.", id="gear-given"),
        pytest.param("Deposit of your wages every Friday.", id="deposit-of-wages"),
        pytest.param("We pay €15 per hour, every Friday.", id="we-pay"),
        pytest.param("Wij betalen je reiskosten en je krijgt €50 bonus.", id="wij-betalen"),
        pytest.param("Je betaalt geen €50 inschrijfgeld, zoals elders.", id="betaalt-geen"),
        pytest.param("Wij maken €500 voorschot over naar je rekening.", id="wij-maken-over"),
        # A sum the worker pays for their own lunch, parking or coffee is no fee for work.
        pytest.param("In onze kantine betaal je €2,50 voor een warme lunch.", id="kantine-lunch"),
        pytest.param(
            "Parkeren: je betaalt €5 voor een dagkaart in de garage naast de deur.",
            id="parkeren",
        ),
        pytest.param("Lunch in the canteen: you pay €3.50 per meal.", id="canteen"),
        pytest.param("Je betaalt alleen €1 eigen bijdrage voor koffie.", id="koffie"),
        pytest.param("You will pay €0 for your uniform, we provide it.", id="pay-zero-uniform"),
        pytest.param("Applicants need to pay €0, registration is free.", id="pay-zero"),
        # The employer or its client paying for the worker's training or gear.
        pytest.param("We pay for your VCA training and your safety shoes.", id="we-pay-for"),
        pytest.param("We'll pay for your course.", id="we-ll-pay-for"),
        pytest.param("We will also pay for the training.", id="we-will-also-pay-for"),
        pytest.param("Wij betalen de VCA-cursus.", id="wij-betalen-de-cursus"),
        pytest.param("Wij betalen je opleiding en je werkkleding.", id="wij-betalen-je-opleiding"),
        pytest.param("Goed nieuws: wij betalen het certificaat voor je.", id="wij-certificaat"),
        pytest.param("De werkgever betaalt je VCA.", id="de-werkgever-betaalt"),
        pytest.param("Onze klant betaalt de training volledig.", id="onze-klant-betaalt"),
        pytest.param("The company pays for your uniform.", id="the-company-pays"),
        pytest.param(
            "De opdrachtgever betaalt je na de eerste maand €250 startbonus.", id="startbonus"
        ),
        pytest.param("Wij vergoeden je opleidingskosten.", id="wij-vergoeden"),
        pytest.param("We cover your training fee.", id="we-cover"),
        pytest.param(
            "We reimburse the registration fee for your forklift licence.", id="we-reimburse"
        ),
    ],
)
def test_a_denied_fee_or_a_look_alike_word_is_not_flagged(description):
    assert screen(posting(description)) == []


# --- off_platform_contact ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        pytest.param("Interesse? App ons voor meer info!", "App ons", id="app-ons"),
        pytest.param(
            "Stuur een WhatsApp naar 06-12345678 en je start morgen.",
            "WhatsApp naar 06-12345678",
            id="whatsapp-and-mobile",
        ),
        pytest.param("Contact via Telegram: @werkNL", "Telegram", id="telegram"),
        pytest.param("Reageren kan via Signal, vraag naar Piotr.", "via Signal", id="signal"),
        pytest.param("Bel of app Mark: +31 6 12345678", "+31 6 12345678", id="plus31"),
        pytest.param("Call us at 0031 6 1234 5678 today.", "0031 6 1234 5678", id="0031"),
        pytest.param("Info: 020-1234567 (kantoor).", "020-1234567", id="landline"),
        pytest.param(
            "Mail je cv naar jobs.utrecht@gmail.com", "jobs.utrecht@gmail.com", id="gmail"
        ),
        pytest.param("Vragen? werkgeverNL@hotmail.nl", "werkgeverNL@hotmail.nl", id="hotmail"),
        pytest.param("Contact: jan.bakker@ziggo.nl", "jan.bakker@ziggo.nl", id="ziggo"),
        pytest.param("Write to piotr.k@wp.pl for details.", "piotr.k@wp.pl", id="polish-mailbox"),
        pytest.param("Mail: jan [at] outlook [dot] com", "jan [at] outlook [dot] com", id="at-dot"),
        pytest.param("Whats\u200bApp ons!", "WhatsApp", id="zero-width-disguise"),
        pytest.param(
            "Email: jobs.nl @ gmail . com", "jobs.nl @ gmail . com", id="spaced-out-gmail"
        ),
        pytest.param(
            "Add me on Facebook Messenger: Jan Werk", "Facebook Messenger", id="fb-messenger"
        ),
        pytest.param("DM us on Instagram @flexjobs for a start.", "DM us", id="dm-us"),
        pytest.param("Stuur ons een DM op Instagram.", "Stuur ons een DM", id="stuur-een-dm"),
    ],
)
def test_contact_outside_the_platform_is_high_risk(description, fragment):
    assert_only_flag(description, "off_platform_contact", HIGH, fragment)


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        pytest.param(
            "Stuur je cv naar vacatures@bouwbedrijf-jansen.nl",
            "vacatures@bouwbedrijf-jansen.nl",
            id="dutch",
        ),
        pytest.param(
            "Questions? hr@greenhouse-westland.com", "hr@greenhouse-westland.com", id="english"
        ),
    ],
)
def test_a_company_email_is_only_low_risk(description, fragment):
    flag = assert_only_flag(description, "off_platform_contact", LOW, fragment)

    assert not has_high_risk([flag])


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("Werktijden 07:00-15:30, 38 uur per week.", id="times-and-hours"),
        pytest.param("Ploegen van 06.00-14.00 en 14.00-22.00.", id="shift-times"),
        pytest.param("Start op 12-03-2025, loon €15,50 per uur.", id="date-and-wage"),
        pytest.param("Periode 01-05-2025 t/m 31-08-2025.", id="date-range"),
        pytest.param("Locatie: 3534 AM Utrecht, KvK 12345678.", id="postcode-and-kvk"),
        pytest.param("Salaris tussen €2.500 en €2.900 per maand.", id="monthly-wage"),
        pytest.param("Vacaturenummer 0201234567.", id="vacancy-number"),
        pytest.param(
            "Let op: wij nemen nooit contact op via WhatsApp, solliciteer via het platform.",
            id="never-whatsapp",
        ),
        pytest.param("We will never ask you to contact us on Telegram.", id="never-telegram"),
        pytest.param("Reageren via WhatsApp is niet mogelijk.", id="whatsapp-not-possible"),
        pytest.param("Onderhoud van verkeerslichten: signal maintenance crew.", id="signal-noun"),
        pytest.param("Bike messenger gezocht in Amsterdam-Centrum.", id="bike-messenger"),
        pytest.param("Volg ons op Instagram voor nieuwe vacatures.", id="follow-instagram"),
    ],
)
def test_numbers_that_are_not_phone_numbers_and_denied_messengers_are_not_flagged(description):
    assert screen(posting(description)) == []


# --- identity_document_request, bsn_request, bank_details_request ------------------------------


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        pytest.param(
            "Stuur een kopie van je paspoort naar ons.", "kopie van je paspoort", id="nl-copy"
        ),
        pytest.param(
            "Send a photo of your ID with your application.", "photo of your ID", id="en-photo"
        ),
        pytest.param(
            "Please send us a clear photo of both sides of your ID card.",
            "ID card",
            id="en-both-sides",
        ),
        pytest.param(
            "Upload een scan van je identiteitsbewijs om te solliciteren.",
            "scan van je identiteitsbewijs",
            id="nl-scan",
        ),
        pytest.param(
            "Mail ons je paspoort en verblijfsvergunning vooraf.",
            "Mail ons je paspoort",
            id="nl-mail-passport",
        ),
        pytest.param(
            "Wil je een foto van je ID-kaart opsturen?", "foto van je ID-kaart", id="nl-verb-final"
        ),
        pytest.param(
            "Een kopie van je rijbewijs graag meesturen met je cv.",
            "kopie van je rijbewijs",
            id="licence-copy",
        ),
        pytest.param(
            "Stuur vóór je eerste werkdag een kopie van je paspoort.",
            "kopie van je paspoort",
            id="before-first-day",
        ),
        pytest.param(
            "Wij bewaren je paspoort tijdens je contract.",
            "bewaren je paspoort",
            id="passport-withheld",
        ),
    ],
)
def test_asking_for_a_copy_of_an_identity_document_is_high_risk(description, fragment):
    assert_only_flag(description, "identity_document_request", HIGH, fragment)


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("Bring your ID on your first day to sign the contract.", id="bring-id"),
        pytest.param("Neem op je eerste werkdag een geldig identiteitsbewijs mee.", id="neem-mee"),
        pytest.param(
            "Bij het tekenen van het contract maken wij een kopie van je ID.",
            id="copy-at-contract",
        ),
        pytest.param("Rijbewijs B is een pré.", id="licence-requirement"),
        pytest.param("Geef aan of je een rijbewijs hebt.", id="whether-licence"),
        pytest.param("Je hebt een geldig paspoort of ID-kaart nodig.", id="needs-passport"),
        pytest.param(
            "A valid passport or EU ID card is required to work in the Netherlands.",
            id="en-required",
        ),
        pytest.param("Vermeld het vacature-ID in je sollicitatie.", id="vacancy-id"),
        pytest.param("Geef je op en neem je ID mee naar de intake.", id="sign-up-then-bring"),
        pytest.param("Stuur nooit een kopie van je paspoort naar onbekenden.", id="warning"),
    ],
)
def test_showing_an_identity_document_at_the_contract_is_not_flagged(description):
    assert screen(posting(description)) == []


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        pytest.param("Stuur je naam, geboortedatum en BSN naar ons.", "BSN", id="nl-list"),
        pytest.param(
            "Vermeld je burgerservicenummer in je sollicitatie.",
            "burgerservicenummer",
            id="nl-vermeld",
        ),
        pytest.param(
            "Please provide your BSN number with your application.",
            "provide your BSN number",
            id="en-provide",
        ),
        pytest.param(
            "Je sofinummer graag doorgeven via de mail.", "sofinummer", id="nl-verb-final"
        ),
        pytest.param(
            "We need your social security number before the interview.",
            "social security number",
            id="en-need",
        ),
        pytest.param("Geef ons je BSN-nummer en we regelen de rest.", "BSN-nummer", id="nl-geef"),
        pytest.param(
            "What is your BSN? Please fill it in on the form.", "What is your BSN", id="en-what-is"
        ),
        pytest.param("Wat is je BSN? Zet het in je reactie.", "Wat is je BSN", id="nl-wat-is"),
        # A denial of something else does not cover what follows it.
        pytest.param(
            "Wij vragen nooit inschrijfgeld of borg, en stuur je BSN mee.",
            "stuur je BSN",
            id="nooit-dan-en",
        ),
        pytest.param(
            "We never ask for a fee or deposit and you send us your BSN today.",
            "send us your BSN",
            id="never-or-and-then",
        ),
    ],
)
def test_asking_for_a_bsn_is_high_risk(description, fragment):
    assert_only_flag(description, "bsn_request", HIGH, fragment)


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("Je hebt een BSN nodig om in Nederland te werken.", id="needs-bsn"),
        pytest.param(
            "Nog geen BSN? Wij helpen je bij de aanvraag bij de gemeente.", id="help-apply"
        ),
        pytest.param("Wij vragen nooit om je BSN via de mail.", id="never"),
        pytest.param(
            "Je BSN geef je door bij het tekenen van je arbeidscontract.", id="at-contract"
        ),
        pytest.param("You need a Dutch citizen service number (BSN) to start.", id="en-needs"),
        pytest.param("In bezit van een BSN is een vereiste.", id="in-bezit"),
        pytest.param(
            "Wat is een BSN? Het nummer waarmee je werkt en belasting betaalt.", id="wat-is-een"
        ),
    ],
)
def test_a_bsn_as_a_requirement_is_not_flagged(description):
    assert screen(posting(description)) == []


@pytest.mark.parametrize(
    ("description", "fragment"),
    [
        pytest.param("Stuur je IBAN en we betalen je voorschot.", "Stuur je IBAN", id="nl-iban"),
        pytest.param(
            "Send your bank details so we can pay your advance.",
            "Send your bank details",
            id="en-bank-details",
        ),
        pytest.param(
            "Mail je bankrekeningnummer naar ons voor de registratie.",
            "bankrekeningnummer",
            id="nl-rekeningnummer",
        ),
        pytest.param(
            "We need your IBAN to process your application.", "need your IBAN", id="en-need"
        ),
        pytest.param(
            "Geef ons je bankpas en pincode, wij regelen je loon.", "bankpas", id="nl-bankpas"
        ),
        pytest.param("Vul je DigiD-gegevens in op het formulier.", "DigiD", id="digid"),
        pytest.param(
            "Bij het tekenen van het contract geef je ons je pincode.",
            "pincode",
            id="pin-never-lawful",
        ),
        pytest.param(
            "Graag je IBAN en een kopie van je bankpas.", "kopie van je bankpas", id="bankpas-copy"
        ),
        pytest.param("Send a photo of your bank card.", "photo of your bank card", id="card-photo"),
        pytest.param(
            "Log in with your DigiD to register.", "Log in with your DigiD", id="digid-login-en"
        ),
        pytest.param(
            "Log in met je DigiD om je aan te melden.", "Log in met je DigiD", id="digid-login-nl"
        ),
    ],
)
def test_asking_for_bank_details_is_high_risk(description, fragment):
    assert_only_flag(description, "bank_details_request", HIGH, fragment)


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("Je loon wordt wekelijks op je rekening gestort.", id="loon-gestort"),
        pytest.param("Salary paid to your bank account every Friday.", id="salary-paid"),
        pytest.param(
            "Send us your CV and we will pay your salary to your bank account every week.",
            id="send-cv-then-paid",
        ),
        pytest.param("Wij vragen nooit om je pincode of DigiD.", id="never-pin"),
        pytest.param(
            "Je IBAN geef je door bij het tekenen van het contract.", id="iban-at-contract"
        ),
        pytest.param("Een Nederlandse bankrekening is handig.", id="account-useful"),
        pytest.param("Wij hebben huisvesting en helpen met je bankrekening.", id="help-open"),
        pytest.param("Je loonstrook zie je na het inloggen in onze app.", id="app-login"),
        pytest.param(
            "We never ask you to log in with your DigiD or to send a photo of your bank card.",
            id="never-digid-login",
        ),
        # A denial reaches along a list of things never asked for.
        pytest.param("We never ask you to send a photo of your bank card.", id="never-card-photo"),
        pytest.param(
            "Wij vragen nooit om je IBAN of om een kopie van je paspoort te sturen.",
            id="nooit-iban-of-paspoort",
        ),
        pytest.param(
            "We will never ask for your IBAN or to send a photo of your passport.",
            id="never-iban-or-passport",
        ),
    ],
)
def test_bank_accounts_for_wages_are_not_flagged(description):
    assert screen(posting(description)) == []


# --- pay_above_market --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wage", "median", "matched"),
    [
        (
            Decimal("60.00"),
            Decimal("14.71"),
            "€60.00/h is 4.1\N{MULTIPLICATION SIGN} the category median of €14.71",
        ),
        (
            Decimal("46.51"),
            Decimal("15.50"),
            "€46.51/h is 3.0\N{MULTIPLICATION SIGN} the category median of €15.50",
        ),
        (
            Decimal("100.00"),
            Decimal("16.00"),
            "€100.00/h is 6.3\N{MULTIPLICATION SIGN} the category median of €16.00",
        ),
    ],
)
def test_a_wage_above_three_times_the_median_is_high_risk(wage, median, matched):
    flags = screen(posting(hourly_wage=wage, category_median_wage=median))

    assert summary(flags) == [("pay_above_market", HIGH)]
    assert flags[0].matched == matched


@pytest.mark.parametrize(
    ("wage", "median"),
    [
        pytest.param(Decimal("46.50"), Decimal("15.50"), id="exactly-three-times"),
        pytest.param(Decimal("30.00"), Decimal("15.50"), id="generous"),
        pytest.param(Decimal("90.00"), None, id="too-few-to-compare"),
    ],
)
def test_a_wage_up_to_three_times_the_median_is_not_flagged(wage, median):
    assert screen(posting(hourly_wage=wage, category_median_wage=median)) == []


# --- housing_deduction, transport_deduction ----------------------------------------------------


@pytest.mark.parametrize(
    ("description", "code", "severity", "fragment"),
    [
        pytest.param(
            "Huisvesting wordt geregeld, kosten €160 p/w worden ingehouden op je loon.",
            "housing_deduction",
            HIGH,
            "€160 p/w",
            id="nl-week-high",
        ),
        pytest.param(
            "Accommodation available at €180 per week, deducted from your wages.",
            "housing_deduction",
            HIGH,
            "€180 per week",
            id="en-week-high",
        ),
        pytest.param(
            "Wij regelen huisvesting. De kosten hiervan zijn €30 per dag.",
            "housing_deduction",
            HIGH,
            "€30 per dag",
            id="next-sentence-day-high",
        ),
        pytest.param(
            "Inhouding voor huisvesting van €1.200 per maand.",
            "housing_deduction",
            HIGH,
            "€1.200 per maand",
            id="thousands-dot-high",
        ),
        pytest.param(
            "Huisvesting mogelijk, inhouding €95 per week.",
            "housing_deduction",
            LOW,
            "€95 per week",
            id="under-cap-low",
        ),
        pytest.param(
            "Huisvesting €110 p.p.p.w. in een gedeelde woning.",
            "housing_deduction",
            LOW,
            "€110 p.p.p.w.",
            id="per-person-low",
        ),
        pytest.param(
            "Huisvesting mogelijk, de kosten worden ingehouden op je loon.",
            "housing_deduction",
            LOW,
            "ingehouden",
            id="no-amount-low",
        ),
        pytest.param(
            "Vervoer naar het werk: €35 per dag, wordt ingehouden.",
            "transport_deduction",
            HIGH,
            "€35 per dag",
            id="transport-day-high",
        ),
        pytest.param(
            "De bus naar het werk kost €40 per week.",
            "transport_deduction",
            LOW,
            "€40 per week",
            id="bus-low",
        ),
        pytest.param(
            "Transport to the greenhouse costs EUR 30 a week.",
            "transport_deduction",
            LOW,
            "EUR 30 a week",
            id="en-transport-low",
        ),
        pytest.param(
            "Reiskosten worden ingehouden op je loon.",
            "transport_deduction",
            LOW,
            "Reiskosten",
            id="reiskosten-no-amount",
        ),
        pytest.param(
            "Vervoer (gratis) en huisvesting €180 per week worden ingehouden.",
            "housing_deduction",
            HIGH,
            "huisvesting €180 per week",
            id="free-transport-paid-housing",
        ),
        pytest.param(
            "Huisvesting: gratis, vervoer: €5 per dag.",
            "transport_deduction",
            LOW,
            "vervoer: €5 per dag",
            id="free-housing-paid-transport",
        ),
        pytest.param(
            "Je huur (€700/mnd) wordt van je salaris ingehouden.",
            "housing_deduction",
            HIGH,
            "huur (€700/mnd)",
            id="huur-month-high",
        ),
        pytest.param(
            "Huisvesting 200,- per week",
            "housing_deduction",
            HIGH,
            "200,- per week",
            id="comma-dash-without-sign-high",
        ),
        pytest.param(
            "Housing is deducted from your salary: €180 per week",
            "housing_deduction",
            HIGH,
            "€180 per week",
            id="deducted-from-salary-high",
        ),
    ],
)
def test_a_deduction_for_housing_or_transport_is_flagged(description, code, severity, fragment):
    assert_only_flag(description, code, severity, fragment)


@pytest.mark.parametrize(
    "description",
    [
        pytest.param("Gratis huisvesting in een modern chalet.", id="gratis"),
        pytest.param("Free accommodation near the farm.", id="free"),
        pytest.param("Wij helpen je bij het vinden van woonruimte.", id="help-find"),
        pytest.param("Reiskosten worden vergoed.", id="reimbursed"),
        pytest.param("Eigen vervoer vereist.", id="own-transport"),
        pytest.param("Gratis vervoer van en naar het werk.", id="free-transport"),
        pytest.param("Goed bereikbaar met de bus.", id="bus-stop"),
        pytest.param(
            "We zijn een transportbedrijf in Tilburg, salaris €2.600 per maand.", id="wage"
        ),
        pytest.param(
            "Inschrijving bij de Kamer van Koophandel geregeld, kantine €5 per week.", id="kvk"
        ),
        pytest.param("Huur een fiets bij ons voor de zomer.", id="huur-the-verb"),
    ],
)
def test_housing_or_transport_without_deduction_is_not_flagged(description):
    assert screen(posting(description)) == []


@pytest.mark.parametrize(
    ("amount", "monthly", "severity"),
    [
        pytest.param("€ 95,- per week", "€411.67", LOW, id="comma-dash"),
        pytest.param("€95 p/w", "€411.67", LOW, id="p-slash-w"),
        pytest.param("95 euro pw", "€411.67", LOW, id="euro-after"),
        pytest.param("EUR 95.50 /week", "€413.83", LOW, id="eur-decimal-point"),
        pytest.param("€1.200 per maand", "€1200.00", HIGH, id="thousands-dot"),
        pytest.param("1.200,50 euro per maand", "€1200.50", HIGH, id="thousands-and-cents"),
        pytest.param("€20 per dag", "€435.00", LOW, id="day"),
        pytest.param("€400 per 4 weken", "€433.33", LOW, id="four-weeks"),
        pytest.param("95,- per week", "€411.67", LOW, id="comma-dash-without-sign"),
    ],
)
def test_deduction_amounts_are_read_in_dutch_and_english_forms(amount, monthly, severity):
    flags = screen(posting(f"Huisvesting: {amount}, wordt ingehouden op je loon."))

    assert summary(flags) == [("housing_deduction", severity)]
    assert f"{monthly} a month" in flags[0].detail


@pytest.mark.parametrize(
    ("description", "minimum_wage", "severity"),
    [
        # Monthly WML at €15.00 an hour: 15 * 40 * 52 / 12 = €2600.00; a quarter is €650.00.
        pytest.param("Huisvesting €650,00 per maand.", Decimal("15.00"), LOW, id="month-at-cap"),
        pytest.param("Huisvesting €650,01 per maand.", Decimal("15.00"), HIGH, id="month-above"),
        # At €14.71 an hour the cap is €147.10 a week exactly.
        pytest.param("Huisvesting €147,10 per week.", Decimal("14.71"), LOW, id="week-at-cap"),
        pytest.param("Huisvesting €147,11 per week.", Decimal("14.71"), HIGH, id="week-above"),
    ],
)
def test_the_housing_cap_is_a_quarter_of_the_monthly_minimum_wage(
    description, minimum_wage, severity
):
    flags = screen(posting(description, minimum_hourly_wage=minimum_wage))

    assert summary(flags) == [("housing_deduction", severity)]


# --- no_concrete_place -------------------------------------------------------------------------

NOWHERE: dict[str, Any] = {"address": "", "postal_code": "", "has_location": False}


@pytest.mark.parametrize(
    ("city", "matched"),
    [
        pytest.param("", "no address, postal code, city or map location", id="nothing"),
        pytest.param("Heel Nederland", 'city is "Heel Nederland"', id="heel-nederland"),
        pytest.param("overal", 'city is "overal"', id="overal"),
        pytest.param("Diverse locaties", 'city is "Diverse locaties"', id="diverse-locaties"),
        pytest.param("Remote", 'city is "Remote"', id="remote"),
        pytest.param("Thuis", 'city is "Thuis"', id="thuis"),
        pytest.param("Remote / Thuis", 'city is "Remote / Thuis"', id="remote-or-home"),
        pytest.param("Noord-Brabant", 'city is "Noord-Brabant"', id="province"),
    ],
)
def test_a_posting_without_a_concrete_place_is_high_risk(city, matched):
    flags = screen(posting(city=city, **NOWHERE))

    assert summary(flags) == [("no_concrete_place", HIGH)]
    assert matched in flags[0].matched


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({**NOWHERE, "city": "Utrecht"}, id="city-only"),
        pytest.param({**NOWHERE, "city": "Alphen aan den Rijn"}, id="city-with-en"),
        pytest.param({**NOWHERE, "city": "Bergen op Zoom"}, id="city-with-op"),
        pytest.param({**NOWHERE, "city": "", "address": "Havenweg 12"}, id="address-only"),
        pytest.param({**NOWHERE, "city": "", "postal_code": "3534 AM"}, id="postcode-only"),
        pytest.param({**NOWHERE, "city": "heel Nederland", "has_location": True}, id="located"),
        pytest.param({**NOWHERE, "city": "Diverse locaties", "address": "Kade 3"}, id="address"),
    ],
)
def test_one_concrete_place_is_enough(fields):
    assert screen(posting(**fields)) == []


# --- The whole posting -------------------------------------------------------------------------

CLEAN_WAREHOUSE_POSTING = """\
Als orderpicker in ons distributiecentrum in Nieuwegein verzamel je bestellingen voor
supermarkten met een handscanner en een elektrische pallettruck.

Wat bieden wij?
- €15,00 bruto per uur, plus 8% vakantiegeld en een toeslag van 25% in de avonddienst.
- Reiskostenvergoeding vanaf 10 km; het terrein is goed bereikbaar met de bus.
- Werkschoenen en kleding krijg je van ons. De VCA-cursus betalen wij.
- Een contract voor 6 maanden met kans op vast.

Wat vragen wij?
- Je bent 18 jaar of ouder en beschikbaar 38 uur per week in 2-ploegendienst
  (06:00-14:30 of 14:30-23:00), start 3 maart 2025.
- Op je eerste werkdag neem je een geldig identiteitsbewijs mee voor het tekenen van je contract.

Solliciteer via de knop hieronder. Wij vragen nooit om inschrijfgeld of borg.
"""


def test_a_clean_warehouse_posting_has_no_flags():
    flags = screen(
        posting(
            CLEAN_WAREHOUSE_POSTING,
            title="Orderpicker distributiecentrum (38 uur)",
            address="Ravenswade 54",
            postal_code="3439 LD",
            city="Nieuwegein",
        )
    )

    assert flags == []
    assert not has_high_risk(flags)


HONEST_SEASONAL_POSTING = """\
We are looking for 20 harvesters for tomatoes in the Westland. What we offer: €14.71 gross per
hour, overtime paid at 125%, SNF-certified housing in Naaldwijk for €98 per week (deducted from
your salary with your written consent), and a shuttle bus from the housing (free).
Requirements: an EU passport or ID card and a BSN; we help you register at the municipality.
Bring your passport to the intake: we check it and make a copy, as Dutch law requires.
"""


def test_an_honest_seasonal_posting_keeps_only_its_lawful_housing_deduction_for_moderators():
    flags = screen(posting(HONEST_SEASONAL_POSTING, title="Seasonal greenhouse workers"))

    assert summary(flags) == [("housing_deduction", LOW)]
    assert "€98 per week" in flags[0].matched
    assert "€424.67 a month" in flags[0].detail
    assert not has_high_risk(flags)


def test_many_marks_at_once_give_their_flags_in_rules_order():
    scam = posting(
        (
            "Verdien snel geld! Huisvesting €200 per week en vervoer €5 per dag worden ingehouden. "
            "Stuur een kopie van je paspoort, je BSN en je IBAN via WhatsApp naar 06-12345678. "
            "Je betaalt €75 inschrijfgeld bij aanvang."
        ),
        hourly_wage=Decimal("60.00"),
        category_median_wage=Decimal("14.71"),
        city="Heel Nederland",
        **NOWHERE,
    )

    flags = screen(scam)

    assert summary(flags) == [
        ("worker_fee", HIGH),
        ("off_platform_contact", HIGH),
        ("identity_document_request", HIGH),
        ("bsn_request", HIGH),
        ("bank_details_request", HIGH),
        ("pay_above_market", HIGH),
        ("housing_deduction", HIGH),
        ("transport_deduction", LOW),
        ("no_concrete_place", HIGH),
    ]
    assert [flag.code for flag in flags] == [rule.__name__ for rule in RULES]
    assert has_high_risk(flags)


def test_a_rule_gives_one_flag_however_often_its_mark_appears():
    flags = screen(
        posting("Inschrijfgeld €20. Borg €100. Registration fee €20. App ons op 06-12345678.")
    )

    assert summary(flags) == [("worker_fee", HIGH), ("off_platform_contact", HIGH)]
    assert "Inschrijfgeld €20" in flags[0].matched


def test_the_title_is_screened_too():
    flags = screen(posting("Leuk werk in de kas.", title="Kassenwerk - app 06-12345678"))

    assert summary(flags) == [("off_platform_contact", HIGH)]
    assert "06-12345678" in flags[0].matched


def test_matched_text_is_trimmed_around_the_match():
    filler = "Wij zoeken gemotiveerde collega's voor het oogsten van tomaten en paprika's " * 3
    flags = screen(posting(f"{filler}en je betaalt €50 inschrijfgeld {filler}."))

    assert len(flags[0].matched) <= 120
    assert "€50 inschrijfgeld" in flags[0].matched


def test_a_flag_is_stored_as_a_plain_dict():
    flag = RiskFlag(
        code="worker_fee", severity=HIGH, matched="€50 inschrijfgeld", detail="A fee is asked."
    )

    assert flag.as_dict() == {
        "code": "worker_fee",
        "severity": "high",
        "matched": "€50 inschrijfgeld",
        "detail": "A fee is asked.",
    }


@pytest.mark.parametrize(
    ("severities", "high"),
    [([], False), ([LOW], False), ([LOW, HIGH], True), ([HIGH], True)],
)
def test_only_a_high_flag_is_high_risk(severities, high):
    flags = [RiskFlag(code="x", severity=s, matched="", detail="") for s in severities]

    assert has_high_risk(flags) is high
