"""Clocks across the 2027 UK clock changes, alert stages, and the injected clock.

BST starts 28 March 2027 at 01:00 UTC and ends 31 October 2027 at 01:00 UTC. Every clock
is elapsed time (CLI.md): 24 h is 86,400 s and 7 days is 604,800 s whatever the wall
clock in London does in between.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from mscc_desk.domain.clock import (
    FakeClock,
    as_utc,
    format_instant,
    format_london,
    london,
    parse_instant,
)
from mscc_desk.domain.deadlines import (
    ClockSpec,
    Stage,
    format_time_left,
    merge_clocks,
    stage_times,
    stages_due,
)
from mscc_desk.domain.errors import InputError
from mscc_desk.domain.triage import parse_facts, triage

EMERGENCY = {"cancer_status": "past_or_current", "neuro": ["limb_weakness"]}
PAIN_ONLY = {"cancer_status": "past_or_current", "pain": ["nocturnal"]}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def mri(facts: dict[str, object], suspected_at: str) -> tuple[datetime, datetime, str]:
    result = triage(parse_facts({**facts, "suspected_at": suspected_at}))
    spec = next(d for d in result.deadlines if d.key == "mri")
    due = next(d["due"] for d in result.to_json()["deadlines"] if d["key"] == "mri")
    return spec.starts_at, spec.due_at, due


# --- March: GMT -> BST --------------------------------------------------------------------


def test_march_change_24h_clock_is_elapsed_time() -> None:
    start, due_at, due = mri(EMERGENCY, "2027-03-27T09:30:00+00:00")
    assert due == "2027-03-28T09:30:00+00:00"
    assert (due_at - start).total_seconds() == 86_400
    # The wall clock moved on: 09:30 GMT on Saturday, due 10:30 BST on Sunday.
    assert format_london(start) == "Sat 27 Mar 2027 09:30 GMT"
    assert format_london(due_at) == "Sun 28 Mar 2027 10:30 BST"
    assert london(due_at).hour == 10


def test_march_change_7_day_clock_is_elapsed_time() -> None:
    start, due_at, due = mri(PAIN_ONLY, "2027-03-25T12:00:00+00:00")
    assert (due_at - start).total_seconds() == 604_800
    assert due == "2027-04-01T12:00:00+00:00"
    assert format_london(due_at) == "Thu 01 Apr 2027 13:00 BST"


# --- October: BST -> GMT ------------------------------------------------------------------


def test_october_change_24h_clock_is_elapsed_time() -> None:
    start, due_at, due = mri(EMERGENCY, "2027-10-30T09:30:00+01:00")
    assert start == datetime(2027, 10, 30, 8, 30, tzinfo=UTC)
    assert (due_at - start).total_seconds() == 86_400
    assert due == "2027-10-31T08:30:00+00:00"
    assert format_london(start) == "Sat 30 Oct 2027 09:30 BST"
    assert format_london(due_at) == "Sun 31 Oct 2027 08:30 GMT"


def test_october_change_7_day_clock_is_elapsed_time() -> None:
    start, due_at, due = mri(PAIN_ONLY, "2027-10-28T18:00:00+01:00")
    assert (due_at - start).total_seconds() == 604_800
    assert due == "2027-11-04T17:00:00+00:00"
    assert format_london(due_at) == "Thu 04 Nov 2027 17:00 GMT"


def test_expert_review_clock_across_october_change() -> None:
    result = triage(
        parse_facts(
            {
                **EMERGENCY,
                "instability_signs": True,
                "suspected_at": "2027-10-30T20:00:00+01:00",
                "immobilised_at": "2027-10-30T22:00:00+01:00",
            }
        )
    )
    review = next(d for d in result.to_json()["deadlines"] if d["key"] == "expert_review")
    assert review["due"] == "2027-10-31T21:00:00+00:00"


@pytest.mark.parametrize(
    ("instant", "shown"),
    [
        ("2027-03-28T00:59:00+00:00", "Sun 28 Mar 2027 00:59 GMT"),
        ("2027-03-28T01:00:00+00:00", "Sun 28 Mar 2027 02:00 BST"),
        ("2027-10-31T00:59:00+00:00", "Sun 31 Oct 2027 01:59 BST"),
        ("2027-10-31T01:00:00+00:00", "Sun 31 Oct 2027 01:00 GMT"),
    ],
)
def test_format_london_either_side_of_each_change(instant: str, shown: str) -> None:
    assert format_london(utc(instant)) == shown
    assert format_london(utc(instant), with_zone=False) == shown.rsplit(" ", 1)[0]


def test_format_instant_is_utc_with_explicit_offset() -> None:
    bst = datetime(2027, 7, 1, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    assert format_instant(bst) == "2027-07-01T09:00:00+00:00"
    with pytest.raises(ValueError):
        format_instant(datetime(2027, 7, 1, 10, 0))


# --- merge_clocks: a follow-up tightens a clock, never loosens one -------------------------


def spec(key: str, start: str, hours: int) -> ClockSpec:
    s = utc(start)
    return ClockSpec(key, key, s, s + timedelta(hours=hours), "ref", "seed")


def test_merge_clocks_starts_a_new_clock() -> None:
    new = spec("mri", "2027-03-27T09:30:00+00:00", 24)
    changes = merge_clocks({}, [new])
    assert [(c.action, c.spec) for c in changes] == [("start", new)]


def test_merge_clocks_tightens_the_7_day_mri_to_24h_from_the_follow_up() -> None:
    open_clocks = {"mri": spec("mri", "2027-03-20T09:00:00+00:00", 168)}  # due 27th 09:00
    new = spec("mri", "2027-03-22T15:00:00+00:00", 24)  # due 23rd 15:00
    changes = merge_clocks(open_clocks, [new])
    assert len(changes) == 1
    assert changes[0].action == "tighten"
    assert changes[0].spec.due_at == utc("2027-03-23T15:00:00+00:00")


def test_merge_clocks_keeps_a_clock_that_is_not_tightened() -> None:
    current = spec("coordinator_advice", "2027-03-20T09:00:00+00:00", 24)
    later = spec("coordinator_advice", "2027-03-20T18:00:00+00:00", 24)
    same = spec("coordinator_advice", "2027-03-20T09:00:00+00:00", 24)
    for new in (later, same):
        changes = merge_clocks({"coordinator_advice": current}, [new])
        assert [(c.action, c.spec) for c in changes] == [("keep", current)]


def test_merge_clocks_handles_each_key_on_its_own() -> None:
    open_clocks = {"mri": spec("mri", "2027-03-20T09:00:00+00:00", 168)}
    new = [
        spec("mri", "2027-03-21T09:00:00+00:00", 24),
        spec("expert_review", "2027-03-21T10:00:00+00:00", 24),
    ]
    actions = {c.spec.key: c.action for c in merge_clocks(open_clocks, new)}
    assert actions == {"mri": "tighten", "expert_review": "start"}


# --- alert stages ---------------------------------------------------------------------------

DUE = datetime(2027, 3, 28, 9, 30, tzinfo=UTC)


def test_stage_times_default_leads() -> None:
    times = stage_times(DUE)
    assert times == {
        Stage.due_soon: DUE - timedelta(hours=4),
        Stage.imminent: DUE - timedelta(hours=1),
        Stage.breached: DUE,
    }


def test_stage_times_custom_leads() -> None:
    times = stage_times(DUE, {Stage.due_soon: timedelta(hours=6)})
    assert times[Stage.due_soon] == DUE - timedelta(hours=6)
    assert times[Stage.imminent] == DUE - timedelta(hours=1)  # default kept
    times = stage_times(DUE, {Stage.imminent: timedelta(minutes=30)})
    assert times[Stage.due_soon] == DUE - timedelta(hours=4)
    assert times[Stage.imminent] == DUE - timedelta(minutes=30)
    assert times[Stage.breached] == DUE


def test_stage_times_are_elapsed_across_the_march_change() -> None:
    # Due 04:00 BST (03:00 UTC) on the change night: 4 h earlier is 23:00 GMT the evening
    # before, five hours earlier on the wall clock, because the clock jumped at 01:00 UTC.
    due = datetime(2027, 3, 28, 3, 0, tzinfo=UTC)
    times = stage_times(due)
    assert format_london(due) == "Sun 28 Mar 2027 04:00 BST"
    assert format_london(times[Stage.due_soon]) == "Sat 27 Mar 2027 23:00 GMT"
    assert format_london(times[Stage.imminent]) == "Sun 28 Mar 2027 03:00 BST"


@pytest.mark.parametrize(
    ("before_due", "expected"),
    [
        (timedelta(hours=5), []),
        (timedelta(hours=4, seconds=1), []),
        (timedelta(hours=4), [Stage.due_soon]),
        (timedelta(hours=1, seconds=1), [Stage.due_soon]),
        (timedelta(hours=1), [Stage.due_soon, Stage.imminent]),
        (timedelta(seconds=1), [Stage.due_soon, Stage.imminent]),
        (timedelta(0), [Stage.due_soon, Stage.imminent, Stage.breached]),
        (-timedelta(hours=3), [Stage.due_soon, Stage.imminent, Stage.breached]),
    ],
)
def test_stages_due_default_leads(before_due: timedelta, expected: list[Stage]) -> None:
    assert stages_due(DUE - before_due, DUE) == expected


def test_stages_due_custom_leads() -> None:
    leads = {Stage.due_soon: timedelta(hours=8), Stage.imminent: timedelta(hours=2)}
    assert stages_due(DUE - timedelta(hours=9), DUE, leads) == []
    assert stages_due(DUE - timedelta(hours=5), DUE, leads) == [Stage.due_soon]
    assert stages_due(DUE - timedelta(hours=2), DUE, leads) == [Stage.due_soon, Stage.imminent]
    assert stages_due(DUE, DUE, leads)[-1] == Stage.breached


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=5, minutes=12), "5 h 12 min left"),
        (timedelta(hours=23, minutes=5, seconds=59), "23 h 05 min left"),
        (timedelta(minutes=42), "42 min left"),
        (timedelta(days=6, hours=23, minutes=59), "6 d 23 h left"),
        (timedelta(0), "0 min left"),
        (timedelta(hours=24), "24 h 00 min left"),
        (timedelta(hours=47, minutes=59), "47 h 59 min left"),
        (timedelta(hours=48), "2 d 0 h left"),
        (-timedelta(hours=1, minutes=3), "OVERDUE 1 h 03 min"),
        (-timedelta(minutes=7), "OVERDUE 7 min"),
        (-timedelta(days=2, hours=3), "OVERDUE 2 d 3 h"),
    ],
)
def test_format_time_left(delta: timedelta, text: str) -> None:
    assert format_time_left(delta) == text


# --- the injected clock -----------------------------------------------------------------------


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(datetime(2027, 3, 28, 2, 30, tzinfo=timezone(timedelta(hours=1))))
    assert clock.now() == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)
    assert clock.now() == clock.now()
    clock.advance(timedelta(hours=24))
    assert clock.now() == datetime(2027, 3, 29, 1, 30, tzinfo=UTC)
    clock.set(datetime(2027, 10, 31, 1, 30, tzinfo=timezone(timedelta(hours=1))))
    assert clock.now() == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)


def test_fake_clock_refuses_naive_times() -> None:
    with pytest.raises(ValueError):
        FakeClock(datetime(2027, 3, 28, 1, 30))
    clock = FakeClock(datetime(2027, 3, 28, 1, 30, tzinfo=UTC))
    with pytest.raises(ValueError):
        clock.set(datetime(2027, 3, 28, 1, 30))
    with pytest.raises(ValueError):
        as_utc(datetime(2027, 3, 28, 1, 30))


def test_fake_clock_drives_the_alert_stages() -> None:
    _, due_at, _ = mri(EMERGENCY, "2027-03-27T09:30:00+00:00")
    clock = FakeClock(datetime(2027, 3, 27, 9, 30, tzinfo=UTC))
    assert stages_due(clock.now(), due_at) == []
    clock.advance(timedelta(hours=20))
    assert stages_due(clock.now(), due_at) == [Stage.due_soon]
    assert format_time_left(due_at - clock.now()) == "4 h 00 min left"
    clock.advance(timedelta(hours=4, minutes=1))
    assert stages_due(clock.now(), due_at)[-1] == Stage.breached
    assert format_time_left(due_at - clock.now()) == "OVERDUE 1 min"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-27T09:30:00+00:00", datetime(2027, 3, 27, 9, 30, tzinfo=UTC)),
        ("2027-03-27T09:30:00Z", datetime(2027, 3, 27, 9, 30, tzinfo=UTC)),
        ("2027-07-01T10:00:00+01:00", datetime(2027, 7, 1, 9, 0, tzinfo=UTC)),
        ("2027-07-01T04:00:00-05:00", datetime(2027, 7, 1, 9, 0, tzinfo=UTC)),
    ],
)
def test_parse_instant_accepts_an_offset_and_returns_utc(text: str, expected: datetime) -> None:
    parsed = parse_instant(text, "call.received_at")
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "value",
    ["2027-03-27T09:30:00", "2027-03-27 09:30", "2027-03-27", "yesterday", "", 1711531800, None],
)
def test_parse_instant_refuses_with_the_field_named(value: object) -> None:
    with pytest.raises(InputError) as caught:
        parse_instant(value, "call.received_at")
    assert caught.value.field == "call.received_at"
    assert str(caught.value).startswith("call.received_at: ")


def test_parse_instant_names_the_missing_offset() -> None:
    with pytest.raises(InputError) as caught:
        parse_instant("2027-10-31T01:30:00", "suspected_at")
    assert caught.value.field == "suspected_at"
    assert "offset" in caught.value.problem
