"""The `mscc-desk` command line (shared/contracts/CLI.md).

Names, flags, JSON keys and exit codes are a contract with outside scripts: 0 success,
2 bad input (one line on stderr naming the field, never a traceback, nothing written),
1 any other failure.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from .domain.errors import InputError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Wrong flags or arguments: reported as bad input (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _db_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # Sub-commands must not overwrite a --db given before them with their own default.
    parser.add_argument(
        "--db",
        metavar="TARGET",
        default=None if top else argparse.SUPPRESS,
        help="database file path or SQLAlchemy URL (default: $MSCC_DESK_DB, "
        "else the user data directory)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mscc-desk", description="MSCC coordinator's workstation (NICE NG234)")
    _db_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("gui", help="the workstation window (the default)")
    _db_option(p)
    p.add_argument(
        "--smoke",
        action="store_true",
        help="start-up check: open the window, wait for the case board, print one JSON line, exit",
    )

    p = sub.add_parser("triage", help="triage case facts (pure; touches no database)")
    _db_option(p)
    p.add_argument("--json", required=True, metavar="FILE|-", help="input JSON file or - for stdin")

    p = sub.add_parser("record", help="record an incoming call")
    _db_option(p)
    p.add_argument("--json", required=True, metavar="FILE|-")
    p.add_argument("--case", type=int, metavar="ID", help="a follow-up call on this case")
    p.add_argument(
        "--user",
        metavar="NAME",
        help="who took the call (default: $MSCC_DESK_USER, else the login name)",
    )

    p = sub.add_parser("handover", help="the handover printout of all open cases, as PDF")
    _db_option(p)
    p.add_argument("--pdf", required=True, metavar="OUT")
    p.add_argument(
        "--user",
        metavar="NAME",
        help="who printed it (default: $MSCC_DESK_USER, else the login name)",
    )

    p = sub.add_parser("demo", help="fill the database with realistic synthetic cases")
    _db_option(p)
    p.add_argument("--cases", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")

    p = sub.add_parser("user", help="manage users")
    _db_option(p)
    usersub = p.add_subparsers(dest="user_command", parser_class=_Parser, required=True)
    q = usersub.add_parser("add", help="create a user who can sign in")
    _db_option(q)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--role", required=True, metavar="ROLE")
    q.add_argument("--display-name", default="", metavar="TEXT")
    q.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    p = sub.add_parser("db", help="database maintenance")
    _db_option(p)
    dbsub = p.add_subparsers(dest="db_command", parser_class=_Parser, required=True)
    q = dbsub.add_parser("upgrade", help="migrate to the newest schema (after a backup)")
    _db_option(q)
    q = dbsub.add_parser("check", help="integrity check and the app's invariants")
    _db_option(q)
    q = dbsub.add_parser("backup", help="write a consistent backup (a SQLite file)")
    _db_option(q)
    q.add_argument("out", metavar="OUT")
    q = dbsub.add_parser(
        "restore",
        help="replace the database's contents with a backup, after checking it in full "
        "and writing a safety copy",
    )
    _db_option(q)
    q.add_argument("input", metavar="IN")
    q.add_argument(
        "--user",
        metavar="NAME",
        help="who restores, for the audit trail (default: $MSCC_DESK_USER, else the login name)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:  # `mscc-desk` alone opens the window
            args.command, args.smoke = "gui", False
        handler = _HANDLERS.get(args.command)
        if handler is None:
            raise UsageError("mscc-desk: choose a command: " + ", ".join(_HANDLERS))
        return handler(args)
    except UsageError as exc:
        return _fail(EXIT_BAD_INPUT, str(exc))
    except InputError as exc:
        return _fail(EXIT_BAD_INPUT, f"bad input: {exc.field}: {exc.problem}")
    except KeyboardInterrupt:
        return _fail(EXIT_FAILURE, "interrupted")
    except Exception as exc:  # noqa: BLE001 - the contract: one line, exit 1, no traceback
        if os.environ.get("MSCC_DESK_DEBUG"):
            raise
        return _fail(EXIT_FAILURE, f"error: {_one_line(exc)}")


def _fail(code: int, message: str) -> int:
    print(message, file=sys.stderr)
    return code


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _read_json(source: str) -> Any:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError("--json", f"cannot read {source}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError("--json", f"{source} is not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            "--json", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None


def _acting_user(args: argparse.Namespace) -> str:
    return str(args.user or os.environ.get("MSCC_DESK_USER") or getpass.getuser())


def _print_json(payload: Any) -> None:
    print(json.dumps(payload, ensure_ascii=False))


def _open(args: argparse.Namespace) -> Any:
    from .store.engine import open_database

    return open_database(args.db)


def cmd_gui(args: argparse.Namespace) -> int:
    from .gui.app import run

    return run(args.db, args.smoke)


def cmd_triage(args: argparse.Namespace) -> int:
    from .domain.triage import parse_facts, triage

    facts = parse_facts(_read_json(args.json))
    _print_json(triage(facts).to_json())
    return EXIT_OK


def cmd_record(args: argparse.Namespace) -> int:
    from .store.calls import record_call

    data = _read_json(args.json)
    if not isinstance(data, dict):
        raise InputError("input", "must be a JSON object")
    user = _acting_user(args)
    db = _open(args)
    try:
        outcome = record_call(db, data, user=user, case_id=args.case)
    finally:
        db.dispose()
    _print_json(outcome.to_json())
    return EXIT_OK


def cmd_handover(args: argparse.Namespace) -> int:
    from .reports.handover import cmd_handover as write_handover

    _print_json(write_handover(args.db, args.pdf, _acting_user(args)))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from .store.demo import make_demo

    if args.cases < 0:
        raise InputError("--cases", "must not be negative")
    db = _open(args)
    try:
        summary = make_demo(db, cases=args.cases, seed=args.seed)
    finally:
        db.dispose()
    _print_json(summary)
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from .store import maintenance

    target = args.db
    if args.db_command == "upgrade":
        _print_json(maintenance.upgrade(target))
        return EXIT_OK
    if args.db_command == "check":
        report = maintenance.check(target)
        _print_json(report)
        if not report["ok"]:
            print(f"database check failed: {report['problems'][0]}", file=sys.stderr)
            return EXIT_FAILURE
        return EXIT_OK
    if args.db_command == "backup":
        _print_json(maintenance.backup(target, Path(args.out)))
        return EXIT_OK
    if args.db_command == "restore":
        from .store.engine import utcnow

        source = Path(args.input)
        if not source.is_file():
            raise InputError("IN", f"{source} does not exist")
        _print_json(maintenance.restore(target, source, user=_acting_user(args), now=utcnow()))
        return EXIT_OK
    raise UsageError(f"mscc-desk db: unknown command {args.db_command!r}")


def cmd_user(args: argparse.Namespace) -> int:
    from .store.auth import provision_user
    from .store.engine import utcnow

    if not args.password_stdin:
        raise InputError(
            "--password-stdin", "is required (a password on the command line stays in history)"
        )
    password = sys.stdin.readline().rstrip("\r\n")
    db = _open(args)
    try:
        info = provision_user(
            db,
            args.name,
            args.display_name,
            args.role,
            password,
            now=utcnow(),
            os_user=getpass.getuser(),
        )
    finally:
        db.dispose()
    _print_json({"user": info.username, "display_name": info.display_name, "role": info.role})
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui,
    "triage": cmd_triage,
    "handover": cmd_handover,
    "record": cmd_record,
    "demo": cmd_demo,
    "db": cmd_db,
    "user": cmd_user,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
