"""Validators and normalisers for Dutch identifiers.

Each `normalize_*` function takes what a person typed, returns the one stored
form, or raises `ValidationError` with a stable code. The `validate_*`
functions check an already stored value and are used on model fields.
"""

import functools
import ipaddress
import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.encoding import iri_to_uri, punycode
from django.utils.translation import gettext_lazy as _

# Four digits, the first not 0, then two letters; SA, SD and SS are never
# issued (they recall the Nazi-era abbreviations).
_POSTAL_CODE_RE = re.compile(r"[1-9][0-9]{3}(?!SA|SD|SS)[A-Z]{2}")
_STORED_POSTAL_CODE_RE = re.compile(r"[1-9][0-9]{3} (?!SA|SD|SS)[A-Z]{2}")
_KVK_RE = re.compile(r"[0-9]{8}")
_WHITESPACE_RE = re.compile(r"\s+")

DEFAULT_PHONE_REGION = "NL"


def normalize_postal_code(value: str) -> str:
    """`1234ab`, `1234 AB` and ` 1234  ab ` all become `1234 AB`."""
    compact = _WHITESPACE_RE.sub("", str(value)).upper()
    if not _POSTAL_CODE_RE.fullmatch(compact):
        raise ValidationError(
            _("Enter a Dutch postal code such as 1234 AB."), code="invalid_postal_code"
        )
    return f"{compact[:4]} {compact[4:]}"


def validate_postal_code(value: str) -> None:
    if not _STORED_POSTAL_CODE_RE.fullmatch(value):
        raise ValidationError(
            _("Enter a Dutch postal code such as 1234 AB."), code="invalid_postal_code"
        )


def normalize_kvk_number(value: str) -> str:
    """A KvK (Chamber of Commerce) number is exactly 8 digits; spaces and dots are dropped."""
    compact = re.sub(r"[\s.]", "", str(value))
    if not _KVK_RE.fullmatch(compact):
        raise ValidationError(_("A KvK number has exactly 8 digits."), code="invalid_kvk_number")
    return compact


def validate_kvk_number(value: str) -> None:
    if not _KVK_RE.fullmatch(value):
        raise ValidationError(_("A KvK number has exactly 8 digits."), code="invalid_kvk_number")


def normalize_phone_number(value: str, region: str = DEFAULT_PHONE_REGION) -> str:
    """Any way of writing a valid number becomes E.164; without a country code it is Dutch."""
    try:
        number = phonenumbers.parse(str(value), region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Enter a valid phone number."), code="invalid_phone_number"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number."), code="invalid_phone_number")
    if number.extension:  # a text message cannot reach an extension; dropping it would mislead
        raise ValidationError(
            _("Enter a phone number without an extension."), code="invalid_phone_number"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Numbers a text message with a code is sent to. Landlines, premium-rate, shared-cost,
# toll-free, VoIP and pager numbers are refused: they get no text, and texts to
# premium-rate numbers are how "SMS pumping" fraud bills a platform.
_TEXTABLE = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


def validate_mobile_number(e164: str) -> None:
    """A valid number (E.164) that takes text messages: a mobile number of a country
    the platform texts (SMS_COUNTRIES)."""
    number = phonenumbers.parse(e164)
    if phonenumbers.number_type(number) not in _TEXTABLE:
        raise ValidationError(
            _("Enter a mobile number: the code comes by text message."),
            code="invalid_phone_number",
        )
    countries = settings.SMS_COUNTRIES
    if "*" not in countries and phonenumbers.region_code_for_number(number) not in countries:
        raise ValidationError(
            _("Codes are texted to mobile numbers of these countries only: %(countries)s."),
            code="phone_country_not_supported",
            params={"countries": ", ".join(sorted(countries))},
        )


def validate_phone_number(value: str) -> None:
    """A stored phone number must already be in E.164."""
    if normalize_phone_number(value) != value:
        raise ValidationError(
            _("Store phone numbers in E.164 form, such as +31612345678."),
            code="invalid_phone_number",
        )


# A BSN (citizen service number) is nine digits passing the "11-proef". People
# write them in groups split by one space (of any kind), dash (of any kind) or
# dot. Nine digits are only a candidate where no digit touches them: a longer run
# is another number. Commas, slashes and longer gaps are left out on purpose: one
# in eleven nine-digit windows passes the 11-proef, and shift times, salary and
# date ranges and lists of sizes would be taken for BSNs.
_BSN_SEPARATORS = r"[\s.\-]?"
_BSN_CANDIDATE_RE = re.compile(rf"(?<![0-9])(?=([0-9](?:{_BSN_SEPARATORS}[0-9]){{8}})(?![0-9]))")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_MINUS_SIGN = "\u2212"


@functools.lru_cache(maxsize=4096)
def _bsn_fold(char: str) -> str:
    """What one character is to the BSN check: invisible ones are nothing, dashes a dash,
    a digit of any script its ASCII digit."""
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me"):  # zero-width spaces, soft hyphens, keycap marks
        return ""
    if category == "Pd" or char == _MINUS_SIGN:
        return "-"
    if category == "Nd":
        return str(unicodedata.digit(char))
    return char


def _bsn_text(text: str) -> str:
    # NFKC makes fullwidth digits and no-break spaces the plain ones.
    text = unicodedata.normalize("NFKC", text)
    return _NON_ASCII_RE.sub(lambda match: _bsn_fold(match.group()), text)


def is_valid_bsn(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def contains_bsn(text: str) -> bool:
    """True when free text holds something that is a BSN, however it is written."""
    for match in _BSN_CANDIDATE_RE.finditer(_bsn_text(text or "")):
        if is_valid_bsn(re.sub(r"[^0-9]", "", match.group(1))):
            return True
    return False


def validate_no_bsn(value: str) -> None:
    """The platform may not keep citizen service numbers (it is not the employer)."""
    if contains_bsn(value):
        raise ValidationError(
            _("Remove the citizen service number (BSN): the platform may not store it."),
            code="contains_bsn",
        )


# Line breaks, tabs and the other control characters (but NUL, which every
# CharField refuses already as `null_characters_not_allowed`), Unicode's line and
# paragraph separators, and the bidi embeddings, overrides and isolates, which
# reorder what follows them on screen (a name could read as another).
_NOT_ON_ONE_LINE_RE = re.compile("[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# Letters that no font draws: the Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_UNSEEN_CATEGORIES = frozenset(("Cc", "Cf", "Mn", "Me"))


def validate_one_line(value: str) -> None:
    """Text shown as one line (a name, a title, a place): a line break in a company
    name went into the subject of an email, and a bidi override makes a name read
    as another."""
    if _NOT_ON_ONE_LINE_RE.search(value):
        raise ValidationError(
            _("Write this on one line, without control or text-direction characters."),
            code="invalid",
        )


def visible_length(value: str) -> int:
    """The characters that show: not whitespace, not invisible formatting (zero-width
    spaces, soft hyphens), not a mark that only combines with another character."""
    return sum(
        1
        for char in value
        if not char.isspace()
        and char not in _BLANK_LETTERS
        and unicodedata.category(char) not in _UNSEEN_CATEGORIES
    )


class MinVisibleLengthValidator:
    """Text that is not empty shows at least `limit` characters (one without a limit):
    a company name of two zero-width spaces is no name."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        least = max(self.limit or 0, 1)
        if len(value) < least:
            return  # empty, or too short already: the field's own checks say so
        if visible_length(value) < least:
            if self.limit:
                raise ValidationError(
                    _("Ensure this field has at least %(limit)d visible characters."),
                    code="min_length",
                    params={"limit": self.limit},
                )
            raise ValidationError(_("This field has no visible characters."), code="blank")


MIN_WORKING_AGE = 15


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years of age on `day` (a person born on 29 February ages on 1 March)."""
    return (
        day.year
        - date_of_birth.year
        - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
    )


# The longest domain name DNS can carry.
MAX_DOMAIN_LENGTH = 253


def ascii_domain(domain: str) -> str | None:
    """The domain in IDNA's ASCII form, or None when it has none.

    A domain longer than DNS allows is refused before IDNA's work, which grows with
    the text: a 2 MB address sent to sign in took seconds of CPU to refuse.
    """
    if len(domain) > MAX_DOMAIN_LENGTH:
        return None
    try:
        return punycode(domain)
    except UnicodeError:
        return None


def validate_mailbox_address(value: str) -> None:
    """An everyday address: no quoted local part and no IP-literal domain.

    Both are valid by the RFCs, and both let one mailbox be written many ways
    (`"sanne"@x.nl`, `"\\sanne"@x.nl` and `sanne@x.nl` are one inbox): each
    spelling would be its own account and its own sign-in throttle.
    """
    local, _at, domain = str(value).rpartition("@")
    if ascii_domain(domain) is None:
        domain = "["  # no domain IDNA can write: refused below
    if '"' in local or "\\" in local or domain.startswith("["):
        raise ValidationError(
            _("Enter an email address without quotes or an IP address as its domain."),
            code="invalid",
        )


_WEBSITE_URL = URLValidator(schemes=["http", "https"])
# Top-level names that lead into the visitor's own machine or network (or to no
# public site at all), never to a public website.
_NOT_PUBLIC_TLDS = frozenset(
    [
        "localhost",
        "local",
        "internal",
        "intranet",
        "lan",
        "home",
        "corp",
        "private",
        "arpa",
        "onion",
        "invalid",
        "alt",
    ]
)
# Python's IDNA (Django's punycode) maps these away where browsers keep them:
# `straße.de` would become `strasse.de`, another domain.
_IDNA_DEVIATIONS = frozenset("\u00df\u03c2\u200c\u200d")


def normalize_website(value: str) -> str:
    """A public website's link, http or https, with its host in IDNA's ASCII form
    (`https://bäckerei.nl` becomes `https://xn--bckerei-5wa.nl`) and the rest of it
    a URI (other non-ASCII characters percent-encoded).

    Refused: a user name or password in the link (`https://bank.nl:x@evil.example`
    shows one name and opens another site), and a host that is no public domain
    name: an IP address, a single label, `localhost` or a private network's name,
    which open something on the visitor's own machine or network.
    """
    invalid = ValidationError(_("Enter a valid URL."), code="invalid")
    try:
        _WEBSITE_URL(value)
        parts = urlsplit(value)
        port = parts.port  # a ValueError when out of range
    except (ValidationError, ValueError) as exc:
        raise invalid from exc
    if port == 0:  # no server listens there: no link a visitor can open
        raise invalid
    if "@" in parts.netloc:
        raise ValidationError(
            _("Enter the website's address without a user name or password."), code="invalid"
        )
    host = (parts.hostname or "").rstrip(".")
    if _IDNA_DEVIATIONS.intersection(host):
        raise ValidationError(
            _("Write this domain name in its ASCII form (xn--…)."), code="invalid"
        )
    try:
        host = punycode(host).lower()
    except UnicodeError as exc:
        raise invalid from exc
    labels = host.split(".")
    try:
        ipaddress.ip_address(host)
        is_ip_address = True
    except ValueError:
        is_ip_address = False
    if is_ip_address or len(labels) < 2 or labels[-1] in _NOT_PUBLIC_TLDS:
        raise ValidationError(
            _("Enter the address of a public website, such as https://bakkerij.nl."),
            code="invalid",
        )
    rest = value[len(parts.scheme) + len("://") + len(parts.netloc) :]
    netloc = host if port is None else f"{host}:{port}"
    return f"{parts.scheme}://{netloc}{iri_to_uri(rest)}"
