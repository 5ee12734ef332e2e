"""Who may act from the command line: a name, and once an administrator exists, proof.

The window signs people in. The command line used to take a name on trust (`--user`,
`$MSCC_DESK_USER`), so anyone at a terminal could write as anyone. Once an administrator
exists, a command that writes or prints patient data must also show a credential for
the name: that user's password (counted against the same sign-in pauses as the window,
with the context "command_line"), or an API token an administrator issued for them
(`tokens`). The credential is checked, and the role authorized, before anything is
written; the store functions then check the role again on their own, as always.

Before the first administrator exists nothing changes: a fresh install, scripts and
tests name a user and act, as they always did. A credential given anyway is still
checked: a wrong one is never waved through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.clock import as_utc
from ..domain.errors import InputError
from .auth import SignInError, authenticate
from .backoff import workstation_or_here
from .engine import Database
from .permissions import authorize, sign_in_configured
from .tokens import ENV_VAR, token_user


class CredentialError(InputError):
    """The credential is missing, wrong or for someone else; `field` names its source."""


@dataclass(frozen=True)
class Credential:
    """What a command was given to prove who it acts for; either may be absent."""

    password: str | None = None
    token: str | None = None

    @property
    def given(self) -> bool:
        return self.password is not None or bool(self.token)


def act_as(
    db: Database,
    name: str,
    credential: Credential,
    action: str,
    *,
    now: datetime,
    name_source: str = "--user",
    password_source: str = "--password-stdin",
    workstation: str | None = None,
) -> str:
    """The username to act as for `action`, proven by `credential` where that is needed.

    `name` may be empty when a token is given (the token names its user). Raises
    CredentialError, or PermissionDenied when the proven user's role may not do
    `action`, before anything but the audit record of a refusal is written.
    """
    now = as_utc(now)
    place = workstation_or_here(workstation)
    name = (name or "").strip()
    if credential.token:
        owner = token_user(db, credential.token, now, workstation=place)
        if name and name.casefold() != owner.casefold():
            raise CredentialError(
                f"{name_source} {name}", f"{ENV_VAR} is a token of {owner!r}, not of {name!r}"
            )
        name = owner
    elif credential.password is not None:
        if not name:
            raise CredentialError(name_source, "is required with a password: whose password?")
        try:
            name = authenticate(
                db, name, credential.password, now, workstation=place, context="command_line"
            ).username
        except SignInError as exc:
            raise CredentialError(password_source, _first_sentence(exc.message)) from None
    else:
        with db.session() as session:
            configured = sign_in_configured(session)
        if not configured:
            return name  # as before sign-in existed: the store creates the name if new
        raise CredentialError(
            f"{name_source} {name or '(nobody)'}",
            f"a password ({password_source}) or {ENV_VAR} is needed once an administrator exists",
        )
    with db.session() as session:
        return authorize(session, name, action).username


def _first_sentence(message: str) -> str:
    """A sign-in refusal on one line, in lower case as the command line's messages are."""
    text = " ".join(message.split())
    return text[:1].lower() + text[1:]
