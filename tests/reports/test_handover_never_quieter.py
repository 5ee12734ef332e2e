"""The printed handover never shows a case quieter than its facts (issue 10).

An override is printed with its reason, who made it and when; every feature reported on
any call is printed, with when it was first reported when a later call brought it.
Read back from the PDF with pypdf, as the person holding the paper would read it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from mscc_desk.domain.clock import FakeClock
from mscc_desk.reports.handover import render_handover_pdf
from mscc_desk.store.calls import record_call
from mscc_desk.store.engine import Database
from tests.reports.handover_helpers import NOW, hours, nhs, open_db, payload, pdf_pages


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    return qapp


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_db(tmp_path)


def test_the_printed_handover_shows_the_override_and_every_feature(
    db: Database, tmp_path: Path
) -> None:
    clock = FakeClock(NOW - hours(6))
    record_call(
        db,
        payload(
            "Okafor",
            "Grace",
            nhs(1),
            at=clock.now(),
            neuro=(),
            pain=("nocturnal",),
            case={"category_override": "safety_net", "override_reason": "old fracture on CT"},
        ),
        user="coord",
        clock=clock,
    )
    first = record_call(
        db,
        payload("Hughes", "Dylan", nhs(2), at=clock.now(), neuro=("limb_weakness",), pain=()),
        user="coord",
        clock=clock,
    )
    clock.set(NOW - hours(2))
    record_call(
        db,
        payload("Hughes", "Dylan", nhs(2), at=clock.now(), neuro=(), pain=("nocturnal",)),
        user="coord",
        clock=clock,
        case_id=first.case_id,
    )
    out = tmp_path / "handover.pdf"
    render_handover_pdf(db, out, printed_by="coord", now=NOW)
    text = " ".join(" ".join(pdf_pages(out)).split())
    assert "Overridden from" in text
    assert "old fracture on CT" in text
    # The ward call ticked only pain: the weakness from the first call is still printed.
    assert "weakness" in text.lower()
    assert "(from 18:05)" in text  # the pain came with the later call
