"""UK postcodes as the desk takes them: the standard shape, kept as Royal Mail writes it."""

from __future__ import annotations

import pytest

from mscc_desk.domain import postcode


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("SW1A 1AA", "SW1A 1AA"),  # AA9A 9AA
        ("sw1a1aa", "SW1A 1AA"),
        ("  ec1a   1bb ", "EC1A 1BB"),
        ("W1A 0AX", "W1A 0AX"),  # A9A 9AA
        ("M1 1AE", "M1 1AE"),  # A9 9AA
        ("B33 8TH", "B33 8TH"),  # A99 9AA
        ("CR2 6XH", "CR2 6XH"),  # AA9 9AA
        ("DN55 1PT", "DN55 1PT"),  # AA99 9AA
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_postcodes_of_every_shape_are_accepted_and_written_one_way(typed: str, kept: str) -> None:
    assert postcode.problem(typed) is None
    assert postcode.normalise(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "ABC",  # the value the issue found accepted
        "12345",
        "SW1A",  # the outward code alone
        "SW1A 1AAA",
        "QA1 1AA",  # Q never starts a postcode
        "SW1A 1CA",  # C is never used in the inward code
        "LS1-4AP",
        "LS1 4AP!",
        "ＬＳ1 4AP",  # full-width letters from a paste
    ],
)
def test_what_is_not_a_uk_postcode_is_refused_saying_so(typed: str) -> None:
    why = postcode.problem(typed)
    assert why is not None
    assert "is not a UK postcode" in why
    assert "SW1A 1AA" in why  # and what one looks like
