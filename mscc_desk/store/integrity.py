"""Everything `db check` checks, for a live database or a backup about to be restored.

The engine's own checks (SQLite's integrity and foreign keys), and beside them, in
order: the schema (exactly the app's schema of its revision, nothing planted), the app's
invariants (every open case has its clocks, nothing orphaned), the audit chain (every
link), the rows (each covered row's digest is the newest one the chain recorded for it),
and the chain's head against what is kept outside the database (the witness file; a
backup's own record of its head). A file the engine's checks find at fault is reported
by them alone, and a schema that is not the app's by the schema check alone.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from ..domain.pathway import default_pathway
from ..domain.triage import triage
from .audit import ChainWalk, walk_chain
from .backup import integrity_problems
from .clocks import merged_case_facts
from .engine import current_revision, read_connection, read_only
from .models import Alert, Assessment, Case, Deadline
from .row_digests import COVERED, all_digests, readable_table
from .schema_check import BACKUP_TABLE, postgresql_schema_problems, sqlite_schema_problems
from .witness import (
    Head,
    Witness,
    WitnessUnreadable,
    explained_by_restore,
    read_witness,
    restores_recorded,
)

_KINDS = {
    "changed": "differ from what the audit trail last recorded for them (changed outside the app)",
    "unrecorded": "are recorded by no audit event (written outside the app)",
    "vanished": "were recorded by the audit trail but are gone (deleted outside the app)",
}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # {"changed"|"unrecorded"|"vanished": {table: [ids]}}
    rows: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    heads: dict[str, Any] = field(default_factory=dict)
    row_digests: bool = False  # the schema has them (revision 0003 on)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "warnings": self.warnings,
            **self.counts,
            "tampered_rows": self.rows,
            "chain_head": self.heads,
        }


def inspect_database(engine: Engine, *, witness: Path | None) -> Report:
    """Check the database behind `engine`; `witness` is the witness file to compare
    (None: none is expected, e.g. a backup taken elsewhere).

    SQLite's own checks run on their own connection in a thread while the rest is read:
    they are C, and Python's sqlite3 lets go of the GIL while SQLite works, so on two
    cores the integrity check (3.4 s at 100,000 cases) overlaps the Python work instead
    of coming first. When they find the file damaged, only what they found is reported,
    as before, when nothing else was read: reading on only adds noise, or fails (that
    failure is not reported).
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-check") as pool:
        engine_checked = pool.submit(engine_problems, engine)
        try:
            report = _inspect_data(engine, witness)
        except Exception:
            if engine_checked.result():
                return Report(problems=engine_checked.result())
            raise
        if engine_checked.result():
            return Report(problems=engine_checked.result())
    return report


def _inspect_data(engine: Engine, witness: Path | None) -> Report:
    """Everything but the engine's own checks."""
    report = Report()
    report.problems += schema_problems(engine)
    if report.problems:
        return report  # junk columns: the data checks cannot read the rows
    # One snapshot for all of it (the chain and the rows must be of the same moment),
    # without taking the write lock: the desk keeps saving while this runs.
    with read_only(engine) as conn, Session(bind=conn) as session:
        report.problems += invariant_problems(session)
        backup_head = _backup_head(conn)
        found = _read(witness, report) if witness is not None else None
        positions = {h.count for h in (backup_head, found.head if found else None) if h}
        walk = walk_chain(conn, positions)
        if walk.broken is not None:
            b = walk.broken
            report.problems.append(
                f"audit trail: the chain breaks at event {b.id} ({b.action} at "
                f"{b.at.isoformat()}): it was changed, inserted or a row before it was "
                "deleted outside the app"
            )
        _check_heads(conn, engine, walk, backup_head, found, witness, report)
        report.row_digests = walk.has_row_digests
        if walk.has_row_digests:
            _check_rows(conn, walk, report)
        else:
            report.warnings.append(
                f"schema {current_revision(engine)} predates row digests: rows are not "
                "checked against the audit trail; `mscc-desk db upgrade` adds them"
            )
        report.counts = {
            "cases": session.scalar(select(func.count()).select_from(Case)) or 0,
            "open_cases": session.scalar(
                select(func.count()).select_from(Case).where(Case.status == "open")
            )
            or 0,
            "deadlines": session.scalar(select(func.count()).select_from(Deadline)) or 0,
            "audit_events": walk.count,
        }
    return report


def engine_problems(engine: Engine) -> list[str]:
    """The engine's own check: SQLite's integrity and foreign-key checks."""
    if engine.url.get_backend_name() != "sqlite":
        with read_connection(engine) as conn:
            conn.execute(text("SELECT 1"))
        return []
    assert engine.url.database
    problems = [
        f"sqlite integrity_check: {p}" for p in integrity_problems(Path(engine.url.database))
    ]
    if problems:
        return problems
    with read_connection(engine) as conn:
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"foreign key broken: table {row[0]} row {row[1]} -> {row[2]}")
    return problems


def schema_problems(engine: Engine) -> list[str]:
    revision = current_revision(engine)
    if revision is None:
        return ["it has no schema revision: not an MSCC Desk database"]
    if engine.url.get_backend_name() == "sqlite":
        assert engine.url.database
        return [f"schema: {p}" for p in sqlite_schema_problems(Path(engine.url.database), revision)]
    with read_connection(engine) as conn:
        return [f"schema: {p}" for p in postgresql_schema_problems(conn)]


def invariant_problems(session: Session) -> list[str]:
    pathway = default_pathway()
    problems: list[str] = []
    orphan_deadlines = session.scalar(
        select(func.count())
        .select_from(Deadline)
        .outerjoin(Case, Deadline.case_id == Case.id)
        .where(Case.id.is_(None))
    )
    if orphan_deadlines:
        problems.append(f"{orphan_deadlines} deadline(s) belong to no case")
    orphan_alerts = session.scalar(
        select(func.count())
        .select_from(Alert)
        .outerjoin(Deadline, Alert.deadline_id == Deadline.id)
        .where(Deadline.id.is_(None))
    )
    if orphan_alerts:
        problems.append(f"{orphan_alerts} alert(s) belong to no deadline")

    open_cases = {c.id: c for c in session.scalars(select(Case).where(Case.status == "open"))}
    clocks: dict[int, set[str]] = defaultdict(set)
    for case_id, key in session.execute(
        select(Deadline.case_id, Deadline.key).join(Case).where(Case.status == "open")
    ):
        clocks[case_id].add(key)
    calls: dict[int, list[Assessment]] = defaultdict(list)
    for a in session.scalars(
        select(Assessment).join(Case).where(Case.status == "open").order_by(Assessment.id)
    ):
        calls[a.case_id].append(a)
    for case_id, assessments in calls.items():
        case = open_cases[case_id]
        facts = merged_case_facts(assessments)
        # record_call triages every call's facts together at the case's category (a case
        # is never relaxed), so the clocks due are those of all its calls at that category.
        expected = {d.key for d in triage(facts, pathway, case.category).deadlines}
        missing = expected - clocks[case.id]
        if missing:
            problems.append(
                f"case {case.id} ({case.category}) is open without its clock(s): "
                + ", ".join(sorted(missing))
            )
    return problems


def _check_rows(conn: Connection, walk: ChainWalk, report: Report) -> None:
    """Every covered row against the newest digest the chain recorded for it."""
    found: dict[str, dict[str, list[int]]] = {kind: {} for kind in _KINDS}
    for name in COVERED:
        recorded = walk.recorded.get(name, {})
        seen: set[str] = set()
        for row_id, digest in all_digests(conn, readable_table(conn, name)):
            key = str(row_id)
            seen.add(key)
            if key not in recorded or recorded[key] is None:
                found["unrecorded"].setdefault(name, []).append(row_id)
            elif recorded[key] != digest:
                found["changed"].setdefault(name, []).append(row_id)
        gone = sorted(int(k) for k, d in recorded.items() if d is not None and k not in seen)
        if gone:
            found["vanished"][name] = gone
    for kind, tables in found.items():
        for name, ids in tables.items():
            ids.sort()
            report.problems.append(f"{name}: row(s) {_ranges(ids)} {_KINDS[kind]}")
    report.rows = {kind: tables for kind, tables in found.items() if tables}


def _ranges(ids: list[int]) -> str:
    """`1, 4-9, 12`: every id named, runs shortened."""
    parts: list[str] = []
    start = prev = ids[0]
    for i in [*ids[1:], None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if i is not None:
            start = prev = i
    return ", ".join(parts)


def _backup_head(conn: Connection) -> Head | None:
    """The head a backup file recorded of itself when it was written, if this is one."""
    if BACKUP_TABLE not in inspect(conn).get_table_names():
        return None
    row = conn.execute(
        text(f"SELECT event_count, last_event_id, last_hash FROM {BACKUP_TABLE}")
    ).first()
    return Head(int(row[0]), row[1], row[2]) if row is not None else Head(-1, None, None)


def _read(path: Path, report: Report) -> Witness | None:
    try:
        return read_witness(path)
    except WitnessUnreadable as exc:
        report.problems.append(f"witness: {exc}")
        return None


def _check_heads(
    conn: Connection,
    engine: Engine,
    walk: ChainWalk,
    backup_head: Head | None,
    found: Witness | None,
    witness: Path | None,
    report: Report,
) -> None:
    """The chain must reach every head kept of it, with the same hash there."""
    report.heads = {
        "count": walk.count,
        "last_id": walk.head_id,
        "hash": walk.head_hash,
        "witness": None if witness is None else str(witness),
    }
    if backup_head is not None:
        report.heads["backup"] = backup_head.to_json()
        if backup_head.count < 0:
            report.problems.append(f"backup: its {BACKUP_TABLE} table records no chain head")
        else:
            _compare(walk, backup_head, "the backup's record of its chain head", False, report)
    if found is not None:
        report.heads["witnessed"] = found.head.to_json()
        excused = explained_by_restore(found, restores_recorded(conn))
        reached = _compare(walk, found.head, f"the witness {found.path}", excused, report)
        if reached and walk.count > found.head.count and engine.url.get_backend_name() == "sqlite":
            report.warnings.append(
                f"the witness {found.path} records {found.head.count} events, the chain "
                f"holds {walk.count}: the newest were saved but the witness not updated "
                "(the app stopped between the two, the file could not be written (see the "
                "log), or another program wrote); the chain up to the witnessed event is "
                "intact, and the next save updates the witness"
            )
        return
    if witness is None or not walk.count or backup_head is not None:
        return
    if not walk.has_row_digests:
        return  # a database older than the witness: nothing could have written one
    if engine.url.get_backend_name() == "sqlite":
        report.problems.append(
            f"witness: {witness} is missing, so the newest events cannot be confirmed (were "
            "some deleted?). If the database file was moved or copied, move its .witness "
            "file with it; the next change saved writes a new one"
        )
    else:
        report.warnings.append(
            "this workstation holds no witness of this database yet (it is written after "
            "this workstation's first change), so the newest events cannot be confirmed here"
        )


def _compare(walk: ChainWalk, kept: Head, where: str, excused: bool, report: Report) -> bool:
    """Whether the chain reaches `kept`; if not, a problem, or a warning when `excused`
    (a restore newer than `kept` explains it)."""
    if walk.count >= kept.count and (kept.count == 0 or walk.hash_at.get(kept.count) == kept.hash):
        return True
    if excused:
        report.warnings.append(
            f"{where} records {kept.count} events of the chain as it was before a restore "
            "from a backup (see the db.restore events); it is replaced at this "
            "workstation's next change"
        )
        return False
    if walk.count < kept.count:
        report.problems.append(
            f"audit trail: the chain holds {walk.count} events but {where} records "
            f"{kept.count} (the last, event {kept.last_id}): the newest "
            f"{kept.count - walk.count} event(s) were deleted outside the app, or the "
            "database was replaced by an older copy without `db restore`"
        )
    else:
        report.problems.append(
            f"audit trail: event number {kept.count} is not the one {where} records "
            f"(event {kept.last_id}): events were deleted and others written, or the chain "
            "was rewritten, outside the app"
        )
    return False
