"""The service audit report as a real PDF: A4 portrait, every page marked and numbered,
small numbers hidden, and no patient's name or NHS number on it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from mscc_desk.domain.audit_period import Period
from mscc_desk.reports.service_audit_pdf import MARKING, AuditReport, render_audit_pdf
from mscc_desk.store.opening import open_database
from mscc_desk.store.service_audit import load_service_audit
from tests.store.test_service_audit_read import T0, nhs, populate


def test_the_report_is_a4_marked_paginated_and_names_nobody(tmp_path: Path) -> None:
    db = open_database(tmp_path / "r.sqlite3")
    try:
        populate(db, 7)
        audit = load_service_audit(
            db, Period(date(2026, 3, 1), date(2026, 3, 31)), now=T0 + timedelta(days=20)
        )
    finally:
        db.dispose()
    out = tmp_path / "audit.pdf"
    recorded: list[int] = []
    pages = render_audit_pdf(
        AuditReport("Riverside MSCC service", "Sam Lead", datetime(2026, 4, 2, tzinfo=UTC), audit),
        out,
        recorded.append,
    )
    assert recorded == [pages]
    reader = PdfReader(out)
    assert len(reader.pages) == pages >= 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"Page {number} of {pages}" in text
        assert "OFFICIAL-SENSITIVE" in text and "Riverside MSCC service" in text
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert MARKING.split(":")[0] in text
    assert "<5" in text  # seven cases: most counts are small
    assert "Audit" not in text.replace("audit", "")  # the patients' family name
    assert nhs(0) not in text.replace(" ", "")
    for words in ("Measures", "IMD quintile", "Timeliness", "Breaches", "Definitions"):
        assert words in text
    assert len(reader.pages[0].images) == 2  # the run chart and the deprivation chart


def test_a_report_that_cannot_be_recorded_leaves_no_file(tmp_path: Path) -> None:
    db = open_database(tmp_path / "r.sqlite3")
    try:
        audit = load_service_audit(db, Period(date(2026, 3, 1), date(2026, 3, 31)), now=T0)
    finally:
        db.dispose()
    out = tmp_path / "audit.pdf"

    def refuse(_pages: int) -> None:
        raise PermissionError("not allowed")

    with pytest.raises(PermissionError):
        render_audit_pdf(AuditReport("S", "U", T0, audit), out, refuse)
    assert list(tmp_path.glob("*.pdf*")) == []
