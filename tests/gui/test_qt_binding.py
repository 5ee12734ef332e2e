"""The Qt binding must not leak references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to `None` on every call of a Qt method
that returns nothing; after enough calls the interpreter aborts ("deallocating None"),
which for the desk means a crash in the middle of a shift. pyproject.toml excludes that
release; this test fails if such a binding is installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    holder = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        holder.setObjectName("x")
    after = sys.getrefcount(None)
    assert after >= before - 50, f"{before - after} references to None lost in 2000 Qt calls"
