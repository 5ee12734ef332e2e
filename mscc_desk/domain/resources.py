"""Where the package's data files are: the pathway file, the report styles and the icons
(`mscc_desk/resources/`), and the Alembic environment and versions (`mscc_desk/migrations/`).

They are package data found through `importlib.resources`, so a source checkout, an
installed wheel and a PyInstaller bundle find them alike. Nothing may climb out of the
package to a source tree: a ward PC has none.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_dir() -> Path:
    """The installed package's folder. Alembic loads `env.py` and the versions by file
    name, so the package must be files on disk (a wheel, a bundle or a checkout), never
    a zip; say so plainly rather than fail later inside Alembic."""
    root = files("mscc_desk")
    if not isinstance(root, Path):
        raise RuntimeError(f"mscc_desk is not installed as files on disk ({root!r})")
    return root


def resource_path(*parts: str) -> Path:
    return package_dir().joinpath("resources", *parts)


def migrations_path() -> Path:
    return package_dir() / "migrations"
