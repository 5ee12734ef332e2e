"""The schema revisions the app knows, and the one a database is at, without Alembic.

Importing Alembic costs about a third of a second, most of an empty start-up, and
nearly every start finds the schema already at head. So the revisions are read from
the migration files themselves (each file's `revision` and `down_revision` literals,
as Alembic reads them) and a database's revision from its `alembic_version` table;
Alembic is imported only to migrate. A database that is behind is migrated and one
that is ahead is refused exactly as before: the same set of known revisions decides
(`tests/store/test_revisions.py` holds this reading to Alembic's own).
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from ..domain.resources import migrations_path

VERSION_TABLE = "alembic_version"


def _literal(tree: ast.Module, name: str) -> object:
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return ast.literal_eval(value)
    raise ValueError(f"no {name} = ... in the migration")


@cache
def known_revisions(folder: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Every revision of the migration files, with the revisions it follows."""
    out: dict[str, tuple[str, ...]] = {}
    for path in sorted((folder or migrations_path() / "versions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        revision = _literal(tree, "revision")
        down = _literal(tree, "down_revision")
        if not isinstance(revision, str):
            raise ValueError(f"{path.name}: revision is not a string")
        if down is None:
            parents: tuple[str, ...] = ()
        elif isinstance(down, str):
            parents = (down,)
        elif isinstance(down, (tuple, list)):
            parents = tuple(str(d) for d in down)
        else:
            raise ValueError(f"{path.name}: down_revision is not a revision")
        out[revision] = parents
    return out


def head_of(revisions: dict[str, tuple[str, ...]]) -> str:
    """The one revision no other follows (several would be a broken chain)."""
    followed = {parent for parents in revisions.values() for parent in parents}
    heads = sorted(set(revisions) - followed)
    if len(heads) != 1:
        raise ValueError(f"the migrations have {len(heads)} heads: {', '.join(heads)}")
    return heads[0]


def stored_revisions(conn: Connection) -> list[str] | None:
    """What the database's version table holds; None when it has none (no schema yet)."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    return [row[0] for row in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))]
