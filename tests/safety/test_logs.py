"""Log files and crash reports must not carry patient data off the ward PC."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mscc_desk import logs
from mscc_desk.logs import (
    REDACTED,
    format_exception_safely,
    install_excepthook,
    scrub,
    setup_logging,
)


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
