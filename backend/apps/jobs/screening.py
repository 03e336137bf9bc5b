"""Screening of job postings for the marks of exploitation, before workers see them.

Each rule is a small pure function of a `Posting` that returns one `RiskFlag` or
None; `screen()` runs every rule in `RULES` order. A HIGH flag sends the job to
moderators instead of publishing it; LOW flags are kept for moderators. A wage
below the statutory minimum is not a flag: it is refused outright elsewhere.

Text rules read the title and description together, case-insensitively, in Dutch
and English. They err towards flagging, because a moderator clears a false flag
in a minute while a missed scam costs a worker money or papers; what keeps them
usable is that they recognise the honest phrasings that share the scam's words:
negations ("geen inschrijfgeld", "we never ask for your PIN"), reimbursements
("reiskosten worden vergoed") and the lawful moments for personal data (below).
"""

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache

import phonenumbers

MATCHED_MAX_CHARS = 120
SENTENCE_REACH = 400
MAX_MENTIONS = 20
MARKET_MULTIPLE = 3
DEDUCTION_CAP_SHARE = Fraction(1, 4)


class Severity(StrEnum):
    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True)
class RiskFlag:
    code: str
    severity: Severity
    matched: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "matched": self.matched,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class Posting:
    title: str
    description: str
    category: str
    hourly_wage: Decimal
    address: str
    postal_code: str
    city: str
    has_location: bool
    minimum_hourly_wage: Decimal
    category_median_wage: Decimal | None


Rule = Callable[[Posting], RiskFlag | None]


def screen(posting: Posting) -> list[RiskFlag]:
    """Every rule's flag, in `RULES` order; each rule gives at most one flag."""
    return [flag for rule in RULES if (flag := rule(posting)) is not None]


def has_high_risk(flags: list[RiskFlag]) -> bool:
    return any(flag.severity is Severity.HIGH for flag in flags)


# --- Text helpers --------------------------------------------------------------------------

_I = re.IGNORECASE | re.VERBOSE
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_QUOTES = str.maketrans("\u2018\u2019\u201b\u201c\u201d\u201e", "'''\"\"\"")
_WORD = re.compile(r"[\w']+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")
_CLAUSE_BREAK = re.compile(
    r"[.!?;\n]|,(?![\d-])|\b(?:maar|but|wel|however|echter|though|although|behalve|except)\b",
    re.I,
)
# Between two words of one sentence: anything but a word or a sentence end.
_GAP = r"[^\w.!?;\n]++"
_NEGATION = re.compile(
    r"geen|nooit|niet|zonder|noch|niets|niks|niemand|no|never|not|without|nor|none|nothing|\w+n't",
    re.I,
)


@lru_cache(maxsize=256)
def _normalise(title: str, description: str) -> str:
    """One text for the rules; NFKC and dropped zero-width characters defeat cheap disguises."""
    text = unicodedata.normalize("NFKC", f"{title}\n{description}")
    return text.translate(_INVISIBLE).translate(_QUOTES)


def _text(posting: Posting) -> str:
    return _normalise(posting.title, posting.description)


def _sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`, at most SENTENCE_REACH characters either side (keeps rules linear)."""
    left = max(0, pos - SENTENCE_REACH)
    start = left
    for end in _SENTENCE_END.finditer(text, left, pos):
        start = end.end()
    after = _SENTENCE_END.search(text, pos, pos + SENTENCE_REACH)
    return start, after.end() if after else min(len(text), pos + SENTENCE_REACH)


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - 200)
    breaks = list(_CLAUSE_BREAK.finditer(text, left, start))
    clause_start = breaks[-1].end() if breaks else left
    after = _CLAUSE_BREAK.search(text, end, end + 200)
    return clause_start, after.start() if after else min(len(text), end + 200)


def _excerpt(text: str, start: int, end: int) -> str:
    """The sentence around a match, trimmed around it to MATCHED_MAX_CHARS."""
    s_start, _ = _sentence_span(text, start)
    _, s_end = _sentence_span(text, max(start, end - 1))
    if s_end - s_start <= MATCHED_MAX_CHARS:
        return _SPACE.sub(" ", text[s_start:s_end]).strip()
    room = max(0, MATCHED_MAX_CHARS - (end - start) - 2)
    left = max(s_start, start - room // 2)
    right = min(s_end, end + room - (start - left))
    snippet = _SPACE.sub(" ", text[left:right]).strip()
    prefix = "…" if left > s_start else ""
    suffix = "…" if right < s_end else ""
    return f"{prefix}{snippet}{suffix}"


def _is_negation(word: str) -> bool:
    return bool(_NEGATION.fullmatch(word))


def _negated(
    text: str,
    start: int,
    end: int,
    *,
    window: int = 5,
    list_item: re.Pattern[str] | None = None,
    waived_after: re.Pattern[str] | None = None,
) -> bool:
    """Whether a match is denied rather than asked ("wij vragen nooit inschrijfgeld").

    A negation counts within `window` words before the match in its clause, or
    inside the match. With `list_item`, the negation also reaches along a list
    ("geen inschrijfgeld, borg of administratiekosten"). `waived_after` matches
    a denial following the match in its clause ("inschrijfgeld: geen").
    """
    _, clause_end = _clause_span(text, start, end)
    before = text[max(0, start - 200) : start]
    while list_item is not None and (item := list_item.search(before)):
        before = before[: item.start()]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(before)[-window:] + _WORD.findall(text[start:end])
    if any(_is_negation(word) for word in words):
        return True
    return bool(waived_after and waived_after.match(text, end, clause_end))


# --- Amounts ---------------------------------------------------------------------------------

_NUMBER = (
    r"\d{1,3}(?:\.\d{3}){1,4}(?:,\d{1,2})?|\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?"
)
_AMOUNT = rf"""
    (?:€|\beur\b|\beuro\b)\s*(?P<n1>{_NUMBER})(?!\d)(?:,-{{1,2}}|\.-)?
  | (?<![\d.,])(?P<n2>{_NUMBER})(?:,-{{1,2}}|\.-)?\s*(?:€|\beuros?\b|\beur\b)
  | (?<![\d.,])(?P<n3>{_NUMBER})(?:,-{{1,2}}|\.-)(?![\w-])
"""

_PERIOD = r"""
    \s*(?:per\s+persoon\s+|p\.?\s?p\.?\s*)?
    (?:
        (?:per|/|p/|p\.|a|an|each|every|elke|iedere)\s*(?P<unit>dag|day|nacht|night|week|wk|maand|month|mnd|(?:4|vier)\s*weken)\b
      | (?P<abbr>p\.?\s?w\.?|p/w|p\.?\s?d\.?|p/d|p\.?\s?m\.?|p/m)(?!\w)
      | (?P<adverb>dagelijks|daily|wekelijks|weekly|maandelijks|monthly)\b
    )
"""
_PERIODIC_AMOUNT = re.compile(rf"(?:{_AMOUNT}){_PERIOD}", _I)
# The same, without group names, where a pattern needs them more than once.
_MONEY = re.sub(r"\(\?P<\w+>", "(?:", _AMOUNT)
_ANY_PERIOD = re.sub(r"\(\?P<\w+>", "(?:", _PERIOD)
_WAGE_WORDS = re.compile(
    r"\b(?:salaris|salary|loon|uurloon|weekloon|maandloon|brutoloon|nettoloon|wages?|verdien\w*|earn\w*|bruto|netto|gross|net)\b",
    re.I,
)
# Days are working days (21.75 a month); lodging charged by the night runs every night.
_MONTHLY_FACTORS = {
    **dict.fromkeys(("dag", "day", "d", "dagelijks", "daily"), Fraction(87, 4)),
    **dict.fromkeys(("nacht", "night"), Fraction(365, 12)),
    **dict.fromkeys(("week", "wk", "w", "wekelijks", "weekly"), Fraction(52, 12)),
    **dict.fromkeys(("4weken", "vierweken"), Fraction(13, 12)),
    **dict.fromkeys(("maand", "month", "mnd", "m", "maandelijks", "monthly"), Fraction(1)),
}


def _parse_amount(raw: str) -> Decimal | None:
    """Euros as written in Dutch or English: "95", "95,50", "1.200", "1.200,50", "1,200.50"."""
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", raw):
        raw = raw.replace(",", "")
    else:
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class _PeriodicAmount:
    start: int
    end: int
    monthly: Fraction


_WAGE_SOURCE = frozenset(("from", "off", "of", "on", "van", "op", "uit"))


def _labels_a_wage(words_before: list[str]) -> bool:
    """Whether a wage word in the three words before an amount names it ("salaris €2.600 per
    maand"), rather than where a cost is taken from ("deducted from your salary: €180 per week")."""
    for i in range(max(0, len(words_before) - 3), len(words_before)):
        if _WAGE_WORDS.fullmatch(words_before[i]) and not any(
            word.lower() in _WAGE_SOURCE for word in words_before[max(0, i - 2) : i]
        ):
            return True
    return False


def _periodic_amounts(text: str, start: int, end: int) -> Iterator[_PeriodicAmount]:
    """Amounts with a period in text[start:end], as monthly euros; wages are skipped."""
    for m in _PERIODIC_AMOUNT.finditer(text, start, end):
        clause_start, _ = _clause_span(text, m.start(), m.end())
        if _labels_a_wage(_WORD.findall(text[clause_start : m.start()])):
            continue
        amount = _parse_amount(m.group("n1") or m.group("n2") or m.group("n3"))
        if m.group("abbr"):
            unit = m.group("abbr").lower().strip("p./ ")
        else:
            unit = re.sub(r"\s", "", m.group("unit") or m.group("adverb")).lower()
        factor = _MONTHLY_FACTORS.get(unit)
        if amount is not None and factor is not None:
            yield _PeriodicAmount(m.start(), m.end(), Fraction(amount) * factor)


def _euros(value: Fraction) -> str:
    return f"€{Decimal(value.numerator) / Decimal(value.denominator):.2f}"


# --- 1. Fees and deposits asked of the worker ----------------------------------------------------

_FEE_TERMS = r"""
    inschrijf(?:geld(?:en)?|kosten) | inschrijvings(?:geld|kosten) | registratie(?:kosten|geld)
  | aanmeld(?:ings)?(?:kosten|geld) | administratiekosten | bemiddelings(?:kosten|fee|geld)
  | plaatsings(?:kosten|fee) | opleidingskosten | cursus(?:kosten|geld) | trainingskosten
  | waarborgsom | borgsom | borggeld | borg | tikkie | aanbetaling | startkosten | intakekosten
  | reserveringskosten
  | kosten\s+(?:voor|van)\s+(?:de\s+|het\s+|je\s+|jouw\s+|uw\s+|een\s+)?(?:VCA[-\w]*|cursus|training|opleiding|certificaat|certificering|diploma|uniform|werkkleding|inschrijving|registratie|aanmelding|bemiddeling)
  | (?:registration|sign[-\s]?up|enrol(?:l)?ment|application|training|course|placement|administration|admin|processing|recruitment|agency|booking|membership|onboarding|upfront|advance|reservation|joining)\s+(?:fees?|charges?)
  | registration\s+costs? | (?:security\s+)?deposits?
  | pay\s+(?:for\s+)?(?:your|the|a|their)\s+(?:own\s+)?(?:uniform|training|certificate|course|work\s*wear|safety\s+shoes|visa|work\s+permit|VCA)
  | pay\s+(?:a|an|the)\s+(?:small\s+|one[-\s]?time\s+|once[-\s]?off\s+)?fee | fee\s+of\s+(?:€|eur)
  | (?:betaal|betaalt|betalen)\s+(?:je\s+|jij\s+|u\s+)?(?:zelf\s+)?(?:voor\s+)?(?:je|jouw|uw|de|het|een)\s+(?:eigen\s+)?(?:uniform|werkkleding|werkschoenen|training|cursus|opleiding|certificaat|VCA|diploma)
  | (?:VCA|uniform|werkkleding|werkschoenen|training|cursus|opleiding)[-\w]{0,40}+\s++(?:\w++\s++){0,2}?(?:zelf\s+betalen|betaal\s+je\s+zelf|voor\s+eigen\s+rekening|op\s+eigen\s+kosten)
"""
_FEE = re.compile(rf"\b(?:{_FEE_TERMS})\b", _I)
_FEE_LIST_ITEM = re.compile(
    rf"\b(?:{_FEE_TERMS}|kosten|costs?|fees?)\W*?(?:,|/|&|\b(?:of|en|or|and|noch|nor)\b)\s*$", _I
)
_FEE_WAIVED_AFTER = re.compile(
    r"""\W{0,3}(?:\w++\W{1,10}){0,3}?(?:
        (?:is|zijn|wordt|worden)\s+(?:\w+\s+)?(?:niet\s+(?:nodig|verplicht|van\s+toepassing)|gratis|vergoed|betaald\s+door|voor\s+(?:onze\s+)?rekening)
      | (?:vragen|rekenen|heffen|brengen)\s+(?:wij|we)\s+(?:\w+\s+)?(?:niet|nooit)
      | (?:betaal|betaalt)\s+(?:je|jij|u)\s+(?:\w+\s+)?(?:niet|nooit)
      | (?:is|are)\s+(?:\w+\s+)?(?:not\s+(?:required|needed|necessary|charged|applicable)|covered|paid\s+by|reimbursed|free|waived)
      | (?:geen|none|nihil|n\.?v\.?t)\b
      | (?:€|eur)\s*0(?:[,.]00?|,-)?(?!\s*[,.]?\d)
    )""",
    _I,
)
# The worker paying or transferring a sum once, to register, start or keep a place. A sum with
# a period ("je betaalt €95 per week") is a running cost, read by the deduction rules; the
# employer paying ("we pay €15 per hour", "wij betalen je reiskosten") has another subject.
_PAY_TO_WORK = re.compile(
    rf"""\b(?:betaal\s+(?:je|jij|u)|betaalt\s+(?:je|jij|u)|(?:je|jij|u)\s+betaalt)\b(?:\s++\w++){{0,3}}?\s*+(?:{_MONEY})(?!{_ANY_PERIOD})
      | \b(?:maak|maakt)\s+(?:je\s+|jij\s+|u\s+)?(?:eerst\s+|eenmalig\s+|vooraf\s+)?(?:{_MONEY})\s*over\b
      | (?:{_MONEY})\s*(?:overmaken|overschrijven)\b
      | \b(?:you|candidates|applicants|workers)\s+(?:must\s+|will\s+|need\s+to\s+|have\s+to\s+|should\s+)?(?:first\s+)?(?:pay|transfer)\s+(?:us\s+)?(?:{_MONEY})(?!{_ANY_PERIOD})
      | \b(?:transfer|pay)\s+(?:us\s+)?(?:{_MONEY})\s+(?:to\s+(?:secure|reserve|get|book|start)|before|upfront|in\s+advance)\b
      | \b(?:one[-\s]?off|one[-\s]?time|once[-\s]?off|upfront|advance|initial)\s+payment\s+of\s+(?:{_MONEY})
      | \bpayment\s+of\s+(?:{_MONEY})(?!{_ANY_PERIOD})\s+(?:is\s+)?(?:required|needed|due|to\s+secure)
      | \b(?:we|wij|the\s+(?:agency|company|employer))(?:\s+will|\s*'ll)?\s+(?:charge|rekenen|berekenen|vragen)\s+(?:you\s+|je\s+|jou\s+|u\s+)?(?:{_MONEY})(?!{_ANY_PERIOD})
      | \b(?:rekenen|berekenen|vragen)\s+(?:we|wij)\s+(?:je\s+|jou\s+|u\s+)?(?:{_MONEY})(?!{_ANY_PERIOD})
      | \beigen\s+bijdrage\s+(?:van\s+)?(?:{_MONEY})(?!{_ANY_PERIOD})""",
    _I,
)
# What a sum paid once must be for to be a fee for work: lunch in the canteen, parking
# or coffee is the worker's own business.
_WORK_OBJECT = re.compile(
    r"""\b(?:inschrijv\w*|aanmeld\w*|registrati\w*|registr\w*|bemiddel\w*|plek|plaats|start\w*|begin\w*
      | cursus\w*|training\w*|opleiding\w*|certifica\w*|vca|contract\w*|baan|job|werk\w*|sollicit\w*|intake
      | vergunning\w*|uniform\w*|permit|visa|visum|schoenen|shoes|workwear|pasje|badge
      | registration|register\w*|course|placement|place|spot|position|hired|hiring|apply\w*|application)\b""",
    _I,
)
_ZERO_SUM = re.compile(r"^[^1-9]*$")


def _for_work(text: str, m: re.Match[str]) -> bool:
    """A payment asked once is a fee for work when its sum is not nothing and its
    sentence says what for: registering, starting, a course, a place, the job."""
    if _ZERO_SUM.match(m.group()):
        return False
    start, end = _sentence_span(text, m.start())
    return bool(_WORK_OBJECT.search(text, max(start, m.start() - 120), min(end, m.end() + 120)))


# "Deposit" the verb: "we deposit your wages", "direct deposit".
_DEPOSIT_VERB = re.compile(
    r"""\b(?:direct|we|will)\s+deposits?\b|\bdeposits?\s+(?:your|the|wages?|salar(?:y|ies)|pay|it|money|directly|weekly|monthly|into)\b
      | \bdeposits?\s+of\s+(?:your\s+|the\s+)?(?:wages?|salar(?:y|ies)|pay|earnings)\b""",
    _I,
)
# "Wij staan borg voor kwaliteit": to vouch for, not a deposit.
_BORG_IDIOM = re.compile(
    r"\b(?:sta|staat|staan|stond|stonden)\b(?:\s++\w++){0,3}\s+$|^\s+(?:te\s+)?(?:staan|gestaan)\b",
    re.I,
)


# The employer (or its client) as the one who pays: "we pay for your training", "wij
# betalen je VCA", "de werkgever betaalt je ...", "wij vergoeden je opleidingskosten";
# right before the verb, but for an adverb. A sum given back ("wij betalen je borg terug")
# was asked first, and a deposit is never the employer's to pay.
_EMPLOYER = r"""(?:we|wij|(?:the|our)\s+(?:company|employer|agency|client|customer)
    | (?:de|onze?)\s+(?:werkgever|opdrachtgever|klant|organisatie)|(?:het|ons)\s+(?:bedrijf|uitzendbureau))"""
_EMPLOYER_ADVERBS = (
    r"(?:\s*+'ll|\s++(?:will|also|always|fully|gladly|ook|altijd|graag|volledig|gewoon)){0,3}"
)
_EMPLOYER_PAYS = re.compile(rf"\b{_EMPLOYER}{_EMPLOYER_ADVERBS}\s*$", _I)
_EMPLOYER_COVERS = re.compile(
    rf"""\b{_EMPLOYER}{_EMPLOYER_ADVERBS}\s++
    (?:vergoeden|vergoedt|betalen|betaalt|reimburses?|covers?|pays?(?:\s+for)?)\s++(?:\w++\s++){{0,3}}$""",
    _I,
)
_PAY_VERB = re.compile(r"pay|betaal|betalen", re.I)
_GIVEN_BACK = re.compile(r"\b(?:terug|back|refund\w*|retour)\b", re.I)
_DEPOSIT_WORD = re.compile(r"\w*borg\w*|(?:security\s+)?deposits?", re.I)


def _employer_pays(text: str, m: re.Match[str]) -> bool:
    """Whether a payment or fee is the employer's to pay, not the worker's ("wij betalen je cursus")."""
    clause_start, clause_end = _clause_span(text, m.start(), m.end())
    if _DEPOSIT_WORD.fullmatch(m.group()) or _GIVEN_BACK.search(text, m.end(), clause_end):
        return False
    if _PAY_VERB.match(m.group()):
        return bool(_EMPLOYER_PAYS.search(text, clause_start, m.start()))
    return bool(_EMPLOYER_COVERS.search(text, clause_start, m.start()))


def _is_fee_request(text: str, m: re.Match[str]) -> bool:
    word = m.group().lower()
    if _employer_pays(text, m):
        return False
    if word.startswith("deposit") and (
        _DEPOSIT_VERB.search(text, max(0, m.start() - 8), m.end() + 30)
    ):
        return False
    if word == "borg" and (
        _BORG_IDIOM.search(text[max(0, m.start() - 40) : m.start()])
        or _BORG_IDIOM.match(text[m.end() : m.end() + 20])
    ):
        return False
    return not _negated(
        text, m.start(), m.end(), list_item=_FEE_LIST_ITEM, waived_after=_FEE_WAIVED_AFTER
    )


def worker_fee(posting: Posting) -> RiskFlag | None:
    text = _text(posting)
    fee = next((m for m in _FEE.finditer(text) if _is_fee_request(text, m)), None)
    payment = next(
        (
            m
            for m in _PAY_TO_WORK.finditer(text)
            if _for_work(text, m)
            and not _employer_pays(text, m)
            and not _negated(text, m.start(), m.end())
        ),
        None,
    )
    found = [m for m in (fee, payment) if m is not None]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return RiskFlag(
        code="worker_fee",
        severity=Severity.HIGH,
        matched=_excerpt(text, m.start(), m.end()),
        detail="The posting asks the worker to pay a fee or deposit, which Dutch law forbids (Waadi article 12).",
    )


# --- 2. Contact outside the platform -------------------------------------------------------------

_MESSENGER = re.compile(
    r"""\bwhats\s*-?\s*app\w* | \bwa\.me/\S* | \btelegram\b | \bt\.me/\S* | \bviber\b | \bwechat\b
      | \bsignal\b(?=\s*-?\s*(?:app|messenger)) | \b(?:via|op|on|through|per)\s+signal\b | \bsignal\s+(?:ons|me|mij|us)\b
      | \bapp\s+(?:ons|me|mij|naar|even)\b | \bappje\b | \bappen\s+naar\b
      | \b(?:stuur|stuurt)\s+(?:ons\s+|me\s+|mij\s+)?(?:een\s+)?app(?:je)?\b
      | \bfacebook\s*messenger\b | \b(?:via|op|on|through)\s+messenger\b | \bDM\s+(?:us|me|ons|mij)\b
      | \b(?:stuur|stuurt|send)\s+(?:ons\s+|me\s+|mij\s+|us\s+)?(?:een\s+|a\s+)?(?:DM|PB|privébericht|private\s+message)\b""",
    _I,
)
_DENIED_AFTER = re.compile(
    r"\W{0,3}(?:\w++\W{1,10}){0,3}?(?:is|zijn|wordt|worden|are|will\s+be)\s+(?:\w+\s+)?(?:niet|nooit|not|never)\b",
    re.I,
)
_NOT_A_PHONE_LABEL = re.compile(
    r"\b(?:kvk|btw|vat|iban|bsn|ref|referentie|vacature|vacancy|order|id)(?:[-\s]?(?:nummer|nr|no|number))?[\s.:#-]*$",
    re.I,
)


def _email(dot: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.+-])[\w.+-]++\s?(?:@|\[at\]|\(at\))\s?(?P<domain>(?:[\w-]++(?:{dot}|\s?\[dot\]\s?|\s?\(dot\)\s?)){{1,8}}[a-z]{{2,}})\b",
        re.I,
    )


_EMAIL = _email(r"\.")
# Spaced out ("jobs.nl @ gmail . com") only counts for a personal mailbox: "info @ bedrijf. Nl
# is …" is more likely a sentence end than a disguise.
_SPACED_EMAIL = _email(r"\s?\.\s?")
# Free mailboxes: big brands under any country domain, Dutch providers and those of the
# countries most labour migrants come from.
_PERSONAL_EMAIL_DOMAIN = re.compile(
    r"""(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|rocketmail|icloud|aol|gmx|protonmail
        |yandex|tutanota)\.[a-z.]+
      | (?:[\w-]++\.){0,8}(?:me\.com|mac\.com|mail\.com|mail\.ru|proton\.me|pm\.me|ziggo\.nl|kpnmail\.nl
        |kpnplanet\.nl|planet\.nl|home\.nl|hetnet\.nl|casema\.nl|chello\.nl|upcmail\.nl|xs4all\.nl
        |tele2\.nl|online\.nl|zeelandnet\.nl|quicknet\.nl|caiway\.nl|telfort\.nl|solcon\.nl|wp\.pl|o2\.pl
        |interia\.pl|onet\.pl|op\.pl|gazeta\.pl|tlen\.pl|seznam\.cz|centrum\.cz|abv\.bg|mail\.bg|web\.de
        |t-online\.de|freemail\.hu|inbox\.lv|ukr\.net)""",
    _I,
)


def _is_personal_email_domain(domain: str) -> bool:
    return bool(
        _PERSONAL_EMAIL_DOMAIN.fullmatch(re.sub(r"\s?(?:[\[(]dot[\])]|\.)\s?", ".", domain))
    )


def _phone_numbers(text: str) -> Iterator[tuple[int, int]]:
    """Valid Dutch or international numbers; phonenumbers already leaves dates, times and postcodes."""
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        if not _NOT_A_PHONE_LABEL.search(text[max(0, match.start - 30) : match.start]):
            yield match.start, match.end


def off_platform_contact(posting: Posting) -> RiskFlag | None:
    """Messenger apps, phone numbers and personal mailboxes take the worker out of sight (HIGH).

    A company address is only LOW: honest, but candidates should apply here,
    where the conversation stays visible to moderators.
    """
    text = _text(posting)
    high: list[tuple[int, int]] = [
        m.span()
        for m in _MESSENGER.finditer(text)
        if not _negated(text, m.start(), m.end(), window=7, waived_after=_DENIED_AFTER)
    ]
    high.extend(_phone_numbers(text))
    company: list[tuple[int, int]] = []
    for m in _EMAIL.finditer(text):
        (high if _is_personal_email_domain(m.group("domain")) else company).append(m.span())
    high.extend(
        m.span()
        for m in _SPACED_EMAIL.finditer(text)
        if _is_personal_email_domain(m.group("domain"))
    )
    if high:
        start, end = min(high)
        return RiskFlag(
            code="off_platform_contact",
            severity=Severity.HIGH,
            matched=_excerpt(text, start, end),
            detail="The posting asks candidates to make contact by messenger app, phone or personal email, away from the platform.",
        )
    if company:
        start, end = min(company)
        return RiskFlag(
            code="off_platform_contact",
            severity=Severity.LOW,
            matched=_excerpt(text, start, end),
            detail="The posting gives an email address; candidates should apply through the platform.",
        )
    return None


# --- 3. Identity documents, BSN and bank details before a contract -------------------------------
#
# The lawful-versus-scam line. An employer must check a new worker's identity
# and keep a copy of the ID in the payroll records (Wet op de loonbelasting),
# and needs the BSN and an account number to pay wages. All of that happens
# when the contract is signed, in person or in the agency's onboarding. A
# posting that asks a stranger to send a copy of a passport, a BSN or an IBAN
# to apply is how identities are stolen and bank accounts rented out for
# fraud. So these rules flag a *request* (send, give, upload, a copy or photo
# of) close to the term, and let it pass when the same sentence places it at
# contract signing or the first working day ("bring your ID on your first day
# to sign the contract", "bij het tekenen van je contract maken wij een kopie
# van je ID"). Mere mentions pass too ("your salary is paid to your bank
# account", "je hebt een BSN nodig"). Some things no honest employer asks for
# at any moment: PIN codes, bank cards, DigiD, or keeping a worker's passport.

_REQUEST_BEFORE = r"""(?<!\bwe\s)(?<!\bwij\s)(?<!\bik\s)(?<!'ll\s)(?:
    stuur|stuurt|sturen|opsturen|toesturen|doorsturen|meesturen|verstuur|versturen|
    mail|mailt|mailen|e-?mailen|e-?mail|app|appen|whatsapp|whatsappen|upload|uploaden|uploadt|
    geef|geeft|doorgeven|vermeld|vermelden|noteer|vul|invullen|deel|delen|voeg|bijvoegen|lever|aanleveren|
    vragen\s+(?:om|naar)|vraag\s+(?:om|naar)|
    (?:we|wij)\s+(?:hebben|heb|willen|ontvangen)|hebben\s+(?:we|wij)|ontvangen\s+(?:we|wij)|
    send|email|text|message|submit|provide|give|share|include|attach|forward|fill\s+in|tell\s+us|
    (?:we|i)\s+(?:need|require|want)|ask(?:s|ing)?\s+for|hand\s+(?:in|over)|surrender|
    wat\s+is(?=\s+(?:je|jouw|uw)\b)|what(?:'s|\s+is)(?=\s+your\b)
)"""
_REQUEST_AFTER = r"""(?:
    sturen|opsturen|toesturen|doorsturen|meesturen|mailen|e-?mailen|appen|whatsappen|uploaden|
    doorgeven|geven|vermelden|delen|invullen|aanleveren|inleveren|afgeven|toevoegen|bijvoegen|
    stuur|stuurt|mailt|upload|geef|deel|lever
)\b"""
_COPY_NOUNS = r"kopie|kopietje|kopieën|foto|scan|afbeelding|copy|copies|photo|picture|image|selfie"
_ID_TERMS = r"""(?:
    paspoort|passport|id[-\s]?kaart|identiteitskaart|identiteitsbewijs|identiteitsdocument|legitimatie(?:bewijs)?|
    id[-\s]?(?:card|document|bewijs)|identity\s+(?:card|document)|(?<!job\s)(?<!vacancy\s)(?<![-\w])id|
    verblijfsvergunning|verblijfsdocument|verblijfspas|residence\s+(?:permit|card)|werkvergunning|work\s+permit
)"""
# A driving licence is a job requirement ("vermeld of je een rijbewijs hebt"); only a copy is asked.
_ID_OR_LICENCE_TERMS = rf"(?:{_ID_TERMS}|rijbewijs|driv(?:ing|er'?s)\s+licen[cs]e)"
_BSN_TERMS = r"""(?:
    bsn(?:-?nummer)?|burger\s*service\s*nummer|sofi-?nummer|social\s+security\s+number|
    citizen\s+service\s+number|ssn|pesel
)"""
_BANK_TERMS = r"""(?:
    iban|bankrekening(?:nummer)?|rekeningnummer|bankgegevens|
    bank\s+(?:details|account(?:\s+number)?|information|info)|account\s+number
)"""
_NEVER_LAWFUL_BANK_TERMS = r"""(?:
    bankpas|pinpas|betaalpas|bankkaart|pin-?code|pin\s+(?:code|number)|digid|
    bank\s*card|debit\s+card|credit\s+card|online\s+banking
)"""
# Words that end a request's reach: showing a document, asking whether one has it, help to
# get one, or wages paid into an account.
_GAP_BLOCKERS = r"""neem|neemt|meenemen|mee|bring|show|toon|tonen|laten|zien|controleren|check|
    of\s+(?:je|jij|u|dat)|whether|if|help|helpen|helpt|aanvragen|openen|open|regelen|regelt|
    pay|paid|payment|betaald|uitbetaald|gestort|storten|overgemaakt|overmaken|transferred|into|
    salary|salaris|loon|wage|wages|we|wij|ik|dan|then|zodat|waarna|daarna|krijg|krijgt|get|receive"""
# Words that may stand between a request and its term without counting: articles, list
# joints and the other personal data of a list ("stuur je naam, adres, BSN en IBAN").
_LISTED = rf"""(?:en|and|je|jouw|uw|your|een|a|an|the|de|het|ook|also|naam|name|adres|address|
    geboortedatum|woonplaats|nationaliteit|nationality|telefoonnummer|cv|
    {_ID_OR_LICENCE_TERMS}|{_BSN_TERMS}|{_BANK_TERMS}|{_NEVER_LAWFUL_BANK_TERMS})"""


# Listed words in a row that a request reaches across; a real list is shorter. The bound keeps
# screening linear: an unbounded run let every term re-read all the terms after it.
_LISTED_RUN = 8


def _within(limit: int) -> str:
    """Up to `limit` counted words of one sentence, none of which ends the request's reach.

    Each listed word is atomic and cannot be a counted one, so a text has one way
    to be read and the work of an attempt is bounded by _LISTED_RUN and `limit`.
    """
    listed = rf"(?>{_GAP}(?:{_LISTED})\b){{0,{_LISTED_RUN}}}"
    counted = rf"{_GAP}(?!(?:{_GAP_BLOCKERS}|{_LISTED})\b)\w++"
    return rf"(?:{listed}{counted}){{0,{limit}}}?{listed}{_GAP}"


_CONTRACT_STAGE = re.compile(
    r"""\b(?:bij|tijdens|na)\s+(?:het\s+|de\s+|je\s+|jouw\s+)?(?:(?:onder)?tekenen|ondertekening|contractondertekening|indiensttreding|aanvang|intake(?:gesprek)?)
      | \b(?:op|on)\s+(?:je|jouw|uw|your|de|the)\s+(?:eerste|first)\s+(?:werk|working\s+|work\s+)?(?:dag|day)
      | \b(?:when|after|once)\s+(?:you\s+)?(?:sign(?:ing)?|signed)\b | \b(?:at|during)\s+(?:the\s+)?(?:contract\s+)?signing
      | \bin\s+(?:person|persoon)\b | \bop\s+(?:ons\s+|het\s+)?kantoor\b | \bat\s+(?:our|the)\s+office\b""",
    _I,
)


def _request(terms: str) -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"\b{_REQUEST_BEFORE}{_within(5)}{terms}\b", _I),
        re.compile(rf"\b{terms}{_within(4)}{_REQUEST_AFTER}", _I),
    )


_ID_REQUEST = (
    *_request(_ID_TERMS),
    re.compile(rf"\b(?:{_COPY_NOUNS}){_within(5)}{_ID_OR_LICENCE_TERMS}\b", _I),
    re.compile(rf"\b{_ID_OR_LICENCE_TERMS}[-\s]?(?:{_COPY_NOUNS})\b|\b(?:paspoort|id)kopie\b", _I),
)
_ID_WITHHELD = (
    re.compile(
        rf"\b(?:we|wij)\s++(?:\w++\s++){{0,2}}?(?:bewaren|houden|keep|hold|retain)\s++(?:\w++\s++){{0,3}}?{_ID_TERMS}\b",
        _I,
    ),
    re.compile(
        rf"\b{_ID_TERMS}\s++(?:\w++\s++){{0,4}}?(?:in\s+bewaring|bewaard|ingehouden|kept|held|retained)\b",
        _I,
    ),
)
_BSN_REQUEST = _request(_BSN_TERMS)
_BANK_REQUEST = _request(_BANK_TERMS)
_BANK_CARD_TERMS = r"(?:bankpas|pinpas|betaalpas|bankkaart|bank\s*card|debit\s+card|credit\s+card)"
_BANK_NEVER_LAWFUL = (
    *_request(_NEVER_LAWFUL_BANK_TERMS),
    re.compile(rf"\b(?:{_COPY_NOUNS}){_within(5)}{_BANK_CARD_TERMS}\b", _I),
    # A DigiD sign-in that an employer steers is how benefits and tax refunds are stolen.
    re.compile(
        r"\b(?:log\s*in|login|inloggen|log\s+je\s+in|sign\s+in)\s++(?:\w++\s++){0,2}?"
        r"(?:with|met|via|using)\s++(?:je\s+|jouw\s+|your\s+|uw\s+)?digid\b",
        _I,
    ),
)


# Saying what is never asked covers the requests that follow it in its clause ("wij vragen
# nooit om je IBAN of om een kopie van je paspoort", "we never ask you to log in with your
# DigiD or to send a photo of your bank card"), past the five words a negation reaches,
# until an "and" or "then" starts a request of its own.
_NOT_ASKED = re.compile(
    r"""\b(?:never|not|don't|do\s+not|won't|will\s+not)\s++(?:ever\s+)?(?:ask|request|require|want|need)\b
      | \b(?:vragen|vraagt|verlangen|willen)\s++(?:wij\s+|we\s+)?(?:je\s+|jou\s+|u\s+)?(?:nooit|niet)\b
      | \bnooit\s++(?:\w++\s++){0,2}?(?:vragen|verlangen)\b""",
    _I,
)
_AND_THEN = re.compile(r"\b(?:and|en|then|dan|daarna)\b", re.I)


def _denied_before(text: str, m: re.Match[str]) -> bool:
    clause_start, _ = _clause_span(text, m.start(), m.end())
    denials = list(_NOT_ASKED.finditer(text, clause_start, m.start()))
    return bool(denials) and not _AND_THEN.search(text, denials[-1].end(), m.start())


def _is_asked(text: str, m: re.Match[str], *, lawful_at_contract: bool) -> bool:
    if _negated(text, m.start(), m.end()) or _denied_before(text, m):
        return False
    _, clause_end = _clause_span(text, m.end(), m.end())
    if any(_is_negation(word) for word in _WORD.findall(text[m.end() : clause_end])[:3]):
        return False
    if lawful_at_contract:
        s_start, s_end = _sentence_span(text, m.start())
        return not _CONTRACT_STAGE.search(text, s_start, s_end)
    return True


def _first_asked(
    text: str, pattern: re.Pattern[str], *, lawful_at_contract: bool
) -> re.Match[str] | None:
    return next(
        (
            m
            for m in pattern.finditer(text)
            if _is_asked(text, m, lawful_at_contract=lawful_at_contract)
        ),
        None,
    )


def _data_request_flag(
    posting: Posting,
    code: str,
    detail: str,
    lawful: tuple[re.Pattern[str], ...],
    never_lawful: tuple[re.Pattern[str], ...] = (),
) -> RiskFlag | None:
    """The first request for the data; `lawful` patterns pass at contract signing, `never_lawful` never."""
    text = _text(posting)
    firsts = (
        _first_asked(text, pattern, lawful_at_contract=at_contract)
        for patterns, at_contract in ((lawful, True), (never_lawful, False))
        for pattern in patterns
    )
    found = [m for m in firsts if m is not None]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return RiskFlag(
        code=code,
        severity=Severity.HIGH,
        matched=_excerpt(text, m.start(), m.end()),
        detail=detail,
    )


def identity_document_request(posting: Posting) -> RiskFlag | None:
    return _data_request_flag(
        posting,
        "identity_document_request",
        "The posting asks for a copy of an identity document before a contract, or says the employer keeps it.",
        _ID_REQUEST,
        _ID_WITHHELD,
    )


def bsn_request(posting: Posting) -> RiskFlag | None:
    return _data_request_flag(
        posting,
        "bsn_request",
        "The posting asks for a citizen service number (BSN), which an employer needs only when the contract is signed.",
        _BSN_REQUEST,
    )


def bank_details_request(posting: Posting) -> RiskFlag | None:
    return _data_request_flag(
        posting,
        "bank_details_request",
        "The posting asks for bank details before a contract, or for a bank card, PIN code or DigiD, which no employer needs.",
        _BANK_REQUEST,
        _BANK_NEVER_LAWFUL,
    )


# --- 4. Pay far above the market -----------------------------------------------------------------


def pay_above_market(posting: Posting) -> RiskFlag | None:
    median = posting.category_median_wage
    if median is None or median <= 0 or posting.hourly_wage <= MARKET_MULTIPLE * median:
        return None
    ratio = (posting.hourly_wage / median).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return RiskFlag(
        code="pay_above_market",
        severity=Severity.HIGH,
        matched=f"€{posting.hourly_wage:.2f}/h is {ratio}\N{MULTIPLICATION SIGN} the category median of €{median:.2f}",
        detail="The hourly wage is more than three times the median of published jobs in this category, a common lure.",
    )


# --- 5. Deductions for housing and transport -----------------------------------------------------

_HOUSING = re.compile(
    r"""\b(?:huisvesting(?:skosten)?|woonruimte|woning|accommodatie|accommodation|housing|onderdak|logies|inwoning
      | kamer(?:huur)?(?!\s+van\s+koophandel)|room|verblijf|(?:sta)?caravan|chalet|bungalow|huurprijs
      | (?:(?<=je\s)|(?<=jouw\s)|(?<=uw\s)|(?<=de\s))huur | huur(?=[\s:(]{0,3}(?:€|\d)))\b""",
    _I,
)
_TRANSPORT = re.compile(
    r"""\b(?:vervoer|transport|reiskosten|busvervoer|pendelbus|pendeldienst|bus|busje|shuttle(?:bus)?
      | travel(?:\s+costs?)?|commute|woon-werkverkeer|carpool)\b""",
    _I,
)
_DEDUCTION = re.compile(
    r"""\b(?:inhouding(?:en)?|ingehouden|inhouden|houden\s+(?:we|wij)\s+\w+\s+in|afgetrokken|aftrek|verrekend|verrekenen|verrekening
      | (?:eigen\s+)?bijdrage|kosten|kost|huur|betaal\s+je|betaalt\s+u|je\s+betaalt|u\s+betaalt
      | deducted|deductions?|withheld|costs?|charged?|rent|you\s+pay|fee|subtracted|taken\s+(?:from|off))\b""",
    _I,
)
_FREE_WORDS = r"""gratis|kosteloos|kosteloze|kostenloos|free|zonder\s+(?:kosten|inhouding)|geen\s+(?:kosten|inhouding(?:en)?)
      | at\s+no\s+(?:extra\s+)?cost|no\s+(?:charge|deductions?)|free\s+of\s+charge|vergoed|reimbursed|covered
      | (?:reiskosten|vervoers|km|kilometer)vergoeding|betaald\s+door|paid\s+by|voor\s+(?:onze\s+)?rekening
      | (?:niet|not)\s+(?:ingehouden|verrekend|deducted)"""
_FREE = re.compile(rf"\b(?:{_FREE_WORDS})\b", _I)
# Right before the term, with at most one word between: "gratis huisvesting", "free shared housing"
# (but in "vervoer (gratis) en huisvesting" the "gratis" is the transport's).
_FREE_BEFORE = re.compile(rf"\b(?:{_FREE_WORDS})\W+(?:(?!(?:en|and|of|or)\b)\w+\W+)?$", _I)


@dataclass(frozen=True)
class _Deduction:
    start: int
    end: int
    monthly: Fraction | None


def _deductions(text: str, subject: re.Pattern[str]) -> Iterator[_Deduction]:
    """Each deduction for `subject`, with the nearest amount-with-period in its sentence, if any.

    The next sentence counts too ("Wij regelen huisvesting. Kosten: €95 per
    week.") unless it is about housing or transport itself.
    """
    # Each mention reads its sentences (up to SENTENCE_REACH either side): a text of
    # nothing but mentions ("kamer €1 per week " 500 times) took seconds. An ad names
    # its housing or transport a few times; the first MAX_MENTIONS are judged.
    for m in itertools.islice(subject.finditer(text), MAX_MENTIONS):
        clause_start, clause_end = _clause_span(text, m.start(), m.end())
        if _FREE_BEFORE.search(text, clause_start, m.start()) or _FREE.search(
            text, m.end(), clause_end
        ):
            continue
        s_start, s_end = _sentence_span(text, m.start())
        n_start, n_end = _sentence_span(text, s_end)
        next_sentence = text[n_start:n_end]
        if n_start > s_start and not (
            _HOUSING.search(next_sentence) or _TRANSPORT.search(next_sentence)
        ):
            if _FREE.search(next_sentence):
                continue
            s_end = n_end
        amounts = list(_periodic_amounts(text, s_start, s_end))
        if not amounts and not _DEDUCTION.search(text, s_start, s_end):
            continue
        nearest = min(
            amounts,
            key=lambda a: (max(a.start - m.end(), m.start() - a.end, 0), a.start < m.start()),
            default=None,
        )
        if nearest is None:
            yield _Deduction(m.start(), m.end(), None)
        else:
            yield _Deduction(
                min(m.start(), nearest.start), max(m.end(), nearest.end), nearest.monthly
            )


def _deduction_flag(
    posting: Posting, code: str, subject: re.Pattern[str], what: str
) -> RiskFlag | None:
    text = _text(posting)
    found = list(_deductions(text, subject))
    if not found:
        return None
    worst = max(found, key=lambda d: (d.monthly is not None, d.monthly or 0, -d.start))
    cap = Fraction(posting.minimum_hourly_wage) * 40 * 52 / 12 * DEDUCTION_CAP_SHARE
    if worst.monthly is None:
        severity = Severity.LOW
        detail = f"The posting mentions deductions for {what} without an amount; the law caps them at 25% of the minimum wage."
    elif worst.monthly > cap:
        severity = Severity.HIGH
        detail = f"Deductions for {what} of {_euros(worst.monthly)} a month exceed 25% of the monthly minimum wage ({_euros(cap)})."
    else:
        severity = Severity.LOW
        detail = f"Deductions for {what} of {_euros(worst.monthly)} a month stay within 25% of the monthly minimum wage ({_euros(cap)})."
    return RiskFlag(
        code=code, severity=severity, matched=_excerpt(text, worst.start, worst.end), detail=detail
    )


def housing_deduction(posting: Posting) -> RiskFlag | None:
    return _deduction_flag(posting, "housing_deduction", _HOUSING, "housing")


def transport_deduction(posting: Posting) -> RiskFlag | None:
    return _deduction_flag(posting, "transport_deduction", _TRANSPORT, "transport")


# --- 6. No concrete place of work ----------------------------------------------------------------

_VAGUE_PLACE = re.compile(
    r"""(?:heel|geheel|gans|all\s+over|across|throughout)?\s*(?:nederland|the\s+netherlands|netherlands|nl|holland)
      | overal(?:\s+in\s+(?:nederland|nl))? | everywhere | anywhere
      | (?:diverse|verschillende|meerdere|wisselende|various|multiple|several|different)\s+(?:locaties|plaatsen|steden|regio's|locations|places|sites|cities)
      | remote|op\s+afstand|thuis|thuiswerk(?:en)?|vanuit\s+huis|(?:work\s+)?from\s+home|home(?:\s*office)?|online
      | n\.?v\.?t\.?|onbekend|unknown|tbd|nader\s+te\s+bepalen|in\s+overleg|-+|\?+
      | randstad|noord-holland|zuid-holland|noord-brabant|gelderland|overijssel|limburg|zeeland|flevoland|drenthe|friesland|fryslân""",
    _I,
)


def no_concrete_place(posting: Posting) -> RiskFlag | None:
    """A worker must be able to check where they would work; a city alone is enough."""
    if posting.has_location or posting.address.strip() or posting.postal_code.strip():
        return None
    city = _SPACE.sub(" ", posting.city).strip(" .,")
    parts = [
        part.strip() for part in re.split(r"[/,|]|\s+(?:of|or|en|and)\s+", city) if part.strip()
    ]
    if parts and not all(_VAGUE_PLACE.fullmatch(part) for part in parts):
        return None
    matched = (
        f'no address, postal code or map location; city is "{city}"'
        if city
        else "no address, postal code, city or map location"
    )
    return RiskFlag(
        code="no_concrete_place",
        severity=Severity.HIGH,
        matched=matched[:MATCHED_MAX_CHARS],
        detail="The posting names no concrete place of work, so a worker cannot check where they would go.",
    )


RULES: tuple[Rule, ...] = (
    worker_fee,
    off_platform_contact,
    identity_document_request,
    bsn_request,
    bank_details_request,
    pay_above_market,
    housing_deduction,
    transport_deduction,
    no_concrete_place,
)
