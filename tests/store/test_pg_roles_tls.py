"""Least privilege and TLS on a real PostgreSQL server (docs/deploy-postgresql.md).

The desks connect as a role that reads and writes rows and cannot change the schema;
`db upgrade` runs as the owner. A server with `ssl = on` is reached with
`sslmode=verify-full` and the site's CA file, and a server whose certificate another CA
signed is refused with a message that says so.
"""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import text

from mscc_desk.domain.clock import FakeClock
from mscc_desk.store.calls import record_call
from mscc_desk.store.changes import Change, follow
from mscc_desk.store.opening import open_database
from tests.pg import PgServer
from tests.store.integrity_helpers import T0, call

pytestmark = pytest.mark.postgres

# What docs/deploy-postgresql.md tells the administrator to run, word for word.
DESK_GRANTS = """
GRANT CONNECT ON DATABASE {db} TO {desk};
GRANT USAGE ON SCHEMA public TO {desk};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {desk};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {desk};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {desk};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO {desk};
"""


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _admin(
    server: PgServer, dbname: str = "postgres", user: str = "postgres"
) -> psycopg.Connection:
    return psycopg.connect(
        host="127.0.0.1", port=server.port, user=user, dbname=dbname, autocommit=True
    )


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mscc_desk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ),
    )


def test_desks_write_rows_and_only_the_owner_changes_the_schema(pg_server: PgServer) -> None:
    tag = uuid.uuid4().hex[:8]
    owner, desk, dbname = f"mscc_owner_{tag}", f"mscc_desk_{tag}", f"mscc_{tag}"
    with _admin(pg_server) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner)))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(desk)))
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(dbname), sql.Identifier(owner)
            )
        )
    with _admin(pg_server, dbname) as conn:
        conn.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(owner)))
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    owner_url = pg_server.url_for(dbname).replace("postgres@", f"{owner}@")
    desk_url = pg_server.url_for(dbname).replace("postgres@", f"{desk}@")

    upgraded = _cli("db", "upgrade", "--db", owner_url)  # the owner migrates
    assert upgraded.returncode == 0, upgraded.stderr
    with _admin(pg_server, dbname, owner) as conn:
        for statement in DESK_GRANTS.strip().split(";"):
            if statement.strip():
                conn.execute(
                    sql.SQL(statement.strip()).format(
                        db=sql.Identifier(dbname),
                        desk=sql.Identifier(desk),
                        owner=sql.Identifier(owner),
                    )
                )

    db = open_database(desk_url)  # at head already: opening as the desk changes nothing
    try:
        outcome = record_call(db, call("9434765919"), user="coord", clock=FakeClock(T0))
        assert outcome.case_id
        for ddl in ("ALTER TABLE call ADD COLUMN planted integer", "CREATE TABLE planted (i int)"):
            with pytest.raises(Exception) as refused, db.engine.begin() as conn:
                conn.execute(text(ddl))
            assert isinstance(
                refused.value.__cause__ or refused.value, psycopg.errors.InsufficientPrivilege
            )
    finally:
        db.dispose()
    checked = _cli("db", "check", "--db", desk_url)
    assert checked.returncode == 0, checked.stderr


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def _ca(folder: Path, name: str) -> tuple[Path, Path]:
    key, cert = folder / f"{name}.key", folder / f"{name}.crt"
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", f"/CN={name}", "-keyout", str(key), "-out", str(cert), cwd=folder,
    )  # fmt: skip
    return key, cert


def _server_cert(folder: Path, ca_key: Path, ca_cert: Path) -> tuple[Path, Path]:
    key, csr, cert = folder / "server.key", folder / "server.csr", folder / "server.crt"
    ext = folder / "san.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _openssl(
        "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", str(key), "-out", str(csr), cwd=folder,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", str(csr), "-CA", str(ca_cert), "-CAkey", str(ca_key),
        "-CAcreateserial", "-days", "2", "-extfile", str(ext), "-out", str(cert), cwd=folder,
    )  # fmt: skip
    return key, cert


def test_verify_full_with_the_ca_file_works_and_a_wrong_ca_is_refused(
    own_pg_server: PgServer, tmp_path: Path
) -> None:
    ca_key, ca_cert = _ca(tmp_path, "site-ca")
    _other_key, other_ca = _ca(tmp_path, "other-ca")
    key, cert = _server_cert(tmp_path, ca_key, ca_cert)
    data = own_pg_server.datadir
    for source, name in ((cert, "server.crt"), (key, "server.key")):
        target = data / name
        target.write_bytes(source.read_bytes())
        target.chmod(0o600)
        if os.geteuid() == 0:  # the server runs as postgres and must own its key
            user = pwd.getpwnam("postgres")
            os.chown(target, user.pw_uid, user.pw_gid)
    with _admin(own_pg_server) as conn:
        conn.execute("ALTER SYSTEM SET ssl = on")
        conn.execute("SELECT pg_reload_conf()")

    base = f"postgresql+psycopg://postgres@127.0.0.1:{own_pg_server.port}/mscc_test"
    url = f"{base}?sslmode=verify-full&sslrootcert={ca_cert}"
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            on = conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
            assert on.scalar_one() is True
        # The change feed's own connection goes over TLS with the same settings.
        heard: list[Change] = []
        stop = threading.Event()

        def stop_when_heard(batch: list[Change]) -> None:
            heard.extend(batch)
            stop.set()

        follower = threading.Thread(
            target=follow, args=(db, stop, stop_when_heard), kwargs={"after_id": 0}
        )
        record_call(db, call("9434765919"), user="coord", clock=FakeClock(T0))
        follower.start()
        follower.join(timeout=60)
        assert [c.kind for c in heard][:1] == ["case.opened"]
    finally:
        db.dispose()

    wrong = _cli("db", "check", "--db", f"{base}?sslmode=verify-full&sslrootcert={other_ca}")
    assert wrong.returncode == 1
    assert "certificate verify failed" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1 and "Traceback" not in wrong.stderr
