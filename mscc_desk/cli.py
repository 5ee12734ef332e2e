"""The `mscc-desk` command line (shared/contracts/CLI.md).

Names, flags, JSON keys and exit codes are a contract with outside scripts: 0 success,
2 bad input (one line on stderr naming the field, never a traceback, nothing written),
1 any other failure.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from .cli_identity import add_identity_options, administrator_claim, claim, parse_expiry
from .domain import limits
from .domain.errors import InputError
from .log_events import log_event
from .private_files import restrict_umask
from .version import app_version

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
# Commands that set up no log here: `triage` touches nothing on disk, and the window
# sets up its own (with crash reports).
_UNLOGGED = frozenset({"gui", "triage"})

log = logging.getLogger(__name__)


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


def _id_argument(text: str, field: str) -> int:
    """An id the database can hold; anything else is bad input naming `field`."""
    try:
        return limits.check_id(int(text), field)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.problem) from None
    except ValueError:  # not a number, or more digits than int() converts
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None


def _case_id(text: str) -> int:
    return _id_argument(text, "--case")


def _event_id(text: str) -> int:
    """0 (from the first change) or an event id."""
    return 0 if text.strip() == "0" else _id_argument(text, "--after")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mscc-desk", description="MSCC coordinator's workstation (NICE NG234)")
    _db_option(parser, top=True)
    parser.add_argument(
        "--version", action="store_true", help="print the version and the pathway's, and exit"
    )
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
    p.add_argument(
        "--json",
        required=True,
        metavar="FILE|-",
        help="the call; `-` reads standard input (after the password line, if any)",
    )
    p.add_argument("--case", type=_case_id, metavar="ID", help="a follow-up call on this case")
    add_identity_options(p, who="who took the call")

    p = sub.add_parser("handover", help="the handover printout of all open cases, as PDF")
    _db_option(p)
    p.add_argument("--pdf", required=True, metavar="OUT")
    add_identity_options(p, who="who printed it")

    p = sub.add_parser(
        "audit", help="the service audit: the measures for the MSCC lead and the cancer alliance"
    )
    _db_option(p)
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", metavar="OUT", help="one row per case opened in the period")
    out.add_argument("--summary", action="store_true", help="the measures as one JSON object")
    out.add_argument("--pdf", metavar="OUT", help="the report for the MSCC lead (A4)")
    p.add_argument("--from", dest="start", metavar="D", help="first day, YYYY-MM-DD (London)")
    p.add_argument("--to", dest="end", metavar="D", help="last day, YYYY-MM-DD (inclusive)")
    p.add_argument(
        "--exact",
        action="store_true",
        help="--summary: exact counts, for use inside the service (default: 1-4 shown as <5)",
    )
    add_identity_options(p, who="who exports it")

    p = sub.add_parser("imd", help="the postcode -> IMD decile lookup")
    _db_option(p)
    imdsub = p.add_subparsers(dest="imd_command", parser_class=_Parser, required=True)
    q = imdsub.add_parser(
        "import", help="load the ONS Postcode Directory joined to the English IoD (File 1)"
    )
    _db_option(q)
    q.add_argument("--postcodes", required=True, metavar="ONSPD.csv")
    q.add_argument("--deprivation", required=True, metavar="IOD.csv")
    add_identity_options(q, who="the administrator loading it")

    p = sub.add_parser("demo", help="fill the database with realistic synthetic cases")
    _db_option(p)
    p.add_argument("--cases", type=int, required=True, metavar="N")
    p.add_argument(
        "--open",
        type=int,
        default=None,
        metavar="M",
        help="how many of them stay open (default: about 2 %%, at most 400)",
    )
    p.add_argument("--seed", type=int, default=1, metavar="S")
    add_identity_options(p, who="who adds them (an administrator, once one exists)")

    p = sub.add_parser("user", help="manage users")
    _db_option(p)
    usersub = p.add_subparsers(dest="user_command", parser_class=_Parser, required=True)
    q = usersub.add_parser("add", help="create a user who can sign in")
    _db_option(q)
    q.add_argument("name", metavar="NAME")
    q.add_argument("--role", required=True, metavar="ROLE")
    q.add_argument("--display-name", default="", metavar="TEXT")
    q.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new user's password from the first line of stdin; once an "
        "administrator exists, the second line is the acting administrator's password "
        "(or set $MSCC_DESK_TOKEN to an administrator's token)",
    )
    q.add_argument(
        "--user",
        metavar="ADMIN",
        help="the administrator adding the user, once one exists (default: "
        "$MSCC_DESK_USER, else the login name)",
    )
    q = usersub.add_parser("token", help="(admin) issue, list or revoke a user's API tokens")
    _db_option(q)
    q.add_argument("name", metavar="NAME")
    what = q.add_mutually_exclusive_group()
    what.add_argument(
        "--expires", metavar="D", help="a date (YYYY-MM-DD) or days (30d); default 90 days"
    )
    what.add_argument("--list", action="store_true", help="list NAME's tokens (no secrets)")
    what.add_argument("--revoke", metavar="ID|all", help="revoke one token, or all of NAME's")
    add_identity_options(q, who="the administrator")
    q = usersub.add_parser("unlock", help="(admin) lift the sign-in pause on a user or a PC")
    _db_option(q)
    q.add_argument("name", metavar="NAME", nargs="?")
    q.add_argument("--workstation", metavar="HOST", help="lift the pause on this workstation")
    add_identity_options(q, who="the administrator")

    p = sub.add_parser(
        "watch", help="one JSON line per change on the service, until interrupted (Ctrl+C)"
    )
    _db_option(p)
    p.add_argument(
        "--json", action="store_true", required=True, help="print each change as a JSON line"
    )
    p.add_argument(
        "--after",
        metavar="EVENT_ID",
        type=_event_id,
        default=None,
        help="start after this change's event_id (0: from the first), to resume where an "
        "earlier watch stopped; default: from now",
    )

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
    add_identity_options(q, who="the administrator making it")
    q = dbsub.add_parser(
        "restore",
        help="replace the database's contents with a backup, after checking it in full "
        "and writing a safety copy",
    )
    _db_option(q)
    q.add_argument("input", metavar="IN")
    add_identity_options(q, who="the administrator restoring it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The program (`argv` None: the process is ours, so its umask and its log are set
    here) or a call from Python (`argv` given: neither is touched)."""
    if argv is None:
        restrict_umask()  # every file this process creates is private (private_files)
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = "?"
    try:
        args = build_parser().parse_args(args_list)
        if args.version:
            print(version_text())
            return EXIT_OK
        if args.command is None:  # `mscc-desk` alone opens the window
            args.command, args.smoke = "gui", False
        command = args.command
        handler = _HANDLERS.get(args.command)
        if handler is None:
            raise UsageError("mscc-desk: choose a command: " + ", ".join(_HANDLERS))
        if argv is None and command not in _UNLOGGED:
            from .logs import setup_logging

            setup_logging(excepthook=False)
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
        log_event(log, "cli.failed", level=logging.ERROR, command=command, error=type(exc).__name__)
        return _fail(EXIT_FAILURE, f"error: {_one_line(exc)}")


def version_text() -> str:
    """`mscc-desk 0.1.0 (pathway ng234-2023.3)`: what IT asks a ward PC first."""
    from .domain.pathway import default_pathway

    return f"mscc-desk {app_version()} (pathway {default_pathway().version})"


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
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            "--json", f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise InputError(
            "--json", f"is nested more than {limits.MAX_JSON_DEPTH} levels deep"
        ) from None
    problem = limits.json_depth_problem(data)
    if problem:
        raise InputError("--json", problem)
    return data


def _json_int(text: str) -> int:
    """A number too long to be meant is refused while parsing (before `int()` spends
    time on it or refuses it with a bare ValueError)."""
    digits = len(text.lstrip("-"))
    if digits > limits.MAX_INT_DIGITS:
        raise InputError("--json", f"a number has {digits} digits; at most {limits.MAX_INT_DIGITS}")
    return int(text)


def _print_json(payload: Any) -> None:
    print(json.dumps(payload, ensure_ascii=False))


def _open(args: argparse.Namespace) -> Any:
    from .store.opening import open_database

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

    who = claim(args)  # the password line comes before the JSON on standard input
    data = _read_json(args.json)
    if not isinstance(data, dict):
        raise InputError("input", "must be a JSON object")
    db = _open(args)
    try:
        user = who.act_as(db, "case.write")
        data, derived = _imd_from_postcode(db, data, args.case)
        outcome = record_call(db, data, user=user, case_id=args.case)
    finally:
        db.dispose()
    _print_json(outcome.to_json() | derived)
    return EXIT_OK


def _imd_from_postcode(
    db: Any, data: dict[str, Any], case_id: int | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The input with `patient.imd_decile` filled from the postcode lookup when it is
    absent (never over a decile given, nor over one already on the patient's record), and
    what the output says about it (`imd_decile_from`)."""
    from .store.imd import decile_for
    from .store.patients import find_by_case

    patient = data.get("patient")
    if not isinstance(patient, dict) or patient.get("imd_decile") is not None:
        return data, {}
    code = patient.get("postcode")
    if not isinstance(code, str):
        return data, {}
    if case_id is not None:
        known = find_by_case(db, case_id)
        if known is not None and known.imd_decile is not None:
            return data, {}
    found = decile_for(db, code)
    if found is None:
        return data, {}
    filled = {**data, "patient": {**patient, "imd_decile": found.decile}}
    return filled, {"imd_decile": found.decile, "imd_decile_from": found.source.text}


def cmd_handover(args: argparse.Namespace) -> int:
    from .reports.handover import cmd_handover as write_handover

    user = _proven(args, "print")  # before the sheet is drawn: a refusal writes no file
    _print_json(write_handover(args.db, args.pdf, user))
    return EXIT_OK


def _proven(args: argparse.Namespace, action: str) -> str:
    """The acting user, credential checked, for commands that open the database later."""
    who = claim(args)
    db = _open(args)
    try:
        return who.act_as(db, action)
    finally:
        db.dispose()


def _output_file(option: str, out: str) -> Path:
    """An output file whose folder exists; refused (exit 2) before anything is read."""
    target = Path(out).expanduser()
    if not str(out).strip():
        raise InputError(option, "is required")
    if target.is_dir():
        raise InputError(option, f"{out} is a directory; give a file name")
    if not target.parent.resolve().is_dir():
        raise InputError(option, f"the directory {target.parent} does not exist")
    return target.resolve()


def cmd_audit(args: argparse.Namespace) -> int:
    from .domain.audit_period import parse_period
    from .store.engine import utcnow
    from .store.service_audit import load_service_audit, record_export

    now = utcnow()
    period = parse_period(args.start, args.end, now)
    if args.exact and not args.summary:
        raise UsageError("mscc-desk audit: --exact goes with --summary")
    target = (
        _output_file("--csv", args.csv)
        if args.csv
        else _output_file("--pdf", args.pdf)
        if args.pdf
        else None
    )
    user = _proven(args, "audit.read")  # a refused export writes no file
    db = _open(args)
    try:
        audit = load_service_audit(db, period, now=now)
        cases = len(audit.cases)

        def record(kind: str) -> None:
            record_export(
                db,
                user,
                now,
                kind=kind,
                period=period,
                cases=cases,
                target=str(target) if target else None,
                exact=args.exact,
            )

        if args.summary:
            from .reports.service_audit_export import summary_json

            record("summary")
            _print_json(summary_json(audit, exact=args.exact))
            return EXIT_OK
        assert target is not None
        if args.csv:
            from .private_files import replaced_whole
            from .reports.service_audit_export import write_csv

            with replaced_whole(target) as tmp:
                with tmp.open("w", encoding="utf-8", newline="") as stream:
                    write_csv(audit, stream)
                record("csv")
            _print_json({"csv": str(target), "cases": cases, "period": period.to_json()})
            return EXIT_OK
        from .reports.service_audit_pdf import AuditReport, render_audit_pdf
        from .store.handover import service_name
        from .store.users import display_name_of

        report = AuditReport(service_name(db), display_name_of(db, user), now, audit)
        pages = render_audit_pdf(report, target, lambda _pages: record("pdf"))
        _print_json(
            {"pdf": str(target), "pages": pages, "cases": cases, "period": period.to_json()}
        )
        return EXIT_OK
    finally:
        db.dispose()


def cmd_imd(args: argparse.Namespace) -> int:
    from .store.engine import utcnow
    from .store.imd import import_lookup

    files = {"--postcodes": Path(args.postcodes), "--deprivation": Path(args.deprivation)}
    for option, path in files.items():
        if not path.is_file():
            raise InputError(option, f"{path} does not exist")
    who = claim(args)
    db = _open(args)
    try:
        user = who.act_as(db, "imd.import")
        summary = import_lookup(
            db, files["--postcodes"], files["--deprivation"], user=user, now=utcnow()
        )
    finally:
        db.dispose()
    _print_json(summary.to_json())
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import make_demo

    if args.cases < 0:
        raise InputError("--cases", "must not be negative")
    if args.open is not None and not 0 <= args.open <= args.cases:
        raise InputError("--open", f"must be between 0 and --cases ({args.cases})")
    who = claim(args)
    db = _open(args)
    try:
        who.act_as(db, "db.maintain")  # synthetic patients must not slip into real records
        summary = make_demo(db, cases=args.cases, seed=args.seed, open_cases=args.open)
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
        _proven(args, "db.maintain")  # a backup is every patient's data in one file
        _print_json(maintenance.backup(target, Path(args.out)))
        return EXIT_OK
    if args.db_command == "restore":
        from .store.engine import utcnow

        source = Path(args.input)
        if not source.is_file():
            raise InputError("IN", f"{source} does not exist")
        who = _proven(args, "db.maintain")
        _print_json(maintenance.restore(target, source, user=who, now=utcnow()))
        return EXIT_OK
    raise UsageError(f"mscc-desk db: unknown command {args.db_command!r}")


def cmd_user(args: argparse.Namespace) -> int:
    handlers = {"add": _user_add, "token": _user_token, "unlock": _user_unlock}
    return handlers[args.user_command](args)


def _user_add(args: argparse.Namespace) -> int:
    from .store.auth import needs_first_admin, provision_user
    from .store.engine import utcnow

    if not args.password_stdin:
        raise InputError(
            "--password-stdin", "is required (a password on the command line stays in history)"
        )
    password = sys.stdin.readline().rstrip("\r\n")
    db = _open(args)
    try:
        actor: str | None = None
        admin = administrator_claim(args)
        if admin.token is not None or admin.password is not None or not needs_first_admin(db):
            actor = admin.act_as(db, "users.manage")
        info = provision_user(
            db,
            args.name,
            args.display_name,
            args.role,
            password,
            now=utcnow(),
            os_user=getpass.getuser(),
            actor=actor,
        )
    finally:
        db.dispose()
    _print_json({"user": info.username, "display_name": info.display_name, "role": info.role})
    return EXIT_OK


def _user_token(args: argparse.Namespace) -> int:
    from .store.engine import utcnow
    from .store.tokens import issue_token, list_tokens, revoke_tokens

    who = claim(args)
    now = utcnow()
    expires = parse_expiry(args.expires, now)
    db = _open(args)
    try:
        actor = who.act_as(db, "users.manage")
        if args.list:
            tokens = list_tokens(db, args.name, actor=actor)
            _print_json({"user": args.name, "tokens": [t.to_json(now) for t in tokens]})
        elif args.revoke is not None:
            revoked = revoke_tokens(db, args.name, args.revoke, actor=actor, now=now)
            _print_json({"user": args.name, "revoked": revoked})
        else:
            issued = issue_token(db, args.name, actor=actor, now=now, expires_at=expires)
            _print_json(
                {
                    "user": issued.username,
                    "token_id": issued.token_id,
                    "token": issued.token,
                    "expires_at": issued.expires_at.isoformat(),
                }
            )
    finally:
        db.dispose()
    return EXIT_OK


def _user_unlock(args: argparse.Namespace) -> int:
    from .store.auth import unlock_account, unlock_workstation
    from .store.engine import utcnow

    if (args.name is None) == (args.workstation is None):
        raise UsageError("mscc-desk user unlock: give NAME or --workstation HOST (one of them)")
    who = claim(args)
    db = _open(args)
    try:
        actor = who.act_as(db, "users.manage")
        if args.workstation is not None:
            name = unlock_workstation(db, args.workstation, actor=actor, now=utcnow())
            _print_json({"workstation": name, "unlocked": True})
        else:
            info = unlock_account(db, args.name, actor=actor, now=utcnow())
            _print_json({"user": info.username, "unlocked": True})
    finally:
        db.dispose()
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    """Follow the service as the desks do (`store.changes.follow`), printing each change.

    The database not answering is printed too (`database.unreachable`, then
    `database.reachable` once it answers and what was missed has been printed), so a
    wall board or a paging gateway knows when silence means nothing happened and when
    it means nobody can tell. Ctrl+C ends it with exit 0.
    """
    import threading

    from .store.changes import Change, Link, follow
    from .store.opening import open_database

    db = open_database(args.db, migrate=False)
    stop = threading.Event()
    failed: list[BaseException] = []

    def changes(batch: list[Change]) -> None:
        for change in batch:
            print(json.dumps(change.to_json(), ensure_ascii=False), flush=True)

    def link(state: Link) -> None:
        kind = "database.reachable" if state.up else "database.unreachable"
        line = {"at": state.since.isoformat(), "kind": kind, "case_id": None}
        if state.error:
            line["error"] = state.error
        print(json.dumps(line, ensure_ascii=False), flush=True)

    def run() -> None:
        try:
            follow(db, stop, changes, link, after_id=args.after)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failed.append(exc)
            stop.set()

    worker = threading.Thread(target=run, name="mscc-watch", daemon=True)
    worker.start()
    try:
        while not stop.wait(0.25):
            pass
    except KeyboardInterrupt:
        stop.set()
    worker.join(timeout=10)
    db.dispose()
    if failed:
        raise failed[0]
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui,
    "triage": cmd_triage,
    "handover": cmd_handover,
    "record": cmd_record,
    "demo": cmd_demo,
    "audit": cmd_audit,
    "imd": cmd_imd,
    "db": cmd_db,
    "user": cmd_user,
    "watch": cmd_watch,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
