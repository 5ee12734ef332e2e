"""`compact_encoder` writes exactly what `json.dumps` writes with the same options.

Row digests and the audit chain hash these texts: one character different and every
database would fail its check (or a changed row would pass). So the C encoder built once
must agree with `json.dumps` on anything JSON holds, and fail where it fails.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mscc_desk.store.row_digests import compact_encoder

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",))) | st.sampled_from(
    ["", '"', "\\", "\x00", "\u2028\u2029", "\x7f", "\x1f\n\t\r\b\f", "é😀", "/"]
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)
ROW = dict(sort_keys=True, ensure_ascii=False, allow_nan=False)
CHAIN = dict(sort_keys=True, ensure_ascii=True, allow_nan=True)


def _both(options: dict[str, Any], value: Any, default: Any = None) -> tuple[Any, Any]:
    results = []
    for encode in (
        compact_encoder(**options, default=default),
        lambda v: json.dumps(v, separators=(",", ":"), default=default, **options),
    ):
        try:
            results.append(encode(value))
        except (ValueError, TypeError) as exc:
            results.append(type(exc))
    return results[0], results[1]


@given(VALUES)
def test_as_rows_are_written(value: Any) -> None:
    ours, stdlib = _both(ROW, value)
    assert ours == stdlib


@given(VALUES)
def test_as_the_chain_is_written(value: Any) -> None:
    ours, stdlib = _both(CHAIN, value, default=str)
    assert ours == stdlib


@given(VALUES)
def test_unsorted(value: Any) -> None:
    ours, stdlib = _both({**ROW, "sort_keys": False}, value)
    assert ours == stdlib


@pytest.mark.parametrize(
    ("options", "value", "expected"),
    [
        (ROW, {"a": float("nan")}, ValueError),
        (ROW, {"at": datetime(2027, 3, 27, tzinfo=UTC)}, TypeError),
        (CHAIN, {"at": datetime(2027, 3, 27, tzinfo=UTC)}, '{"at":"2027-03-27 00:00:00+00:00"}'),
        (CHAIN, {"b": "é", "a": [1.5, None]}, '{"a":[1.5,null],"b":"\\u00e9"}'),
        (ROW, "é", '"é"'),
    ],
)
def test_what_json_cannot_hold_fails_alike(
    options: dict[str, Any], value: Any, expected: Any
) -> None:
    default = str if options is CHAIN else None
    assert _both(options, value, default) == (expected, expected)
