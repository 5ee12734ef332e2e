"""`mscc-desk db ...`: migrate, check, back up and restore a database.

`check` asks the database engine for its own integrity check and then checks what the
engine cannot know: that every open case has the clocks its category calls for, that no
clock or alert is orphaned, and that the audit chain is unbroken.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text

from ..domain.errors import InputError
from ..domain.pathway import default_pathway
from ..domain.triage import triage
from .audit import first_broken_link
from .backup import backup_problems, backup_to, integrity_problems, restore_from
from .clocks import merged_case_facts
from .engine import (
    check_revision,
    current_revision,
    make_engine,
    open_database,
    read_connection,
)
from .engine import upgrade as _upgrade
from .models import Alert, Assessment, AuditEvent, Case, Deadline


def upgrade(target: str | None) -> dict[str, Any]:
    db = open_database(target, migrate=False)
    try:
        backup_file = _upgrade(db.engine)
        return {"revision": current_revision(db.engine), "backup": backup_file}
    finally:
        db.dispose()


def check(target: str | None) -> dict[str, Any]:
    db = open_database(target, migrate=False)
    try:
        problems = engine_problems(db.engine)
        with db.read_session() as session:
            problems += invariant_problems(session)
            broken = first_broken_link(session)
            if broken is not None:
                problems.append(
                    f"audit trail: the chain breaks at event {broken.id} "
                    f"({broken.action} at {broken.at.isoformat()}): it was changed, inserted "
                    "or a row before it was deleted outside the app"
                )
            counts = {
                "cases": session.scalar(select(func.count()).select_from(Case)),
                "open_cases": session.scalar(
                    select(func.count()).select_from(Case).where(Case.status == "open")
                ),
                "deadlines": session.scalar(select(func.count()).select_from(Deadline)),
                "audit_events": session.scalar(select(func.count()).select_from(AuditEvent)),
            }
    finally:
        db.dispose()
    return {"ok": not problems, "problems": problems, **counts}


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
    with read_connection(engine) as conn:
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"foreign key broken: table {row[0]} row {row[1]} -> {row[2]}")
    return problems


def invariant_problems(session: Any) -> list[str]:
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


def backup(target: str | None, out: Path) -> dict[str, Any]:
    db = open_database(target)
    try:
        written = backup_to(db.engine, out)
    finally:
        db.dispose()
    return {"backup": str(written), "bytes": written.stat().st_size}


def restore(target: str | None, source: Path) -> dict[str, Any]:
    problems = backup_problems(source)
    if problems:
        raise InputError("IN", f"refused: {problems[0]}")
    # A backup from a newer version is refused before anything is replaced; one from an
    # older version is migrated to head after the restore.
    probe = make_engine(source)
    try:
        check_revision(probe)
    finally:
        probe.dispose()
    db = open_database(target)
    try:
        restore_from(db.engine, source)
    finally:
        db.dispose()
    db = open_database(target)  # migrates a restored older schema to head
    db.dispose()
    return {"restored_from": str(source)}
