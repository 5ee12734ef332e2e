"""Alembic environment: migrations run on the connection the app hands over.

`render_as_batch=True` lets SQLite alter tables (it rebuilds them), and the naming
convention on the metadata gives every constraint a stable name to drop later.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from mscc_desk.store.engine import make_engine
from mscc_desk.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url in alembic.ini or use `mscc-desk db upgrade`")
    engine = make_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
