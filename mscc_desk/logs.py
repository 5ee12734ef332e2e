"""Logs and crash reports that can be sent to IT without leaking patient data.

Log files outlive the database's access controls: they are attached to support tickets,
copied to USB sticks and read by people who may not see patient records. So, two lines
of defence:

1. The app logs *events* (`log_events.log_event`: an action and ids, counts, file
   names; never a field's value), and a test holds every log call in the package to it.
2. Every record is scrubbed on its way to the file, for what slips through anyway (a
   library's message; SQLAlchemy puts a statement's parameters in its errors; an
   exception text). Replaced with "[redacted]": NHS-number-like digit runs (spaced,
   dotted, dashed or not), dates without a time of day (dates of birth: ISO, UK, US,
   `1950/02/01`, `01-Feb-1950`, `19500201` ...), UK postcodes, UK phone numbers,
   hospital numbers (letters then digits, or after "MRN"/"hospital number"), quoted
   values, SQL parameters, values of known patient fields, and the names of patients
   the app has put on screen in this process (`remember_names`, fed by the one function
   that formats a patient's name). No pattern can know every name; the quoted-value,
   known-field and remembered-name rules are how names are caught, and the first line
   is why they should not be there at all. Over-redaction is the accepted price.

Crash reports carry the exception type, its scrubbed message and the frames (file, line,
function) only: no source lines, no local variables, since a local may hold a patient.
Logs, crash reports and the fault log are created 0600 in a 0700 folder
(`private_files`); ones left readable by others are tightened at start.
"""

from __future__ import annotations

import faulthandler
import functools
import io
import logging
import logging.handlers
import os
import re
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from platformdirs import user_log_path

from .log_events import PII_FIELDS, REDACTED, log_event
from .private_files import open_private, private_dir, tighten, tighten_dir
from .version import app_version

APP_NAME = "mscc-desk"
LOG_FILE = "mscc-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d:%(threadName)s] %(message)s"
# The files of the log folder that may hold scrubbed text; tightened at every start.
_LOG_FOLDER_FILES = re.compile(r"(mscc-desk\.log(\.\d+)?|crash-.*\.txt|faults\.log)")

_KEY_VALUE = re.compile(
    r"""(?P<key>(?P<q>['"]?)\b(?:"""
    + "|".join(sorted(PII_FIELDS, key=len, reverse=True))
    + r""")\b(?P=q)\s*[:=]\s*)"""
    r"""(?P<value>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|[^\s,;)}\]]+)""",
    re.IGNORECASE,
)
# SQLAlchemy: "[parameters: ('Okafor', 'Grace', ...)]" - the values of the statement.
_SQL_PARAMETERS = re.compile(r"\[parameters:[^\n]*")
# Quoted values ('x' or "x") as repr() writes them; apostrophes inside words are kept.
_QUOTED = re.compile(r"""(?<!\w)'(?:[^'\\\n]|\\.)*'(?!\w)|(?<!\w)"(?:[^"\\\n]|\\.)*"(?!\w)""")
# NHS numbers: ten digits, alone or grouped 3-3-4, 3-4-3 or 4-3-3 by one kind of space,
# dot, dash or slash (the same one twice: `101010-4242`, a time and a process id, is not).
_NHS = re.compile(
    r"(?<!\d)(?:\d{3}(?P<a>[\s.\-/]?)\d{3}(?P=a)\d{4}|\d{3}(?P<b>[\s.\-/]?)\d{4}(?P=b)\d{3}"
    r"|\d{4}(?P<c>[\s.\-/]?)\d{3}(?P=c)\d{3})(?!\d)"
)
# UK telephone numbers: 0 or +44 / 0044 (with an optional "(0)"), then 9 or 10 digits in
# any grouping (`020 7946 0958`, `07700 900123`, `(01632) 960 001`, `+44 (0)161 ...`).
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[\s.\-]?(?:\(0\)[\s.\-]?)?\(?|\(?0)"
    r"\d(?:[\s.\-)]{0,2}\d){8,9}(?!\d)"
)
# Hospital numbers (MRN): letters then five or more digits (`RX1234567`, `K123456`), or
# whatever follows "MRN", "hospital number", "hosp no", "unit no".
_MRN = re.compile(
    r"(?<![\w.])[A-Z]{1,3}\d{5,10}(?![\w])"
    r"|\b(?:MRN|hospital\s*(?:number|num|no)|hosp\.?\s*no|unit\s*(?:number|no))\b"
    r"[\s:#.=]*[A-Z0-9][A-Z0-9\-/]*",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DD = r"(?:0[1-9]|[12]\d|3[01])"
_MM = r"(?:0[1-9]|1[0-2])"
_YYYY = r"(?:1[89]|20)\d\d"
# A time of day right after a date: the date is an instant's, which a log is for.
_TIME_FOLLOWS = r"(?![T ]\d{1,2}:)"
# Dates without a time of day (a date of birth); instants with a time are kept. A
# compact date followed by a compact time (`20270327T020000Z`, `20270327-020000`, as in
# backup and crash-report file names) is a stamp, and kept too.
_DATES = re.compile(
    rf"(?<!\d)\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d){_TIME_FOLLOWS}"
    r"|(?<![\d.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?!\d)"
    r"|(?<![\d.])\d{1,2}[.-]\d{1,2}[.-]\d{4}(?!\d)"
    rf"|(?<!\d)\d{{1,2}}(?:st|nd|rd|th)?[\s\-/.]*{_MONTHS}[\s\-/.,]*(?:\d{{4}}|\d{{2}})(?!\d)"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)"
    rf"|(?<!\d)(?:{_YYYY}{_MM}{_DD}|{_DD}{_MM}{_YYYY})(?!\d)(?![T_\-]?\d{{4}})",
    re.IGNORECASE,
)
# UK postcodes, with or without the space, in any case.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# A word of a name: letters, with inner apostrophes or hyphens (O'Neill, Smith-Jones).
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
MAX_REMEMBERED_NAMES = 20_000
_names: OrderedDict[str, None] = OrderedDict()
_names_lock = threading.Lock()


@functools.lru_cache(maxsize=MAX_REMEMBERED_NAMES)
def _name_words(name: str) -> frozenset[str]:
    """The words of a name to scrub (worked out once per name: a board of 2,000 cases
    formats the same names at every refresh)."""
    return frozenset(
        part.casefold()
        for match in _WORD.finditer(name)
        for part in (match[0], *re.split(r"['\u2019\-]", match[0]))
        if len(part) >= 2
    )


def remember_names(*names: str) -> None:
    """Names of people the app has formatted for display: never to appear in a log.

    Each word (and each hyphenated whole) of two letters or more is kept, the most
    recent MAX_REMEMBERED_NAMES of them, for this process only (never written anywhere).
    """
    words = {word for name in names if name for word in _name_words(name)}
    if not words:
        return
    with _names_lock:
        for word in words:
            _names[word] = None
            _names.move_to_end(word)
        while len(_names) > MAX_REMEMBERED_NAMES:
            _names.popitem(last=False)


def forget_names() -> None:
    """Tests: start from no remembered names."""
    with _names_lock:
        _names.clear()


def _remembered(match: re.Match[str]) -> str:
    return REDACTED if match[0].casefold() in _names else match[0]


def scrub(text: str, *, quoted: bool = True) -> str:
    """`text` with anything that may identify a patient replaced by [redacted]."""
    text = _KEY_VALUE.sub(lambda m: m["key"] + REDACTED, text)
    text = _SQL_PARAMETERS.sub(f"[parameters: {REDACTED}]", text)
    if quoted:
        text = _QUOTED.sub(lambda m: m[0][0] + REDACTED + m[0][0], text)
    text = _PHONE.sub(REDACTED, text)
    text = _NHS.sub(REDACTED, text)
    text = _DATES.sub(REDACTED, text)
    text = _MRN.sub(REDACTED, text)
    text = _POSTCODE.sub(REDACTED, text)
    if _names:
        text = _WORD.sub(_remembered, text)
    return text


class ScrubFilter(logging.Filter):
    """Scrubs a record in place, before any formatter sees it.

    Put on handlers, not loggers: a logger's filters do not see records that propagate
    from child loggers, and every library logs through a child logger.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _SCRUBBED, False):
            return True  # several handlers share one record: scrub it once
        try:
            if isinstance(record.args, Mapping):
                record.args = {
                    k: (REDACTED if str(k).lower() in PII_FIELDS else v)
                    for k, v in record.args.items()
                }
            try:
                message = record.getMessage()
            except Exception:  # a bad format string must not lose the record
                message = f"{record.msg!s} {record.args!r}"
            record.msg = scrub(message)
            record.args = None
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = format_exception_safely(record.exc_info[1])
                record.exc_info = None
            elif record.exc_text:
                record.exc_text = scrub(record.exc_text)
            if record.stack_info:
                record.stack_info = scrub(record.stack_info)
            for attr in PII_FIELDS - _RECORD_ATTRIBUTES:
                if attr in record.__dict__:
                    setattr(record, attr, REDACTED)
        except Exception:  # never let logging break the app; drop what we cannot clean
            record.msg, record.args, record.exc_info, record.exc_text = (
                "[a log record was dropped: it could not be scrubbed]",
                None,
                None,
                None,
            )
        setattr(record, _SCRUBBED, True)
        return True


_SCRUBBED = "_mscc_desk_scrubbed"
# A LogRecord's own attributes (`name` is the logger's name, not a person's).
_RECORD_ATTRIBUTES = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__)


def format_exception_safely(exc: BaseException) -> str:
    """Type, scrubbed message and frames (file, line, function) of an exception chain."""
    blocks: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines = ["Traceback (most recent call last):"]
        lines += [
            f'  File "{frame.f_code.co_filename}", line {lineno}, in {frame.f_code.co_name}'
            for frame, lineno in _walk(current.__traceback__)
        ]
        lines.append(_exception_line(current))
        blocks.append("\n".join(lines) + link)
        if current.__cause__ is not None:
            current = current.__cause__
            link = "\n\nThe above exception was the direct cause of the following exception:\n"
        elif current.__context__ is not None and not current.__suppress_context__:
            current = current.__context__
            link = "\n\nDuring handling of the above exception, another exception occurred:\n"
        else:
            current = None
    return "\n".join(reversed(blocks))


def _walk(tb: types.TracebackType | None) -> Iterable[tuple[types.FrameType, int]]:
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _exception_line(exc: BaseException) -> str:
    kind = type(exc)
    name = kind.__qualname__
    if kind.__module__ not in ("builtins", "__main__"):
        name = f"{kind.__module__}.{name}"
    try:
        message = str(exc)
    except Exception:
        message = "<the message could not be read>"
    return f"{name}: {scrub(message)}" if message else name


# ---------------------------------------------------------------------------- set-up

_handler_tag = "_mscc_desk_handler"
_fault_file: IO[str] | None = None


def default_log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)


def setup_logging(
    log_dir: Path | None = None, *, level: int = logging.INFO, excepthook: bool = True
) -> Path:
    """Log to a rotating file in the user's log folder; returns the log file's path.

    Safe to call twice (the second call replaces the first handler). With `excepthook`,
    uncaught exceptions (main thread, other threads and Qt slots, which PySide6 routes
    to sys.excepthook) become scrubbed crash reports in the same folder.
    """
    folder = Path(log_dir) if log_dir is not None else default_log_dir()
    path = folder / LOG_FILE
    handler = _PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(ScrubFilter())
    setattr(handler, _handler_tag, True)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, _handler_tag, False):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    for other in root.handlers:  # e.g. a console handler added earlier
        if not any(isinstance(f, ScrubFilter) for f in other.filters):
            other.addFilter(ScrubFilter())
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    logging.captureWarnings(True)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # per start: noise
    keep_log_folder_private(folder, own=log_dir is None)
    if excepthook:
        install_excepthook(folder)
    # Which build wrote what follows: a support ticket's log names it in its first lines.
    log_event(
        logging.getLogger(__name__),
        "app.started",
        version=app_version(),
        bundle=bool(getattr(sys, "frozen", False)),
    )
    return path


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the first and every one after a rotation, created 0600."""

    def _open(self) -> io.TextIOWrapper:
        return open_private(self.baseFilename, "a" if "a" in self.mode else "w")


def keep_log_folder_private(folder: Path, *, own: bool) -> None:
    """The folder 0700 (created so; an existing one only if it is the app's own), and
    its logs and crash reports 0600; each change is logged."""
    private_dir(folder)
    try:
        entries = list(folder.iterdir())
    except OSError:
        entries = []
    for entry in entries:  # before anything is logged: the first line opens the log file
        if _LOG_FOLDER_FILES.fullmatch(entry.name) and entry.is_file():
            tighten(entry)
    if own:
        tighten_dir(folder)


def write_crash_report(exc: BaseException, log_dir: Path | None = None) -> Path | None:
    """Write one scrubbed crash report; never raises (it runs while the app is dying)."""
    try:
        folder = Path(log_dir) if log_dir is not None else default_log_dir()
        now = datetime.now(UTC)
        path = folder / f"crash-{now.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        body = crash_report_text(exc, now)
        with open_private(path) as out:
            out.write(body + "\n")
            out.flush()
            os.fsync(out.fileno())
        log_event(
            logging.getLogger("mscc_desk.crash"),
            "app.crashed",
            level=logging.CRITICAL,
            error=type(exc).__name__,
            report=path.name,
        )
        return path
    except Exception:
        return None


def crash_report_text(exc: BaseException, now: datetime | None = None) -> str:
    try:
        from importlib.metadata import version

        app_version = version("mscc-desk")
    except Exception:
        app_version = "unknown"
    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    header = [
        "MSCC Desk crash report (patient data removed; local variables not recorded)",
        f"when: {when}",
        f"app: mscc-desk {app_version}",
        f"python: {sys.version.split()[0]} on {sys.platform}",
        f"thread: {threading.current_thread().name}",
        "",
    ]
    return "\n".join(header) + format_exception_safely(exc)


def install_excepthook(log_dir: Path | None = None, *, faults: bool = True) -> None:
    """Route uncaught exceptions (all threads) and hard faults to scrubbed reports.

    The default hooks are not chained: they print the full message and source lines to
    stderr, which a console or a redirected stderr would keep.
    """
    global _fault_file

    folder = Path(log_dir) if log_dir is not None else default_log_dir()

    def hook(
        kind: type[BaseException],
        value: BaseException,
        tb: types.TracebackType | None,
    ) -> None:
        if value is None:  # pragma: no cover - only by a caller misusing the hook
            value = kind()
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        path = write_crash_report(value, folder)
        _tell_stderr(value, path)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    if not faults:
        return
    try:
        # C-level crashes (a Qt segfault): frames only, no data, by Python's design.
        if _fault_file is not None:
            _fault_file.close()
        _fault_file = open_private(folder / "faults.log")
        faulthandler.enable(_fault_file)
    except (OSError, RuntimeError, ValueError):
        pass


def _tell_stderr(exc: BaseException, path: Path | None) -> None:
    stream: Any = sys.stderr
    if stream is None:  # pythonw: no console
        return
    try:
        where = f" (report: {path})" if path is not None else ""
        stream.write(f"MSCC Desk stopped: {_exception_line(exc)}{where}\n")
        stream.flush()
    except Exception:
        pass
