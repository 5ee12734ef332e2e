"""Who a command-line command acts as, and the credential that proves it.

Writing and printing commands act as `--user NAME` (default `$MSCC_DESK_USER`, else the
login name). Once an administrator exists they also need a credential (see
`store.credentials`): with `--password-stdin` the first line of standard input is that
user's password (and `--json -` reads the rest), or `$MSCC_DESK_TOKEN` holds a token
from `mscc-desk user token`, which names its user itself. The check comes before
anything is written, so a refused command writes nothing, not even its output file.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from .domain import limits
from .domain.clock import LONDON, as_utc
from .domain.errors import InputError

USER_ENV = "MSCC_DESK_USER"
TOKEN_ENV = "MSCC_DESK_TOKEN"


def add_identity_options(parser: argparse.ArgumentParser, *, who: str) -> None:
    """`--user` and `--password-stdin`, as every writing or printing command takes them."""
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"{who} (default: ${USER_ENV}, else the login name; with ${TOKEN_ENV}, "
        "the token's user)",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read NAME's password from the first line of standard input (needed, or "
        f"${TOKEN_ENV}, once an administrator exists)",
    )


@dataclass(frozen=True)
class Claim:
    """A name and the credential offered for it, read before the database is opened."""

    name: str
    name_source: str
    password: str | None
    token: str | None
    password_source: str = "--password-stdin"

    def act_as(self, db: Any, action: str) -> str:
        """The proven username for `action`; raises (exit 2) if the credential fails."""
        from .store.credentials import Credential, act_as
        from .store.engine import utcnow

        return act_as(
            db,
            self.name,
            Credential(self.password, self.token),
            action,
            now=utcnow(),
            name_source=self.name_source,
            password_source=self.password_source,
        )


def claim(args: argparse.Namespace) -> Claim:
    """Read the name, the token and (with --password-stdin) the password line.

    With a token and no name given, the token names its user: the login name is not
    compared with it.
    """
    token = os.environ.get(TOKEN_ENV, "").strip() or None
    if args.user:
        name, source = str(args.user), "--user"
    elif os.environ.get(USER_ENV):
        name, source = os.environ[USER_ENV], USER_ENV
    elif token is not None:
        name, source = "", "--user"
    else:
        name, source = getpass.getuser(), "--user"
    if name:  # a name too long for its column, or with control characters: exit 2
        name = limits.check_user_name(name, source)
    password = stdin_line("--password-stdin") if args.password_stdin else None
    return Claim(name, source, password, token)


def administrator_claim(args: argparse.Namespace) -> Claim:
    """`user add`: its --password-stdin line is the new user's password, so the acting
    administrator's password, when no token is given, is the second line."""
    plain = argparse.Namespace(**{**vars(args), "password_stdin": False})
    base = claim(plain)
    if base.token is not None:
        return base
    line = sys.stdin.readline()
    password = line.rstrip("\r\n") if line else None
    return Claim(
        base.name,
        base.name_source,
        password,
        None,
        password_source="--password-stdin, second line",
    )


def stdin_line(field: str) -> str:
    """One line of standard input, without its line ending; an empty input is refused."""
    line = sys.stdin.readline()
    if not line:
        raise InputError(field, "standard input ended before the password line")
    return line.rstrip("\r\n")


_DAYS = re.compile(r"(\d{1,5})\s*d(ays?)?", re.IGNORECASE)


def parse_expiry(text: str | None, now: datetime) -> datetime | None:
    """`--expires`: a date (the token works to the end of that day, London time) or a
    number of days such as `30d`; None for the default."""
    if text is None:
        return None
    value = text.strip()
    days = _DAYS.fullmatch(value)
    if days:
        return as_utc(now) + timedelta(days=int(days.group(1)))
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise InputError(
            "--expires", f"{value!r} is neither a date (YYYY-MM-DD) nor a number of days (30d)"
        ) from None
    return as_utc(datetime.combine(day + timedelta(days=1), time(0), tzinfo=LONDON))
