"""The arrows point one way: cli -> gui -> alerts, reports -> store -> domain, and
demo -> store -> domain, with only the command line starting the demo (DESIGN.md).
No module imports itself round a circle, not even through an import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mscc_desk"
# For each layer, the parts of the project it must not import.
FORBIDDEN = {
    "domain": ("gui", "alerts", "reports", "store", "demo", "cli", "cli_identity"),
    "store": ("gui", "alerts", "reports", "demo", "cli", "cli_identity"),
    "alerts": ("gui", "reports", "demo", "cli", "cli_identity"),
    "reports": ("gui", "alerts", "demo", "cli", "cli_identity"),
    "demo": ("gui", "alerts", "reports", "cli", "cli_identity"),
    "gui": ("demo", "cli", "cli_identity"),
}
# The top-level parts that are not layers: the entry points, and the helpers every layer
# may use (logging without patient data, private files).
OTHER_PARTS = {"__init__", "__main__", "cli", "cli_identity", "logs", "log_events", "private_files"}


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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imported_modules(name: str) -> set[str]:
    """The project's modules `name` imports anywhere in it (in functions too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import witness` imports a module
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return (found & MODULES.keys()) - {name}


def _circles() -> list[list[str]]:
    """Every set of modules that import each other round a circle (Tarjan's algorithm)."""
    graph = {name: sorted(_imported_modules(name)) for name in sorted(MODULES)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            members = []
            while True:
                w = stack.pop()
                members.append(w)
                if w == v:
                    break
            if len(members) > 1:
                circles.append(sorted(members))

    for v in graph:
        if v not in index:
            visit(v)
    return circles


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


def test_every_part_of_the_package_is_a_known_layer_or_entry_point() -> None:
    """A new package must be placed in the layers above before it can be used."""
    parts = {path.stem for path in PACKAGE.iterdir() if path.name != "__pycache__"}
    assert parts == set(FORBIDDEN) | OTHER_PARTS


def test_the_domain_imports_nothing_of_the_project_outside_itself() -> None:
    outside = {
        name: sorted(m for m in _imported_modules(name) if not m.startswith("mscc_desk.domain"))
        for name in MODULES
        if name.startswith("mscc_desk.domain")
    }
    assert {k: v for k, v in outside.items() if v} == {}


def test_only_the_command_line_imports_the_demo() -> None:
    importers = {
        name
        for name in MODULES
        if not name.startswith("mscc_desk.demo")
        and any(m.startswith("mscc_desk.demo") for m in _imported_modules(name))
    }
    assert importers == {"mscc_desk.cli"}


def test_no_module_imports_itself_round_a_circle() -> None:
    assert _circles() == []


def test_the_circle_check_sees_an_import_inside_a_function() -> None:
    # cli imports the demo inside `cmd_demo`, so that `mscc-desk triage` starts quickly.
    assert "mscc_desk.demo" in _imported_modules("mscc_desk.cli")
    assert "mscc_desk.store.witness" in _imported_modules("mscc_desk.store.opening")


# The rooms of the window (ARCHITECTURE.md): the main window (`desk`) opens the others, so
# it may import them; no other room imports another, except the small shared widgets, and
# the shared top-level modules (look, windows, context, shortcuts) import no room at all.
# Only `app` and `startup`, which start the desk, reach into the rooms from the top.
# `forms` is generated from ui/*.ui (a promoted widget imports its room) and is shared.
GUI_ROOMS = ("desk", "intake", "case", "handover", "people", "settings", "widgets")
GUI_STARTERS = {"mscc_desk.gui.app", "mscc_desk.gui.startup"}


def _room(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 3 and parts[2] in GUI_ROOMS else None


def _rooms_reached(name: str) -> set[str]:
    return {r for m in _imported_modules(name) if (r := _room(m)) is not None} - {_room(name)}


def test_every_gui_package_is_a_known_room() -> None:
    packages = {p.name for p in (PACKAGE / "gui").iterdir() if (p / "__init__.py").exists()}
    assert packages == {*GUI_ROOMS, "forms"}


def test_a_gui_room_reaches_only_the_shared_widgets() -> None:
    allowed = {"widgets"}
    offending = {
        name: sorted(_rooms_reached(name) - allowed)
        for name in MODULES
        if name.startswith("mscc_desk.gui.") and _room(name) not in (None, "desk")
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_shared_gui_modules_reach_no_room() -> None:
    offending = {
        name: sorted(_rooms_reached(name))
        for name in MODULES
        if name.startswith("mscc_desk.gui.")
        and _room(name) is None
        and name not in GUI_STARTERS
        and not name.startswith("mscc_desk.gui.forms.")
    }
    assert {k: v for k, v in offending.items() if v} == {}


def test_the_room_check_sees_the_main_window_open_a_case() -> None:
    assert "case" in _rooms_reached("mscc_desk.gui.desk.main_window")
