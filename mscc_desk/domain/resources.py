"""Where the project's data files are: `resources/` and `migrations/` beside the package.

They sit at the top of the source tree (see the layout in the README), and the project
is installed in editable mode, so they are found relative to this file.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    return PROJECT_ROOT.joinpath("resources", *parts)


def migrations_path() -> Path:
    return PROJECT_ROOT / "migrations"
