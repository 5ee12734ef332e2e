"""NHS numbers: the Modulus 11 check and the 3-3-4 display form.

A mistyped NHS number would attach a call to the wrong person, so it is checked as
typed, and shown as `943 476 5919` so it can be read back over the phone.
"""

from __future__ import annotations

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def digits_of(text: str) -> str:
    """Drop the spaces and hyphens people type; keep everything else so it can be refused."""
    return "".join(ch for ch in text if ch not in " -")


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no check digit exists (remainder 10)."""
    if len(first_nine) != 9 or not first_nine.isdigit():
        raise ValueError("need exactly nine digits")
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def problem(text: str) -> str | None:
    """Why this is not a valid NHS number, in words a user understands; None if it is valid."""
    number = digits_of(text)
    if not number:
        return "is empty"
    if not number.isascii() or not number.isdigit():
        return "must contain only digits"
    if len(number) != 10:
        return f"must have 10 digits (has {len(number)})"
    expected = check_digit(number[:9])
    if expected is None:
        return "is not a valid NHS number (no check digit exists for these nine digits)"
    if expected != int(number[9]):
        return "fails the check digit: please re-read it from the notes"
    return None


def is_valid(text: str) -> bool:
    return problem(text) is None


def normalise(text: str) -> str:
    """The stored form: ten digits, no spaces. Raises ValueError with the reason."""
    reason = problem(text)
    if reason is not None:
        raise ValueError(f"NHS number {reason}")
    return digits_of(text)


def format_nhs(text: str) -> str:
    """`9434765919` -> `943 476 5919`; anything that is not ten digits is shown as typed."""
    number = digits_of(text)
    if len(number) != 10 or not number.isdigit():
        return text
    return f"{number[:3]} {number[3:6]} {number[6:]}"
