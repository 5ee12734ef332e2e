"""Digests of patient data rows, so that `db check` can tell a row changed behind the app.

The audit chain proves that no event was changed; it says nothing about the rows the
events describe. So every transaction that writes one of the COVERED tables records, in
its audit event (`AuditEvent.row_digests`), the SHA-256 of each such row as committed,
and `db check` recomputes the digest of every current row and compares it with the
newest one the chain recorded for that (table, id).

The digest is of a canonical text of the row that is the same on SQLite and PostgreSQL
and across a backup and restore between them: instants in UTC with microseconds, dates
as ISO dates, booleans as JSON booleans, JSON values with sorted keys, and columns that
are NULL left out (so a migration that adds a nullable column does not change the digest
of every existing row; one that adds a column with a value must write a baseline, see
`baseline_digests`). Values are read through the models' column types, so the text SQLite
stores and the timestamptz PostgreSQL stores give the same digest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from json import encoder as json_encoder
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    Integer,
    String,
    TableClause,
    column,
    inspect,
    select,
    table,
)

from .models import Base, UTCDateTime

# The tables whose rows hold patient data or decide what the desk does: patients, cases,
# calls, assessments, clocks, checklist entries, alerts (and their acknowledgement),
# users (roles, passwords, enabled). Drafts and settings are not covered.
COVERED = ("user", "patient", "case", "call", "assessment", "deadline", "checklist_item", "alert")

# `AuditEvent.row_digests`: {table: {str(id): sha256 hex, or None for a deleted row}}.
RowDigests = dict[str, dict[str, str | None]]

_CHUNK = 500  # ids per `IN (...)` when reading back the rows of one transaction


def canonical(value: Any) -> Any:
    """A JSON-able value that is the same whichever backend the row was read from."""
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def compact_encoder(
    *, sort_keys: bool, ensure_ascii: bool, allow_nan: bool, default: Callable[[Any], Any] | None
) -> Callable[[Any], str]:
    """`json.dumps(value, separators=(",", ":"), ...)` with these options, as one call.

    `db check` encodes some 1.8 million texts at 100,000 cases: `json.dumps` (and
    `JSONEncoder.encode`) build a new encoder for every call, 2.4 µs of the 5.8 µs a row
    took. This builds CPython's C encoder once. No check for circular values: a row's
    values and a JSON text's are never circular.
    """
    options = {"sort_keys": sort_keys, "ensure_ascii": ensure_ascii, "allow_nan": allow_nan}
    fallback = json.JSONEncoder(separators=(",", ":"), default=default, **options)
    make_encoder = getattr(json_encoder, "c_make_encoder", None)  # None: no C accelerator
    if make_encoder is None:
        return fallback.encode
    encode_str = (
        json_encoder.encode_basestring_ascii if ensure_ascii else json_encoder.encode_basestring
    )
    chunks = make_encoder(
        None, fallback.default, encode_str, None, ":", ",", sort_keys, False, allow_nan
    )
    join = "".join
    return lambda value: join(chunks(value, 0))


_encode_row = compact_encoder(sort_keys=True, ensure_ascii=False, allow_nan=False, default=None)


def row_digest(values: Mapping[Any, Any]) -> str:
    """SHA-256 of the row's canonical text (NULL columns left out)."""
    body = _encode_row({name: canonical(v) for name, v in values.items() if v is not None})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def readable_table(conn: Connection, name: str) -> TableClause:
    """The table as it is in this database, read through the models' column types.

    A database at an older schema revision (a backup) has fewer columns than the models;
    a column the models do not know keeps the type the database reports.
    """
    model = Base.metadata.tables[name]
    cols: list[Any] = []
    for info in inspect(conn).get_columns(name):
        known: Column[Any] | None = model.columns.get(info["name"])
        cols.append(column(info["name"], known.type if known is not None else info["type"]))
    return table(name, *cols)


def model_table(name: str) -> TableClause:
    """The table as the models say (a database at head): no reflection needed, and its
    statements are compiled once and cached."""
    return Base.metadata.tables[name]


def digests_of(conn: Connection, tbl: TableClause, ids: Iterable[int]) -> dict[str, str | None]:
    """The digest of each row by id; None for an id no longer in the table (deleted)."""
    wanted = sorted(set(ids))
    out: dict[str, str | None] = {str(i): None for i in wanted}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for row in conn.execute(select(tbl).where(tbl.c.id.in_(chunk))):
            values = row._mapping
            out[str(values["id"])] = row_digest(values)
    return out


def all_digests(
    conn: Connection, tbl: TableClause, from_id: int | None = None
) -> Iterator[tuple[int, str]]:
    """(id, digest) of every row of the table (with an id of `from_id` on), streamed."""
    readers = _stored_readers(conn, tbl)
    if readers is not None:
        yield from _digests_as_stored(conn, tbl, readers, from_id)
        return
    query = select(tbl) if from_id is None else select(tbl).where(tbl.c.id >= from_id)
    result = conn.execute(query.execution_options(yield_per=2000))
    for row in result:
        values = row._mapping
        yield int(values["id"]), row_digest(values)


# `db check` digests every covered row (1.6 million at 100,000 cases), and most of the time
# went into SQLAlchemy's types turning SQLite's text into values and `canonical` turning
# them back into text. On SQLite the stored text of the app's types is read straight into
# the canonical form: an instant stored as `2026-11-24 20:05:00.000000` is the canonical
# `2026-11-24T20:05:00.000000Z`. Any value not stored in the shape the app writes makes that
# row go the long way round (`row_digest` of the row read through the types), so a digest
# is never computed from a guess; tests/store/test_row_digests.py holds the two equal.
_STORED_INSTANT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
_STORED_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_AS_STORED = object()  # a value the reader could not take as the app writes it


def _instant(text: Any) -> Any:
    if isinstance(text, str) and len(text) == 26 and _STORED_INSTANT.fullmatch(text):
        return f"{text[:10]}T{text[11:]}Z"
    return _AS_STORED


def _date(text: Any) -> Any:
    return text if isinstance(text, str) and _STORED_DATE.fullmatch(text) else _AS_STORED


def _boolean(value: Any) -> Any:
    return bool(value) if value in (0, 1) and not isinstance(value, float) else _AS_STORED


def _json(text: Any) -> Any:
    return json.loads(text) if isinstance(text, str) else _AS_STORED


def _stored_readers(conn: Connection, tbl: TableClause) -> list[tuple[str, Any]] | None:
    # (a reader of None: an integer or a text, taken as it is stored)
    """(column, reader) of each column, when every column is of a type read as stored."""
    if conn.dialect.name != "sqlite":
        return None
    readers: list[tuple[str, Any]] = []
    for col in tbl.columns:
        kind = col.type
        if isinstance(kind, UTCDateTime):
            reader: Any = _instant
        elif isinstance(kind, Boolean):
            reader = _boolean
        elif isinstance(kind, Date):
            reader = _date
        elif isinstance(kind, JSON):
            reader = _json
        elif isinstance(kind, (Integer, String)):  # Text is a String: taken as stored
            reader = None
        else:
            return None
        readers.append((col.name, reader))
    return readers


def _digests_as_stored(
    conn: Connection, tbl: TableClause, readers: list[tuple[str, Any]], from_id: int | None
) -> Iterator[tuple[int, str]]:
    names = ", ".join('"' + name.replace('"', '""') + '"' for name, _ in readers)
    quoted = '"' + tbl.name.replace('"', '""') + '"'
    where = "" if from_id is None else f" WHERE id >= {int(from_id)}"
    result = conn.exec_driver_sql(f"SELECT {names} FROM {quoted}{where}")
    id_at = [name for name, _ in readers].index("id")
    # Built in the order of the names, so the body needs sorting only inside JSON values.
    spec = sorted((name, reader, i) for i, (name, reader) in enumerate(readers))
    nested = any(reader is _json for _, reader, _ in spec)
    encode = compact_encoder(sort_keys=nested, ensure_ascii=False, allow_nan=False, default=None)
    sha256 = hashlib.sha256
    while rows := result.fetchmany(2000):
        for row in rows:
            body: dict[str, Any] = {}
            for name, reader, i in spec:
                stored = row[i]
                if stored is None:
                    continue
                if reader is None:
                    kind = type(stored)
                    if kind is int or kind is str:
                        body[name] = stored
                        continue
                    break
                value = reader(stored)
                if value is _AS_STORED:
                    break
                if value is not None:  # JSON `null` is read as NULL: left out, as NULL is
                    body[name] = value
            else:
                yield row[id_at], sha256(encode(body).encode("utf-8")).hexdigest()
                continue
            yield int(row[id_at]), _digest_read_through_types(conn, tbl, row[id_at])


def _digest_read_through_types(conn: Connection, tbl: TableClause, row_id: Any) -> str:
    row = conn.execute(select(tbl).where(tbl.c.id == row_id)).one()
    return row_digest(row._mapping)


def baseline_digests(conn: Connection) -> RowDigests:
    """The digests of every covered row now: what a baseline event records.

    A baseline is written where rows exist that no event recorded: when a database that
    predates row digests is migrated (revision 0003), and by any later migration that
    changes the columns of a covered table in a way that changes existing rows' digests.
    """
    tables = set(inspect(conn).get_table_names())
    out: RowDigests = {}
    for name in COVERED:
        if name in tables:
            rows: dict[str, str | None] = {
                str(i): d for i, d in all_digests(conn, readable_table(conn, name))
            }
            if rows:
                out[name] = rows
    return out


def merge(into: RowDigests, more: Mapping[str, Mapping[str, str | None]]) -> RowDigests:
    """`more` over `into`, table by table (a later digest of a row replaces an earlier)."""
    for name, rows in more.items():
        into.setdefault(name, {}).update(rows)
    return into
