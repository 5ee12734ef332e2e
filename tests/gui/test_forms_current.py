"""The generated forms must be what `pyside6-uic` makes of today's .ui files.

They are committed (so the app runs without the Qt tools), and never edited by hand; a
.ui change that was not recompiled would otherwise ship a window that differs from its
design without anyone noticing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted((ROOT / "ui").glob("*.ui"))
FORMS = ROOT / "mscc_desk" / "gui" / "forms"
UIC = Path(sys.executable).with_name("pyside6-uic")
# Lines that name the uic version or the input path, not the form.
VOLATILE = ("Form generated from reading UI file", "Created by: Qt User Interface Compiler")


def _stable(text: str) -> list[str]:
    return [line for line in text.splitlines() if not any(v in line for v in VOLATILE)]


def test_there_are_forms() -> None:
    assert UI_FILES, "ui/ holds no Designer files"


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_generated_form_is_current(ui_file: Path, tmp_path: Path) -> None:
    generated = FORMS / f"ui_{ui_file.stem}.py"
    assert generated.exists(), f"{generated.relative_to(ROOT)} is missing: run pyside6-uic"
    out = tmp_path / generated.name
    subprocess.run(
        [str(UIC), str(ui_file.relative_to(ROOT)), "-o", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    fresh = _stable(out.read_text(encoding="utf-8"))
    committed = _stable(generated.read_text(encoding="utf-8"))
    assert committed == fresh, (
        f"{generated.relative_to(ROOT)} is out of date with {ui_file.relative_to(ROOT)}: "
        f"run `.venv/bin/pyside6-uic {ui_file.relative_to(ROOT)} -o "
        f"{generated.relative_to(ROOT)}`"
    )


def test_every_generated_form_has_its_ui_file() -> None:
    stems = {p.stem for p in UI_FILES}
    orphans = [p.name for p in FORMS.glob("ui_*.py") if p.stem.removeprefix("ui_") not in stems]
    assert not orphans, f"generated forms without a .ui file: {orphans}"
