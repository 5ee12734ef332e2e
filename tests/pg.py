"""A real, throwaway PostgreSQL server for tests.

The store must behave the same on SQLite and PostgreSQL, and only a real server shows the
differences (types, locking, constraint timing), so nothing here is mocked.  The server
lives in a temporary directory, listens only on 127.0.0.1 and is thrown away at the end.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

__all__ = ["PgServer", "PgUnavailable", "find_bindir", "start_server"]

_START_ATTEMPTS = 3
_TIMEOUT_S = 60
_DB_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class PgUnavailable(RuntimeError):
    """No server could be had; the fixture decides whether that skips or fails."""


def _version_key(bindir: str) -> tuple[int, ...]:
    version = Path(bindir).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version))


def find_bindir() -> Path:
    """Pick the newest installed PostgreSQL, as a developer's own server would be."""
    candidates = [
        bindir
        for bindir in glob.glob("/usr/lib/postgresql/*/bin")
        if os.access(os.path.join(bindir, "initdb"), os.X_OK)
        and os.access(os.path.join(bindir, "pg_ctl"), os.X_OK)
    ]
    if candidates:
        return Path(max(candidates, key=_version_key))
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    raise PgUnavailable("no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PgServer:
    """A running server; ``url`` is its first database, ``new_database`` makes more."""

    def __init__(self, bindir: Path, root: Path, port: int, runas: list[str]) -> None:
        self.bindir = bindir
        self.root = root
        self.port = port
        self._runas = runas
        self._stopped = False
        self.url = self.new_database("mscc_test")

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url_for(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, name: str) -> str:
        """Create an empty database so a test never sees another test's rows."""
        if not _DB_NAME.fullmatch(name):
            raise ValueError(f"unsafe database name {name!r}")
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url_for(name)

    def pause(self) -> None:
        """Stop the server and keep its data, as a network drop or a reboot looks to a
        desk: every connection is cut at once. `resume` starts it again on the same port."""
        _run(
            [*self._runas, str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir)]
            + ["-m", "fast", "-w", "-t", str(_TIMEOUT_S)],
            self.root,
            "pg_ctl stop",
        )

    def resume(self) -> None:
        _run(
            [*self._runas, str(self.bindir / "pg_ctl"), "start", "-D", str(self.datadir)]
            + ["-l", str(self.root / "server.log"), "-w", "-t", str(_TIMEOUT_S)],
            self.root,
            "pg_ctl start",
        )

    def stop(self) -> None:
        """Stop hard: nothing in a throwaway cluster is worth a clean shutdown."""
        if self._stopped:
            return
        self._stopped = True
        subprocess.run(
            [*self._runas, str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir)]
            + ["-m", "immediate", "-w"],
            cwd=self.root,
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _run(cmd: list[str], cwd: Path, what: str) -> None:
    try:
        done = subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PgUnavailable(f"{what} failed: {exc}") from exc
    if done.returncode != 0:
        raise PgUnavailable(f"{what} failed ({done.returncode}): {done.stderr or done.stdout}")


def _runas_prefix(root: Path) -> list[str]:
    # initdb refuses to run as root, so as root everything runs as the postgres user,
    # which must own the directory and be able to reach it.
    if os.geteuid() != 0:
        return []
    try:
        user = pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PgUnavailable("running as root and there is no postgres user") from exc
    runuser = shutil.which("runuser")
    if runuser is None:
        raise PgUnavailable("running as root and runuser is not installed")
    os.chown(root, user.pw_uid, user.pw_gid)
    for parent in root.parents:
        mode = parent.stat().st_mode
        if parent != Path("/") and mode & 0o001 == 0:
            os.chmod(parent, mode | 0o001)
    return [runuser, "-u", "postgres", "--"]


def _start(bindir: Path, root: Path, runas: list[str]) -> PgServer:
    datadir = root / "data"
    sockdir = root / "sock"
    _run(
        [*runas, str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres"]
        + ["-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"],
        root,
        "initdb",
    )
    sockdir.mkdir(mode=0o700)
    owner = root.stat()
    os.chown(sockdir, owner.st_uid, owner.st_gid)
    last: PgUnavailable | None = None
    for _ in range(_START_ATTEMPTS):
        port = _free_port()
        with open(datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\n"
                f"port = {port}\n"
                f"unix_socket_directories = '{sockdir}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        try:
            _run(
                [*runas, str(bindir / "pg_ctl"), "start", "-D", str(datadir)]
                + ["-l", str(root / "server.log"), "-w", "-t", str(_TIMEOUT_S)],
                root,
                "pg_ctl start",
            )
        except PgUnavailable as exc:
            log = root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            last = PgUnavailable(f"{exc}\n{tail}")
            continue
        return PgServer(bindir, root, port, runas)
    assert last is not None
    raise last


def start_server() -> PgServer:
    """Start a server, or raise PgUnavailable saying why not (and leave nothing behind)."""
    bindir = find_bindir()
    root = Path(tempfile.mkdtemp(prefix="mscc-pg-", dir="/tmp"))
    runas: list[str] = []
    try:
        runas = _runas_prefix(root)
        server = _start(bindir, root, runas)
    except BaseException as exc:
        subprocess.run(
            [*runas, str(bindir / "pg_ctl"), "stop", "-D", str(root / "data"), "-m", "immediate"],
            cwd=root,
            capture_output=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
        if isinstance(exc, psycopg.Error | OSError):
            raise PgUnavailable(f"could not start a usable server: {exc}") from exc
        raise
    # A crashed or interrupted test run must not leave a postmaster behind.
    atexit.register(server.stop)
    return server
