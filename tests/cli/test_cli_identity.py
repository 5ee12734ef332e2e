"""Who may act from the command line, through real processes (shared/contracts/CLI.md).

Until the first administrator exists, commands act as named (test_cli.py covers that).
From then on, writing and printing need the named user's password on standard input or
a token an administrator issued; `user add` needs an administrator's. A refusal is one
line, exit 2, and writes nothing: no case, no user, no PDF, no backup file.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.cli.test_cli import Cli, count, dump, record_input

ADA_PW = "correct horse battery"
CORA_PW = "cora pass 12"


@pytest.fixture
def cli(tmp_path: Any) -> Cli:
    """A desk whose first administrator, ada, exists, and a coordinator, cora."""
    desk = Cli(tmp_path)
    added = desk("user", "add", "ada", "--role", "admin", "--password-stdin", stdin=ADA_PW + "\n")
    assert added.code == 0, added.stderr
    cora = desk(
        "user",
        "add",
        "cora",
        "--role",
        "coordinator",
        "--password-stdin",
        "--user",
        "ada",
        stdin=f"{CORA_PW}\n{ADA_PW}\n",
    )
    assert cora.code == 0, cora.stderr
    return desk


def _token(cli: Cli, name: str, *extra: str) -> dict[str, Any]:
    issued = cli(
        "user", "token", name, *extra, "--user", "ada", "--password-stdin", stdin=ADA_PW + "\n"
    )
    assert issued.code == 0, issued.stderr
    out: dict[str, Any] = issued.json()
    return out


def _rows(cli: Cli, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(cli.db) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


def test_once_an_administrator_exists_nobody_writes_or_prints_on_a_name_alone(cli: Cli) -> None:
    before = dump(cli.db)
    call = json.dumps(record_input())
    pdf, backup = cli.tmp / "sheet.pdf", cli.tmp / "backup.sqlite3"
    attempts = {
        "record --user": (["record", "--json", "-", "--user", "ada"], call, {}, "--user ada: "),
        "MSCC_DESK_USER": (
            ["record", "--json", "-"],
            call,
            {"MSCC_DESK_USER": "ada"},
            "MSCC_DESK_USER ada: ",
        ),
        "follow-up": (["record", "--json", "-", "--case", "1"], call, {}, "cli_coord: "),
        "handover": (["handover", "--pdf", str(pdf), "--user", "ada"], None, {}, "--user ada: "),
        "demo": (["demo", "--cases", "3", "--user", "ada"], None, {}, "--user ada: "),
        "backup": (["db", "backup", str(backup), "--user", "ada"], None, {}, "--user ada: "),
        "restore": (["db", "restore", str(cli.db), "--user", "ada"], None, {}, "--user ada: "),
        "user add admin": (
            ["user", "add", "mallory", "--role", "admin", "--password-stdin"],
            "mallory-pass-1\n",
            {},
            "cli_coord: ",
        ),
        "user token": (["user", "token", "cora", "--user", "ada"], None, {}, "--user ada: "),
        "user unlock": (["user", "unlock", "cora", "--user", "ada"], None, {}, "--user ada: "),
    }
    for what, (args, stdin, env, names) in attempts.items():
        result = cli(*args, stdin=stdin, env=env)
        assert result.code == 2, (what, result)
        assert result.stdout == "", what
        line = result.one_line()
        assert names in line, (what, line)
        assert "MSCC_DESK_TOKEN is needed once an administrator exists" in line, (what, line)
    assert not pdf.exists() and not backup.exists()
    assert not list(cli.tmp.glob("*.partial"))
    assert dump(cli.db) == before  # not a row, not an audit event


def test_a_password_on_standard_input_lets_the_named_user_act(cli: Cli) -> None:
    call = json.dumps(record_input())
    recorded = cli(
        "record", "--json", "-", "--user", "cora", "--password-stdin", stdin=f"{CORA_PW}\n{call}"
    )
    assert recorded.code == 0, recorded.stderr
    case_id = recorded.json()["case_id"]
    [(taken_by,)] = _rows(cli, "SELECT u.username FROM call c JOIN user u ON u.id = c.taken_by_id")
    assert taken_by == "cora"
    # The password is typed where the sign-in screen would be: audited, as from the CLI.
    [(detail,)] = _rows(
        cli, "SELECT detail FROM audit_event WHERE action = 'auth.sign_in' ORDER BY id DESC"
    )[:1]
    assert json.loads(detail)["context"] == "command_line"

    wrong = cli(
        "record", "--json", "-", "--user", "cora", "--password-stdin", stdin=f"nope-nope\n{call}"
    )
    assert wrong.code == 2
    assert wrong.one_line().startswith("bad input: --password-stdin: wrong username or password")
    assert count(cli.db, "call") == 1

    # A viewer's or coordinator's proof does not reach further than their role.
    pdf = cli.tmp / "sheet.pdf"
    printed = cli(
        "handover", "--pdf", str(pdf), "--user", "cora", "--password-stdin", stdin=CORA_PW + "\n"
    )
    assert printed.code == 0, printed.stderr
    assert pdf.is_file()
    as_cora = cli(
        "user",
        "add",
        "mallory",
        "--role",
        "admin",
        "--password-stdin",
        "--user",
        "cora",
        stdin=f"mallory-pass-1\n{CORA_PW}\n",
    )
    assert as_cora.code == 2
    assert "may not manage users" in as_cora.one_line()
    follow = cli(
        "record",
        "--json",
        "-",
        "--case",
        str(case_id),
        "--user",
        "ada",
        "--password-stdin",
        stdin=f"{ADA_PW}\n{call}",
    )
    assert follow.code == 0, follow.stderr
    assert [n for (n,) in _rows(cli, "SELECT username FROM user ORDER BY id")] == ["ada", "cora"]


def test_a_token_acts_for_its_user_until_revoked_and_only_its_hash_is_kept(cli: Cli) -> None:
    issued = _token(cli, "cora")
    token = issued["token"]
    assert issued["user"] == "cora" and token.startswith(f"mscc_{issued['token_id']}_")
    expires = datetime.fromisoformat(issued["expires_at"])
    assert timedelta(days=89) < expires - datetime.now(UTC) <= timedelta(days=90)
    env = {"MSCC_DESK_TOKEN": token}
    call = json.dumps(record_input())
    recorded = cli("record", "--json", "-", stdin=call, env=env | {"MSCC_DESK_USER": ""})
    assert recorded.code == 0, recorded.stderr
    [(taken_by,)] = _rows(cli, "SELECT u.username FROM call c JOIN user u ON u.id = c.taken_by_id")
    assert taken_by == "cora"
    # A token is its user's: it does not let anyone act as someone else.
    as_ada = cli("record", "--json", "-", "--user", "ada", stdin=call, env=env)
    assert as_ada.code == 2
    assert "MSCC_DESK_TOKEN is a token of 'cora', not of 'ada'" in as_ada.one_line()
    as_env = cli("record", "--json", "-", stdin=call, env=env)  # MSCC_DESK_USER=cli_coord
    assert as_env.code == 2 and as_env.one_line().startswith("bad input: MSCC_DESK_USER cli_coord")
    # The secret is nowhere in the database: only an Argon2 hash of it.
    secret = token.rsplit("_", 1)[1]
    everything = "\n".join(dump(cli.db))
    assert secret not in everything and token not in everything
    [(stored,)] = _rows(cli, "SELECT secret_hash FROM api_token")
    assert stored.startswith("$argon2")

    listed = cli("user", "token", "cora", "--list", stdin="", env={"MSCC_DESK_TOKEN": ""} | {})
    assert listed.code == 2  # listing is an administrator's, too
    ada = _token(cli, "ada")
    admin_env = {"MSCC_DESK_TOKEN": ada["token"], "MSCC_DESK_USER": ""}
    listed = cli("user", "token", "cora", "--list", env=admin_env)
    assert listed.code == 0, listed.stderr
    [entry] = listed.json()["tokens"]
    assert entry["token_id"] == issued["token_id"] and entry["state"] == "active"
    assert "token" not in entry
    revoked = cli("user", "token", "cora", "--revoke", issued["token_id"], env=admin_env)
    assert revoked.code == 0, revoked.stderr
    assert revoked.json() == {"user": "cora", "revoked": [issued["token_id"]]}
    refused = cli("record", "--json", "-", stdin=call, env=env | {"MSCC_DESK_USER": ""})
    assert refused.code == 2
    assert refused.one_line() == (
        "bad input: MSCC_DESK_TOKEN: has been revoked; ask an administrator for a new token"
    )
    forged = "mscc_0123456789ab_" + "A" * 43
    made_up = cli("record", "--json", "-", stdin=call, env={"MSCC_DESK_TOKEN": forged})
    assert made_up.code == 2 and "MSCC_DESK_TOKEN" in made_up.one_line()
    assert count(cli.db, "call") == 1
    # Issuing, revoking and each refused use are on record, without any secret.
    events = [
        (a, json.loads(d))
        for a, d in _rows(cli, "SELECT action, detail FROM audit_event ORDER BY id")
        if a.startswith("token.")
    ]
    assert [a for a, _ in events] == [
        "token.issued",
        "token.issued",
        "token.revoked",
        "token.refused",
        "token.refused",
    ]
    assert events[3][1]["reason"] == "revoked" and events[3][1]["token_id"] == issued["token_id"]
    assert events[4][1] == {"reason": "unknown", "workstation": events[4][1]["workstation"]}
    assert secret not in json.dumps(events) and "A" * 43 not in json.dumps(events)


def test_token_expiry_is_bounded_and_user_add_takes_an_admins_token(cli: Cli) -> None:
    too_long = cli(
        "user",
        "token",
        "cora",
        "--expires",
        "400d",
        "--user",
        "ada",
        "--password-stdin",
        stdin=ADA_PW + "\n",
    )
    assert too_long.code == 2
    assert too_long.one_line().startswith("bad input: --expires: must be within 365 days")
    dated = _token(
        cli, "ada", "--expires", (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    )
    assert timedelta(days=3) <= datetime.fromisoformat(dated["expires_at"]) - datetime.now(UTC)
    env = {"MSCC_DESK_TOKEN": dated["token"], "MSCC_DESK_USER": ""}
    added = cli(
        "user",
        "add",
        "reg",
        "--role",
        "registrar",
        "--password-stdin",
        stdin="reg-pass-123\n",
        env=env,
    )
    assert added.code == 0, added.stderr
    [(actor,)] = _rows(
        cli,
        "SELECT u.username FROM audit_event e JOIN user u ON u.id = e.user_id "
        "WHERE e.action = 'user.created' ORDER BY e.id DESC LIMIT 1",
    )
    assert actor == "ada"


def _guessed_until_the_longest_pause(cli: Cli, name: str) -> None:
    """Wrong passwords for `name` typed at this PC, each as soon as allowed, the last one
    just now: the pause in force is then the longest, so no step below can outlast it."""
    from mscc_desk.store.auth import SignInError, authenticate
    from mscc_desk.store.backoff import FREE_FAILURES, MAX_PAUSE, pause_after
    from mscc_desk.store.engine import open_database

    gaps = [timedelta(seconds=1)] * (FREE_FAILURES - 1)
    n = FREE_FAILURES
    while (pause := pause_after(n)) is not None and pause < MAX_PAUSE:
        gaps.append(pause)
        n += 1
    at = datetime.now(UTC) - timedelta(seconds=1) - sum(gaps, timedelta(0))
    db = open_database(cli.db)
    try:
        for gap in [*gaps, timedelta(0)]:
            with pytest.raises(SignInError):
                authenticate(db, name, "bad guess", at, context="command_line")
            at += gap
    finally:
        db.dispose()


def test_an_administrator_lifts_a_sign_in_pause_from_the_command_line(cli: Cli) -> None:
    ada = _token(cli, "ada")  # a token is not slowed by password pauses
    admin_env = {"MSCC_DESK_TOKEN": ada["token"], "MSCC_DESK_USER": ""}
    call = json.dumps(record_input())
    _guessed_until_the_longest_pause(cli, "cora")
    cora_args = ["record", "--json", "-", "--user", "cora", "--password-stdin"]
    paused = cli(*cora_args, stdin=f"{CORA_PW}\n{call}")
    assert paused.code == 2
    assert "please wait 15 minutes before trying again (until " in paused.one_line()
    # This PC is paused for everyone now, administrators' passwords included.
    as_ada = cli("user", "unlock", "cora", "--user", "ada", "--password-stdin", stdin=ADA_PW + "\n")
    assert as_ada.code == 2 and "please wait" in as_ada.one_line()
    lifted = cli("user", "unlock", "cora", env=admin_env)
    assert lifted.code == 0, lifted.stderr
    assert lifted.json() == {"user": "cora", "unlocked": True}
    still = cli(*cora_args, stdin=f"{CORA_PW}\n{call}")
    assert still.code == 2 and "please wait" in still.one_line()
    host = json.loads(
        _rows(cli, "SELECT detail FROM audit_event WHERE action = 'auth.sign_in_failed'")[0][0]
    )["workstation"]
    # The workstation's own pause (the failures typed here) is lifted by its name.
    machine = cli("user", "unlock", "--workstation", host, env=admin_env)
    assert machine.code == 0, machine.stderr
    assert machine.json() == {"workstation": host, "unlocked": True}
    again = cli(*cora_args, stdin=f"{CORA_PW}\n{call}")
    assert again.code == 0, again.stderr
    assert count(cli.db, "call") == 1
    neither = cli("user", "unlock", env=admin_env)
    assert neither.code == 2 and "NAME or --workstation" in neither.one_line()
