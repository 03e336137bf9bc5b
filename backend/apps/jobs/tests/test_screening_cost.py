"""Screening runs inside the publish and edit transaction, holding the job's row lock, so its
cost must grow with the text and no faster: a 10,000-character description that a regular
expression backtracks over for every word held the lock for most of a minute.
"""

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from apps.jobs import screening

_parser = importlib.import_module("re._parser")
_constants = importlib.import_module("re._constants")

BACKEND = Path(__file__).resolve().parents[3]
DESCRIPTION_MAX_CHARS = 10_000


def screening_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name, value in vars(screening).items():
        for pattern in value if isinstance(value, tuple) else (value,):
            if isinstance(pattern, re.Pattern):
                found.append((name, pattern))
    return found


def backtracking_hazards(items: Any, *, in_loop: bool = False) -> list[str]:
    """The repeats in a parsed pattern that let one attempt's work grow with the text.

    Two shapes: an unbounded backtracking repeat inside a repeat that can run more
    than once (the nested quantifier: each way of splitting the text between the two
    is tried), and an unbounded repeat of anything longer than one character (a run
    of words or terms: every start re-reads the whole run). Atomic groups and
    lookarounds are never re-entered by backtracking, so they start afresh.
    """
    repeats = {_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT}
    backtracking = {_constants.MAX_REPEAT, _constants.MIN_REPEAT}
    single = {
        _constants.IN,
        _constants.LITERAL,
        _constants.NOT_LITERAL,
        _constants.ANY,
        _constants.CATEGORY,
    }
    hazards: list[str] = []
    for op, arg in items:
        if op in repeats:
            _, high, body = arg
            unbounded = high == _constants.MAXREPEAT
            if unbounded and not (len(body) == 1 and body[0][0] in single):
                hazards.append(f"unbounded repeat of a sequence: {list(body)!s:.120}")
            if unbounded and op in backtracking and in_loop:
                hazards.append(f"unbounded repeat nested in a repeat: {list(body)!s:.120}")
            hazards += backtracking_hazards(body, in_loop=in_loop or high > 1)
        elif op is _constants.SUBPATTERN:
            hazards += backtracking_hazards(arg[-1], in_loop=in_loop)
        elif op is _constants.BRANCH:
            for branch in arg[1]:
                hazards += backtracking_hazards(branch, in_loop=in_loop)
        elif op is _constants.ATOMIC_GROUP:
            hazards += backtracking_hazards(arg)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            hazards += backtracking_hazards(arg[1])
    return hazards


def test_no_screening_pattern_has_a_nested_or_unbounded_run_to_backtrack_over():
    """The deterministic measure: with neither shape, an attempt at one position does
    bounded work, so screening is linear in the text whatever the text is."""
    hazards = {
        f"{name}: {hazard}"
        for name, pattern in screening_patterns()
        for hazard in backtracking_hazards(_parser.parse(pattern.pattern, pattern.flags))
    }

    assert sorted(hazards) == []


def repeated(unit: str) -> str:
    return (unit * (DESCRIPTION_MAX_CHARS // len(unit) + 1))[:DESCRIPTION_MAX_CHARS]


SCREEN_IN_A_PROCESS = """
import json, sys
from decimal import Decimal
from apps.jobs.screening import Posting, screen
posting = Posting(
    title="Orderpicker magazijn", description=sys.stdin.read(), category="logistics",
    hourly_wage=Decimal("15.00"), address="Nijverheidsweg 1", postal_code="3534 AM",
    city="Utrecht", has_location=True, minimum_hourly_wage=Decimal("14.71"),
    category_median_wage=Decimal("15.50"),
)
print(json.dumps([[flag.code, str(flag.severity)] for flag in screen(posting)]))
"""


@pytest.mark.parametrize(
    ("mention", "subject"),
    [
        ("kamer €1 per week ", screening._HOUSING),
        ("huur 1,- pw ", screening._HOUSING),
        ("bus 1,- per week ", screening._TRANSPORT),
    ],
)
def test_a_deduction_rule_judges_a_bounded_number_of_mentions(mention, subject):
    """Each mention reads its sentences; 500 of them took seconds (the shapes below)."""
    text = repeated(mention)

    judged = list(screening._deductions(text, subject))

    assert len(subject.findall(text)) > 400
    assert 0 < len(judged) <= screening.MAX_MENTIONS


@pytest.mark.slow
@pytest.mark.parametrize(
    ("description", "flags"),
    [
        pytest.param(repeated("bsn "), [], id="bsn"),
        pytest.param(repeated("iban "), [], id="iban"),
        pytest.param(repeated("id "), [], id="id"),
        pytest.param(repeated("bsn iban "), [], id="bsn-iban"),
        pytest.param(
            ("geef " + repeated("bsn en iban en "))[:DESCRIPTION_MAX_CHARS],
            [["bsn_request", "high"], ["bank_details_request", "high"]],
            id="one-request-then-a-list",
        ),
        pytest.param(repeated("-bsn"), [], id="bsn-without-spaces"),
        pytest.param(repeated("iban-"), [], id="iban-without-spaces"),
        pytest.param(
            repeated("huur 1,- pw "), [["housing_deduction", "low"]], id="housing-mentions"
        ),
        pytest.param(
            repeated("kamer €1 per week "),
            [["housing_deduction", "low"]],
            id="housing-mentions-with-amounts",
        ),
        pytest.param(
            repeated("bus 1,- per week "),
            [["transport_deduction", "low"]],
            id="transport-mentions",
        ),
    ],
)
def test_an_adversarial_description_of_the_maximum_length_is_screened(description, flags):
    """A guard against catastrophic backtracking only, not a performance assertion: each
    of these took 20 to 45 seconds to screen and takes well under a second now, so the
    5-second limit is for a relapse to seconds per text, never for a slower machine. The
    bound itself is shown by the pattern check above."""
    assert len(description) == DESCRIPTION_MAX_CHARS

    result = subprocess.run(
        [sys.executable, "-c", SCREEN_IN_A_PROCESS],
        input=description,
        capture_output=True,
        text=True,
        cwd=BACKEND,
        timeout=5,
        check=True,
    )

    assert json.loads(result.stdout) == flags
