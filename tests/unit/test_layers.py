"""The arrows point one way: gui -> alerts, reports -> store -> domain (DESIGN.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mscc_desk"
# For each layer, the layers of the project it must not import.
FORBIDDEN = {
    "domain": ("gui", "alerts", "reports", "store"),
    "store": ("gui", "alerts", "reports"),
    "alerts": ("gui", "reports"),
    "reports": ("gui", "alerts"),
}


def _imported_layers(path: Path) -> set[str]:
    """The top-level project packages a module imports, absolute or relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1  # folders below mscc_desk/
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = node.module.split(".") if node.module else []
                if node.level > depth and parts:
                    found.add(parts[0])
                elif node.level > depth:
                    found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("mscc_desk."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("mscc_desk."):
                    found.add(alias.name.split(".")[1])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    offending = {
        str(path.relative_to(PACKAGE)): sorted(_imported_layers(path) & set(FORBIDDEN[layer]))
        for path in (PACKAGE / layer).rglob("*.py")
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_check_sees_a_relative_import_of_gui() -> None:
    probe = PACKAGE / "alerts" / "scheduler.py"
    assert "store" in _imported_layers(probe)
