"""The period a service audit covers: calendar days in London, as the lead reports them.

A case belongs to the period in which it was opened. Days are London days, so a case
opened at 00:30 BST on 1 April belongs to April, as it does on every screen of the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .clock import LONDON, london
from .errors import InputError

KINDS = ("month", "quarter", "year", "custom")
RUN_CHART_MONTHS = 12  # a run chart needs points: the twelve months up to the period's end


@dataclass(frozen=True)
class Period:
    start: date  # first day, inclusive
    end: date  # last day, inclusive

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=LONDON).astimezone(UTC)

    @property
    def ends_before(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=LONDON).astimezone(
            UTC
        )

    def holds(self, instant: datetime) -> bool:
        return self.starts_at <= instant < self.ends_before

    @property
    def label(self) -> str:
        if self.start.day == 1 and self.end == month_end(self.start):
            return f"{self.start:%B %Y}"
        return f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"

    def to_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}

    def months(self) -> list[date]:
        """The first day of every month the run chart shows: at least the twelve months up
        to the period's end, and every month of a longer period."""
        last = self.end.replace(day=1)
        first = min(self.start.replace(day=1), add_months(last, -(RUN_CHART_MONTHS - 1)))
        out = []
        month = first
        while month <= last:
            out.append(month)
            month = add_months(month, 1)
        return out

    @property
    def chart_starts_at(self) -> datetime:
        return Period(self.months()[0], self.end).starts_at


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def period_of(kind: str, today: date) -> Period:
    """The month, quarter or year that holds `today`."""
    if kind == "month":
        first = today.replace(day=1)
        return Period(first, month_end(first))
    if kind == "quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(first, month_end(add_months(first, 2)))
    if kind == "year":
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    raise ValueError(f"unknown period kind {kind!r}")


def shifted(period: Period, kind: str, steps: int) -> Period:
    """The month, quarter or year `steps` before (negative) or after the one given."""
    size = {"month": 1, "quarter": 3, "year": 12}[kind]
    first = add_months(period.start.replace(day=1), steps * size)
    return Period(first, month_end(add_months(first, size - 1)))


def parse_period(start: str | None, end: str | None, now: datetime) -> Period:
    """`--from D --to D` (YYYY-MM-DD, both inclusive). Without them: this calendar year
    so far; `--from` alone runs to today, `--to` alone from the 1st of January of its year."""
    today = london(now).date()
    first = _day(start, "--from") if start else None
    last = _day(end, "--to") if end else None
    if first is None and last is None:
        first, last = date(today.year, 1, 1), today
    elif first is None:
        assert last is not None
        first = date(last.year, 1, 1)
    elif last is None:
        last = today if today >= first else first
    if first > last:
        raise InputError("--from", f"{first.isoformat()} is after --to {last.isoformat()}")
    if (last - first).days > 366 * 10:
        raise InputError("--from", "the period is longer than ten years")
    return Period(first, last)


def _day(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(name, f"{text!r} is not a date YYYY-MM-DD") from None
