"""UK postcodes: checked as typed, kept as Royal Mail writes them (`SW1A 1AA`).

The postcode is how a case is tied to deprivation (IMD) for the audit, so "ABC" or a
number typed into the wrong box must be refused at the desk, not found in a report a
year later. The check is the standard shape of a UK postcode (the outward code: one
or two letters, a digit, then a digit or a letter; a space; the inward code: a digit
and two letters), with the letters each position never uses, and Girobank's GIR 0AA.
It cannot tell whether a well-formed postcode exists: only the trust's postcode
lookup can.
"""

from __future__ import annotations

import re

EXAMPLE = "SW1A 1AA"
_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9]{1,2}"  # A9, A99
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}"  # AA9, AA99
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"  # A9A
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"  # AA9A
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE = re.compile(rf"^(?:{_OUTWARD} {_INWARD}|GIR 0AA)$")


def normalise(text: str) -> str:
    """Upper case, one space before the last three characters: `sw1a1aa` -> `SW1A 1AA`."""
    compact = "".join(text.split()).upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def problem(text: str) -> str | None:
    """Why this is not a UK postcode, in words; None when it has the shape of one."""
    compact = "".join(text.split())
    if not compact:
        return "is empty"
    if not compact.isascii() or not compact.isalnum():
        return f"{text.strip()!r} is not a UK postcode: only letters and digits, like {EXAMPLE}"
    if not 5 <= len(compact) <= 7:
        return (
            f"{text.strip()!r} is not a UK postcode: a postcode has 5 to 7 letters and "
            f"digits, like {EXAMPLE}"
        )
    if not _POSTCODE.match(normalise(compact)):
        return (
            f"{text.strip()!r} is not a UK postcode: postcodes look like {EXAMPLE} or "
            "M1 1AE (area and district, a space, then a digit and two letters)"
        )
    return None
