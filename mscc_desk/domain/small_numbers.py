"""Small numbers in figures that leave the service: the NHS convention, "<5".

A count of 1 to 4 from a small service can point at a person ("the one patient from the
most deprived fifth who waited two days for an MRI"). So in anything that leaves the
service a count from 1 to 4 is shown as "<5" (primary suppression), and so that it
cannot be worked out by subtraction from the figures beside it, one more count of the
same sum is hidden as "*" where a lone "<5" would otherwise be deducible (secondary
suppression): in a numerator over a denominator (the cases not met are the difference),
and in a split whose parts add up to a total that is shown. A "*" says only that the
count is hidden, not how big it is (it may be 0; the report's legend says so); read that way, no
count of 1 to 4 can be worked out from a table (tests/unit/test_service_audit_measures.py
tries every way to fill the hidden counts). Zero is shown: it reveals nobody. Percentages
are shown only when both their counts are.

The window inside the service shows exact figures; the export and the report for the
cancer alliance use these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SMALL = "<5"
HIDDEN = "*"
Shown = int | str  # an exact count, "<5" or "*"


def percent_of(numerator: int, denominator: int) -> float | None:
    """One decimal place; None for an empty denominator (no cases is not 0 %)."""
    return round(100.0 * numerator / denominator, 1) if denominator else None


def is_small(count: int, below: int = 5) -> bool:
    return 0 < count < below


def shown(count: int, below: int = 5) -> Shown:
    return SMALL if is_small(count, below) else count


@dataclass(frozen=True)
class ShownFraction:
    numerator: Shown
    denominator: Shown
    percent: float | None


def fraction(numerator: int, denominator: int, below: int = 5) -> ShownFraction:
    """A measure as it may leave the service.

    The cases not met (denominator - numerator) are a count too: when they are 1-4 and
    the denominator is shown, the numerator is hidden so that they cannot be worked out.
    """
    den: Shown = shown(denominator, below)
    num: Shown = shown(numerator, below)
    missed = denominator - numerator
    if isinstance(den, int) and is_small(missed, below) and isinstance(num, int):
        num = HIDDEN
    if isinstance(den, str) and isinstance(num, int) and num > 0:
        num = SMALL  # numerator <= denominator < 5 (kept for safety: a 0 is shown)
    percent = (
        percent_of(numerator, denominator)
        if isinstance(num, int) and isinstance(den, int)
        else None
    )
    return ShownFraction(num, den, percent)


def split(parts: Mapping[str, int], total_shown: bool = True, below: int = 5) -> dict[str, Shown]:
    """Counts that add up to a total: "<5" for 1-4; and while the total is shown and a
    "<5" could still be worked out from it and the counts shown beside it, the smallest
    count still shown (a zero too) is hidden as "*"; when nothing is left to hide, the
    "<5"s become "*" as well (a "*" may be any count, so nothing is left to work out)."""
    out: dict[str, Shown] = {name: shown(n, below) for name, n in parts.items()}
    if not total_shown:
        return out
    while deducible(parts, out, below):
        visible = sorted((n, name) for name, n in parts.items() if isinstance(out[name], int))
        if visible:
            out[visible[0][1]] = HIDDEN
            continue
        for name, value in out.items():
            if value == SMALL:
                out[name] = HIDDEN
    return out


def deducible(parts: Mapping[str, int], out: Mapping[str, Shown], below: int = 5) -> bool:
    """Whether a count shown as "<5" can be worked out exactly from the total and the
    counts shown beside it (a "<5" is 1 to below-1; a "*" is any count, 0 included: the
    reader is told nothing more about it)."""
    hidden = [name for name, v in out.items() if not isinstance(v, int)]
    if not any(out[name] == SMALL for name in hidden):
        return False
    rest = sum(parts[name] for name in hidden)  # what the total minus the shown leaves
    bounds = {name: (1, below - 1) if out[name] == SMALL else (0, rest) for name in hidden}
    low_sum = sum(lo for lo, _ in bounds.values())
    high_sum = sum(hi for _, hi in bounds.values())
    for name in hidden:
        if out[name] != SMALL:
            continue
        lo, hi = bounds[name]
        least = max(lo, rest - (high_sum - hi))
        most = min(hi, rest - (low_sum - lo))
        if least == most:
            return True
    return False


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"
