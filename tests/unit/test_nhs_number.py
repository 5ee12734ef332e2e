"""NHS number: the Modulus 11 check (PATHWAY.md §8) and the 3-3-4 display form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mscc_desk.domain.nhs_number import (
    check_digit,
    digits_of,
    format_nhs,
    is_valid,
    normalise,
    problem,
)

# Worked by hand with weights 10, 9, ..., 2 on digits 1-9:
#
#   9434765919:  9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2
#              = 90 + 36 + 24 + 28 + 42 + 30 + 20 + 27 + 2 = 299
#              299 mod 11 = 2 (11*27 = 297); check = 11 - 2 = 9 = digit 10. Valid.
#   9434765900:  the same but digit 9 is 0: sum 299 - 2 = 297 = 11*27, remainder 0,
#              check 11 -> 0 = digit 10. Valid (the "11 -> 0" case).
#   4010232137:  40 + 0 + 8 + 0 + 12 + 15 + 8 + 3 + 6 = 92; 92 mod 11 = 4; check 7. Valid.
#   9876543210:  90 + 72 + 56 + 42 + 30 + 20 + 12 + 6 + 2 = 330 = 11*30; check 0. Valid.
#   123456789x:  10 + 18 + 24 + 28 + 30 + 30 + 28 + 24 + 18 = 210; 210 mod 11 = 1;
#              check 11 - 1 = 10: no check digit exists, so 1234567890..1234567899 are
#              all invalid.
VALID = ["9434765919", "9434765900", "4010232137", "9876543210"]


@pytest.mark.parametrize("number", VALID)
def test_known_valid_numbers(number: str) -> None:
    assert is_valid(number)
    assert problem(number) is None
    assert normalise(number) == number
    assert check_digit(number[:9]) == int(number[9])


def test_check_digit_by_hand() -> None:
    assert check_digit("943476591") == 9
    assert check_digit("943476590") == 0  # remainder 0: 11 -> 0
    assert check_digit("401023213") == 7
    assert check_digit("123456789") is None  # remainder 1: 10 -> invalid


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("9434765918", "check digit"),  # wrong check digit
        ("9434765910", "check digit"),
        ("4010232138", "check digit"),
        ("943476591", "10 digits"),  # 9 digits
        ("94347659190", "10 digits"),  # 11 digits
        ("94347659A9", "only digits"),  # a letter
        ("NHS9434765", "only digits"),
        ("", "empty"),
        ("   ", "empty"),
        ("1234567890", "no check digit"),  # the check digit would be 10
        ("1234567894", "no check digit"),
        ("0000200000", "no check digit"),  # 2*6 = 12, remainder 1, check 10
    ],
)
def test_known_invalid_numbers(number: str, why: str) -> None:
    assert not is_valid(number)
    reason = problem(number)
    assert reason is not None and why in reason
    with pytest.raises(ValueError) as caught:
        normalise(number)
    assert "NHS number" in str(caught.value)


def test_non_ascii_digits_are_refused() -> None:
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in "9434765919")
    assert arabic_indic.isdigit()
    assert not is_valid(arabic_indic)
    assert not is_valid("９４３４７６５９１９")  # full-width digits


def test_check_digit_needs_nine_digits() -> None:
    for bad in ("94347659", "9434765919", "94347659a"):
        with pytest.raises(ValueError):
            check_digit(bad)


def test_format_nhs_is_three_three_four() -> None:
    assert format_nhs("9434765919") == "943 476 5919"
    assert format_nhs("943-476-5919") == "943 476 5919"
    assert format_nhs("943 476 5919") == "943 476 5919"


def test_format_nhs_shows_anything_else_as_typed() -> None:
    assert format_nhs("94347659") == "94347659"
    assert format_nhs("94347659AB") == "94347659AB"


@pytest.mark.parametrize(
    "typed",
    ["943 476 5919", "943-476-5919", " 9434765919 ", "943 - 476 - 5919", "9434 765 919"],
)
def test_normalise_accepts_spaces_and_hyphens(typed: str) -> None:
    assert digits_of(typed) == "9434765919"
    assert normalise(typed) == "9434765919"


def test_normalise_keeps_other_separators_so_they_are_refused() -> None:
    assert not is_valid("943.476.5919")
    assert not is_valid("943/476/5919")


NINE_DIGITS = st.text(alphabet="0123456789", min_size=9, max_size=9)


@settings(max_examples=200)
@given(NINE_DIGITS)
def test_round_trip_for_any_nine_digits_with_a_check_digit(first_nine: str) -> None:
    check = check_digit(first_nine)
    number = first_nine + ("" if check is None else str(check))
    if check is None:
        # Every possible tenth digit is refused.
        assert not any(is_valid(first_nine + str(d)) for d in range(10))
        return
    assert is_valid(number)
    assert normalise(format_nhs(number)) == number
    assert format_nhs(number).replace(" ", "") == number


@settings(max_examples=200)
@given(NINE_DIGITS, st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_error_is_caught(first_nine: str, position: int, shift: int) -> None:
    check = check_digit(first_nine)
    if check is None:
        return
    number = first_nine + str(check)
    wrong = str((int(number[position]) + shift) % 10)
    mistyped = number[:position] + wrong + number[position + 1 :]
    assert mistyped != number
    assert not is_valid(mistyped)
