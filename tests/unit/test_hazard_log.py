"""The hazard log names the tests that prove each control: every one must exist.

A log that names a test nobody runs any more is a control nobody checks; this keeps
`docs/safety/hazard-log.md` and the suite in step.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "safety" / "hazard-log.md"
TEST_REF = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _named_tests() -> list[tuple[str, str]]:
    return TEST_REF.findall(LOG.read_text(encoding="utf-8"))


def _defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_every_test_the_hazard_log_names_exists() -> None:
    named = _named_tests()
    assert len(named) >= 30, "the log should name the tests behind its controls"
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not (ROOT / path).is_file() or name not in _defined(ROOT / path)
    ]
    assert missing == []


def test_every_hazard_names_at_least_one_test() -> None:
    text = LOG.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    assert len(sections) >= 16
    for section in sections:
        title = section.splitlines()[0]
        assert TEST_REF.search(section), f"{title}: no test proves its controls"
        for field in ("What can go wrong", "Causes", "Effect", "Before", "Controls", "After"):
            assert f"**{field}" in section, f"{title}: no {field}"
