"""Log files and crash reports must not carry patient data off the ward PC."""

from __future__ import annotations

import ast
import logging
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mscc_desk import logs
from mscc_desk.log_events import event_text, log_event
from mscc_desk.logs import (
    REDACTED,
    format_exception_safely,
    install_excepthook,
    remember_names,
    scrub,
    setup_logging,
)
from mscc_desk.store.board import display_name
from mscc_desk.version import app_version

PACKAGE = Path(logs.__file__).resolve().parent


@pytest.fixture
def restore_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)


@pytest.mark.parametrize(
    "secret",
    [
        "943 476 5919",
        "9434765919",
        "943-476-5919",
        "SW1A 1AA",
        "sw1a1aa",
        "M1 1AE",
        "1950-02-01",
        "01/02/1950",
        "1 February 1950",
        "01.02.1950",
    ],
)
def test_scrub_removes_identifiers(secret: str) -> None:
    text = scrub(f"patient {secret} seen")
    assert secret.lower() not in text.lower() and REDACTED in text


def test_scrub_finds_nhs_numbers_glued_to_words() -> None:
    assert scrub("nhs9434765919;") == f"nhs{REDACTED};"


def test_scrub_keeps_what_a_log_is_for() -> None:
    kept = "case 12 opened at 2027-03-27T09:30:00+00:00 by cora; 3 clocks; took 0.25 s"
    assert scrub(kept) == kept


def test_scrub_known_fields_quoted_values_and_sql_parameters() -> None:
    text = scrub(
        "refused family_name=Okafor given_name: 'Grace' {'caller_name': \"Dr Who\"} "
        "sex: 'Okafor' is not one of female\n"
        "[SQL: INSERT INTO patient (family_name) VALUES (?)]\n"
        "[parameters: ('Okafor', 'Grace')]"
    )
    for secret in ("Okafor", "Grace", "Dr Who"):
        assert secret not in text
    assert "INSERT INTO patient" in text  # the statement is code, not data


def test_file_log_is_scrubbed_and_rotates(tmp_path: Path, restore_logging: None) -> None:
    path = setup_logging(tmp_path / "logs", excepthook=False)
    assert path.parent == tmp_path / "logs"
    log = logging.getLogger("mscc_desk.test")
    log.info("record for %s born %s at %s", "9434765919", "1950-02-01", "SW1A 1AA")
    log.info("patient %(family_name)s", {"family_name": "Okafor"})
    log.warning("extra", extra={"nhs_number": "9434765919"})
    try:
        raise ValueError("no such patient 'Okafor Grace' 943 476 5919")
    except ValueError:
        log.exception("lookup failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for secret in ("9434765919", "943 476 5919", "1950-02-01", "SW1A 1AA", "Okafor"):
        assert secret not in text
    assert "lookup failed" in text and "ValueError" in text and "test_logs.py" in text
    # Rotation: 1 MB x 5 at most.
    for _ in range(3000):
        log.info("x" * 1000)
    files = sorted(p.name for p in path.parent.glob("mscc-desk.log*"))
    assert 2 <= len(files) <= 1 + logs.BACKUP_COUNT
    assert all(p.stat().st_size <= logs.MAX_BYTES + 2000 for p in path.parent.glob("*.log*"))


def test_the_log_names_the_version_at_start(tmp_path: Path, restore_logging: None) -> None:
    path = setup_logging(tmp_path, excepthook=False)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert f"app.started version={app_version()} bundle=false" in path.read_text("utf-8")


def test_setup_twice_does_not_duplicate_lines(tmp_path: Path, restore_logging: None) -> None:
    setup_logging(tmp_path, excepthook=False)
    path = setup_logging(tmp_path, excepthook=False)
    logging.getLogger("mscc_desk.test").warning("once")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.read_text(encoding="utf-8").count("once") == 1


def _crash_with_patient_in_a_local() -> None:
    patient_name = "Okafor Grace"  # noqa: F841 - the point: a local holding a name
    nhs = "9434765919"
    raise KeyError(f"no case for {nhs}")


def test_excepthook_writes_a_report_without_patient_data(
    tmp_path: Path, restore_logging: None
) -> None:
    install_excepthook(tmp_path, faults=False)
    try:
        try:
            _crash_with_patient_in_a_local()
        except KeyError as inner:
            raise RuntimeError("saving 'Okafor Grace' failed") from inner
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [report] = list(tmp_path.glob("crash-*.txt"))
    text = report.read_text(encoding="utf-8")
    assert "Okafor" not in text and "Grace" not in text and "9434765919" not in text
    assert "patient_name" not in text  # no local variables, no source lines
    assert "KeyError" in text and "RuntimeError" in text
    assert "_crash_with_patient_in_a_local" in text and "test_logs.py" in text
    assert "direct cause" in text


def test_thread_exceptions_get_reports_too(tmp_path: Path, restore_logging: None) -> None:
    install_excepthook(tmp_path, faults=False)

    def work() -> None:
        raise ValueError("patient born 01/02/1950")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    [report] = list(tmp_path.glob("crash-*.txt"))
    text = report.read_text(encoding="utf-8")
    assert "ValueError" in text and "01/02/1950" not in text


def test_format_exception_safely_without_traceback() -> None:
    assert format_exception_safely(ValueError("SW1A 1AA")).endswith(f"ValueError: {REDACTED}")


# --- the corpus: formats the scrubber must catch, and what it must leave alone ------------

LEAKS = {
    "NHS number": [
        "9434765919",
        "943 476 5919",
        "943-476-5919",
        "943.476.5919",
        "943 4765 919",
        "9434 765 919",
        "943/476/5919",
    ],
    "date of birth": [
        "1950-02-01",
        "1950/02/01",
        "1950.02.01",
        "01/02/1950",
        "1/2/50",
        "01.02.1950",
        "01-02-1950",
        "01-Feb-1950",
        "1-feb-50",
        "01Feb1950",
        "1 February 1950",
        "1st Feb 1950",
        "February 1, 1950",
        "Feb 1st 1950",
        "19500201",
        "01021950",
    ],
    "phone number": [
        "020 7946 0958",
        "02079460958",
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)20 7946 0958",
        "0044 161 496 0000",
        "(01632) 960 001",
        "0161 496 0000",
    ],
    "hospital number": [
        "RX1234567",
        "rx1234567",
        "K123456",
        "MRN 12345678",
        "MRN: 00123456",
        "hospital number 1234567",
        "Hosp No. A123/45",
        "unit no 987654",
    ],
    "postcode": ["SW1A 1AA", "sw1a1aa", "M1 1AE", "B33 8TH"],
}
KEPT = [
    "case 12 opened at 2027-03-27T09:30:00+00:00 by cora; 3 clocks; took 0.25 s",
    "alert 17 raised for deadline 9 at 2027-03-27 09:30:00 (stage due_soon)",
    "backup.written file=mscc-20270327-020000.sqlite3 bytes=135168 pruned=1",
    "backup.unfinished_removed file=mscc.sqlite3.pre-migration-0002-20270327T100000Z.bak.partial",
    "app.crashed error=KeyError report=crash-20270327-101010-4242.txt",
    "file.tightened path=/home/cora/.local/share/mscc-desk/mscc.sqlite3 was=0644 now=0600",
    "OperationalError: database is locked; SQLite 3.45.1, Python 3.11.9, pid 31337",
    "Thread-12 (raise_alerts) took 1234 ms for 250 rows",
]


@pytest.mark.parametrize(
    ("kind", "secret"), [(kind, s) for kind, secrets in LEAKS.items() for s in secrets]
)
def test_the_scrubber_catches_each_format(kind: str, secret: str) -> None:
    for text in (f"patient {secret} seen", f"{secret}", f"x={secret};"):
        scrubbed = scrub(text)
        assert secret.lower() not in scrubbed.lower(), (kind, scrubbed)
        assert REDACTED in scrubbed, (kind, scrubbed)


@pytest.mark.parametrize("text", KEPT)
def test_the_scrubber_keeps_ids_instants_file_names_and_counts(text: str) -> None:
    assert scrub(text) == text


def test_names_the_app_has_displayed_are_scrubbed() -> None:
    """No pattern knows every name: the one function that formats a patient's name
    teaches the scrubber each one, for this process."""
    line = "lookup for Nwosu-Bello Chidinma failed; OKAFOR, Grace; O'Neill"
    assert scrub(line) == line  # not yet known
    assert display_name("Nwosu-Bello", "Chidinma") == "NWOSU-BELLO, Chidinma"
    remember_names("Okafor", "Grace", "O'Neill")
    scrubbed = scrub(line)
    for name in ("Nwosu", "Bello", "Chidinma", "Okafor", "OKAFOR", "Grace", "Neill"):
        assert name not in scrubbed, scrubbed
    assert scrubbed.startswith("lookup for ") and "failed" in scrubbed


def test_an_event_carries_ids_and_counts_and_never_a_patient_field() -> None:
    at = datetime(2027, 3, 27, 9, 30, tzinfo=UTC)
    assert (
        event_text("backup.written", file="mscc-1.sqlite3", bytes=10, ok=True, at=at, why=None)
        == "backup.written file=mscc-1.sqlite3 bytes=10 ok=true "
        "at=2027-03-27T09:30:00+00:00 why=none"
    )
    assert event_text("x", family_name="Okafor", nhs_number=943) == (
        f"x family_name={REDACTED} nhs_number={REDACTED}"
    )
    # Free text is quoted, so the scrubber's quoted-value rule removes it from the file.
    assert event_text("x", folder="/data/Okafor Grace") == 'x folder="/data/Okafor Grace"'


def test_events_reach_the_file_with_free_text_removed(
    tmp_path: Path, restore_logging: None
) -> None:
    path = setup_logging(tmp_path, excepthook=False)
    log = logging.getLogger("mscc_desk.test")
    log_event(log, "case.looked_up", case_id=12, folder="/data/Okafor Grace")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert f'case.looked_up case_id=12 folder="{REDACTED}"' in text
    assert "Okafor" not in text


_LOG_METHODS = {"debug", "info", "warning", "error", "critical", "exception", "log"}


def _non_event_log_lines(source: str) -> list[int]:
    """Lines of `source` that call a logger other than through `log_event`."""
    found: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func.value
        is_logger = isinstance(target, ast.Name) and target.id in ("log", "logger", "logging")
        is_logger |= (
            isinstance(target, ast.Call)
            and isinstance(target.func, ast.Attribute)
            and target.func.attr == "getLogger"
        )
        if not is_logger or node.func.attr not in _LOG_METHODS:
            continue
        # A fixed sentence with the traceback (scrubbed) is allowed: no values in it.
        fixed = len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
        if node.func.attr == "exception" and fixed and not node.keywords:
            continue
        found.append(node.lineno)
    return sorted(found)


def test_the_app_logs_events_not_values() -> None:
    """Every log call in the package goes through `log_event` (ids, never values)."""
    offending = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "log_events.py"
        for line in _non_event_log_lines(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_the_check_sees_a_log_call_with_values() -> None:
    source = (
        'log.info("patient %s", name)\n'
        'log.exception("saving failed")\n'
        'logging.getLogger(__name__).warning(f"{name}")\n'
        'log.exception("saving %s failed", name)\n'
    )
    assert _non_event_log_lines(source) == [1, 3, 4]
