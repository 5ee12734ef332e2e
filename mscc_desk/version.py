"""The desk's version, from one source: `version` in pyproject.toml.

It is read from the installed distribution's metadata, which a wheel, an editable
checkout and the bundle (its spec copies the metadata in) all carry, so the number in
`--version`, Help -> About, every PDF's footer and the log is the one that was built.
A copy imported without being installed says so rather than print a number it cannot
know.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "mscc-desk"
NOT_INSTALLED = "unknown (not installed)"


@cache
def app_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return NOT_INSTALLED


def version_line() -> str:
    """`MSCC Desk 0.1.0`: how a printout, the About box and `--version` name the build."""
    return f"MSCC Desk {app_version()}"
