import pytest
from django.core.exceptions import ValidationError

from apps.core.validators import (
    normalize_kvk_number,
    normalize_phone_number,
    normalize_postal_code,
    validate_kvk_number,
    validate_phone_number,
    validate_postal_code,
)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("1234ab", "1234 AB"),
        ("1234 AB", "1234 AB"),
        ("1234AB", "1234 AB"),
        (" 1012  jS ", "1012 JS"),
        ("9999 zz", "9999 ZZ"),
        ("1000 SB", "1000 SB"),
    ],
)
def test_postal_code_is_normalised(raw, stored):
    assert normalize_postal_code(raw) == stored
    validate_postal_code(stored)


@pytest.mark.parametrize(
    "raw",
    [
        "0123 AB",
        "123 AB",
        "12345 AB",
        "1234 A",
        "1234 ABC",
        "1234 SA",
        "1234sd",
        "1234 SS",
        "ABCD 12",
        "",
        "1234-AB",
        "1234 Å B",
    ],
)
def test_postal_code_is_refused(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_postal_code(raw)
    assert exc.value.code == "invalid_postal_code"


@pytest.mark.parametrize("stored", ["1234ab", "1234AB", "0123 AB", "1234 SS", "1234 AB\n"])
def test_stored_postal_code_must_be_normalised(stored):
    with pytest.raises(ValidationError):
        validate_postal_code(stored)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("12345678", "12345678"),
        ("1234 5678", "12345678"),
        ("12.34.56.78", "12345678"),
        (" 0123 4567 ", "01234567"),
    ],
)
def test_kvk_number_is_normalised(raw, stored):
    assert normalize_kvk_number(raw) == stored
    validate_kvk_number(stored)


@pytest.mark.parametrize("raw", ["1234567", "123456789", "1234-5678", "abcdefgh", "", "1234567a"])
def test_kvk_number_is_refused(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_kvk_number(raw)
    assert exc.value.code == "invalid_kvk_number"
    with pytest.raises(ValidationError):
        validate_kvk_number(raw)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("0612345678", "+31612345678"),
        ("06-12 34 56 78", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("+48 512 345 678", "+48512345678"),
    ],
)
def test_phone_number_becomes_e164(raw, stored):
    assert normalize_phone_number(raw) == stored
    validate_phone_number(stored)


@pytest.mark.parametrize(
    "raw",
    [
        "12345",
        "06123",
        "not a number",
        "",
        "+31 6 1234567890123",
        "0612345678 ext. 12",
        "020 123 4567 x5",
    ],
)
def test_phone_number_is_refused(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_phone_number(raw)
    assert exc.value.code == "invalid_phone_number"


@pytest.mark.parametrize("stored", ["12345678\n", "1234567", " 12345678"])
def test_stored_kvk_number_must_be_exactly_eight_digits(stored):
    with pytest.raises(ValidationError):
        validate_kvk_number(stored)


def test_stored_phone_number_must_be_e164():
    with pytest.raises(ValidationError):
        validate_phone_number("0612345678")
