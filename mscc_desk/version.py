"""The desk's version, from one source: `version` in pyproject.toml.

It is read from the installed distribution's metadata, which a wheel, an editable
checkout and the bundle (its spec copies the metadata in) all carry, so the number in
`--version`, Help -> About, every PDF's footer and the log is the one that was built.
A copy imported without being installed says so rather than print a number it cannot
know.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, metadata, version

DISTRIBUTION = "mscc-desk"
NOT_INSTALLED = "unknown (not installed)"


@cache
def app_version() -> str:
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return NOT_INSTALLED


def declared_licence() -> str | None:
    """The licence the package metadata declares (pyproject's `license`), or None when
    it declares none: the About box says so rather than name a licence nobody chose."""
    try:
        meta = metadata(DISTRIBUTION)
    except PackageNotFoundError:
        return None
    for field in ("License-Expression", "License"):
        for value in meta.get_all(field) or []:
            text = str(value).strip()
            if text and text.upper() != "UNKNOWN":
                return text
    return None


def version_line() -> str:
    """`MSCC Desk 0.1.0`: how a printout, the About box and `--version` name the build."""
    return f"MSCC Desk {app_version()}"
