"""Ids for rows added in bulk, so that a batch of inserts is one statement on SQLite too.

To hand back the id of each row of a batched INSERT in order, SQLAlchemy needs a
"sentinel" that SQLite's autoincrement key cannot be, so on SQLite the ORM inserts such
rows one statement at a time: a catch-up of 2,000 alerts was 4,000 INSERTs. A write
transaction on SQLite holds the database's write lock from its start (BEGIN IMMEDIATE,
`engine.Database.session`), so the next ids are known and are given here; the flush is
then one executemany. PostgreSQL hands ids back in order from a batched RETURNING, so
there nothing is given and its sequences stay in charge.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def give_ids(session: Session, rows: Sequence[Any]) -> None:
    """Number `rows` (new objects of one model, no id yet) after the table's last id."""
    if len(rows) < 2 or session.get_bind().dialect.name != "sqlite":
        return
    model = type(rows[0])
    last = session.scalar(select(func.max(model.id))) or 0
    for offset, row in enumerate(rows, start=1):
        row.id = last + offset
