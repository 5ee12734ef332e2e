"""The postcode -> IMD decile lookup: loaded from the open data a trust downloads, asked
by the intake as a postcode is typed.

Two files make it: the ONS Postcode Directory (ONSPD, `pcds` -> `lsoa11` or `lsoa21`) and
"File 1" of the English Indices of Deprivation (LSOA code -> IMD decile). Both are read
as streams (the directory has some 2.7 million rows): the LSOA deciles (about 33,000) are
held in a dict, the postcodes go to the database in batches as they are read. A file
without a column the join needs is refused before anything is written, naming the
column; a re-import replaces the whole lookup in one transaction, so the desk never sees
half of one. Each import is recorded (`imd_import`, and an audit event) with its files,
row counts and date, so a decile on a report can be traced to its source.

Postcodes outside England (Wales, Scotland, Northern Ireland) have no English IMD decile
and are left out; a decile typed at the desk always wins over the lookup.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from ..domain import postcode as postcodes
from ..domain.errors import InputError
from .audit import record_event
from .engine import Database
from .models import ImdImport, ImdPostcode
from .permissions import acting_user

POSTCODE_COLUMN = "pcds"
# The deprivation file's LSOA geography decides the directory's column: IoD 2019 is on
# the 2011 census areas (lsoa11), a later edition on the 2021 ones (lsoa21). A directory
# has both; joining on the wrong one would match nothing, or the wrong areas.
DEPRIVATION_LSOA_COLUMNS = {"LSOA code (2011)": "lsoa11", "LSOA code (2021)": "lsoa21"}
DECILE_COLUMNS = (
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)",
    "Index of Multiple Deprivation (IMD) Decile",
)
BATCH = 20_000
IMPORT_ACTION = "imd.imported"


@dataclass(frozen=True)
class ImdSource:
    """Where the lookup in use came from."""

    edition: str  # "IoD 2019"
    lsoa_column: str
    postcode_file: str
    deprivation_file: str
    imported_at: datetime
    postcodes: int

    @property
    def text(self) -> str:
        """What the intake says beside a decile it filled in."""
        return f"from postcode lookup, {self.edition}"

    @property
    def description(self) -> str:
        """What a report says about where derived deciles come from."""
        return (
            f"{self.edition} via {self.postcode_file} ({self.lsoa_column}), "
            f"loaded {self.imported_at:%d %b %Y}"
        )


@dataclass(frozen=True)
class ImdFound:
    postcode: str
    decile: int
    source: ImdSource


@dataclass(frozen=True)
class ImportSummary:
    postcode_rows: int
    deprivation_rows: int
    postcodes: int  # with a decile, now in the lookup
    without_decile: int  # postcodes whose LSOA has no English decile (not stored)
    lsoa_column: str
    edition: str

    def to_json(self) -> dict[str, Any]:
        return {
            "postcode_rows": self.postcode_rows,
            "deprivation_rows": self.deprivation_rows,
            "postcodes": self.postcodes,
            "without_decile": self.without_decile,
            "lsoa_column": self.lsoa_column,
            "edition": self.edition,
        }


def import_lookup(
    db: Database,
    postcode_file: Path,
    deprivation_file: Path,
    *,
    user: str,
    now: datetime,
) -> ImportSummary:
    """Replace the lookup with the join of the two files, in one transaction."""
    deciles, deprivation_rows, lsoa_kind = _read_deprivation(deprivation_file)
    edition = _edition(deprivation_file, lsoa_kind)
    lsoa_column = DEPRIVATION_LSOA_COLUMNS[lsoa_kind]
    with _open_csv(postcode_file, "--postcodes") as stream:
        reader = csv.DictReader(stream)
        header = reader.fieldnames or []
        if POSTCODE_COLUMN not in header:
            raise InputError(
                "--postcodes", f"{postcode_file.name} has no column {POSTCODE_COLUMN!r}"
            )
        if lsoa_column not in header:
            raise InputError(
                "--postcodes",
                f"{postcode_file.name} has no column {lsoa_column!r} (the LSOA geography "
                f"of {deprivation_file.name}: {lsoa_kind})",
            )
        counts = {"rows": 0, "stored": 0, "without": 0}
        with db.session() as session:
            actor = acting_user(session, user, "imd.import", now)
            session.execute(delete(ImdPostcode))
            conn = session.connection()
            try:
                for batch in _batches(reader, lsoa_column, deciles, counts, postcode_file.name):
                    conn.execute(insert(ImdPostcode.__table__), batch)  # type: ignore[arg-type]
            except IntegrityError:
                raise InputError(
                    "--postcodes", f"{postcode_file.name} lists a postcode more than once"
                ) from None
            summary = ImportSummary(
                postcode_rows=counts["rows"],
                deprivation_rows=deprivation_rows,
                postcodes=counts["stored"],
                without_decile=counts["without"],
                lsoa_column=lsoa_column,
                edition=edition,
            )
            session.add(
                ImdImport(
                    imported_at=now,
                    imported_by_id=actor.id,
                    postcode_file=postcode_file.name[:260],
                    deprivation_file=deprivation_file.name[:260],
                    lsoa_column=lsoa_column,
                    edition=edition,
                    postcode_rows=summary.postcode_rows,
                    deprivation_rows=deprivation_rows,
                    postcodes=summary.postcodes,
                )
            )
            record_event(
                session,
                at=now,
                action=IMPORT_ACTION,
                user_id=actor.id,
                detail={
                    "postcode_file": postcode_file.name,
                    "deprivation_file": deprivation_file.name,
                    **summary.to_json(),
                },
            )
    return summary


def _open_csv(path: Path, option: str) -> IO[str]:
    try:
        # utf-8-sig: a file saved from Excel starts with a byte-order mark.
        return path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(option, f"cannot read {path}: {exc.strerror}") from None


def _read_deprivation(path: Path) -> tuple[dict[str, int], int, str]:
    """LSOA code -> IMD decile, the rows read, and which LSOA column the file has."""
    with _open_csv(path, "--deprivation") as stream:
        reader = csv.DictReader(stream)
        header = reader.fieldnames or []
        lsoa = next((c for c in DEPRIVATION_LSOA_COLUMNS if c in header), None)
        if lsoa is None:
            raise InputError(
                "--deprivation",
                f"{path.name} has no column {' or '.join(map(repr, DEPRIVATION_LSOA_COLUMNS))}",
            )
        decile_column = next((c for c in DECILE_COLUMNS if c in header), None)
        if decile_column is None:
            raise InputError("--deprivation", f"{path.name} has no column {DECILE_COLUMNS[0]!r}")
        deciles: dict[str, int] = {}
        rows = 0
        try:
            for rows, row in enumerate(reader, start=1):
                code = (row.get(lsoa) or "").strip()
                text = (row.get(decile_column) or "").strip()
                if not code:
                    continue
                if not text.isdigit() or not 1 <= int(text) <= 10:
                    raise InputError(
                        "--deprivation",
                        f"{path.name} line {rows + 1}: the IMD decile {text[:20]!r} is not 1-10",
                    )
                deciles[code] = int(text)
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(
                "--deprivation", f"{path.name} is not a CSV text file ({exc})"
            ) from None
    if not deciles:
        raise InputError("--deprivation", f"{path.name} has no LSOA with a decile")
    return deciles, rows, lsoa


def _batches(
    reader: csv.DictReader[str],
    lsoa_column: str,
    deciles: dict[str, int],
    counts: dict[str, int],
    name: str,
) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    try:
        for row in reader:
            counts["rows"] += 1
            code = (row.get(POSTCODE_COLUMN) or "").strip()
            lsoa = (row.get(lsoa_column) or "").strip()
            decile = deciles.get(lsoa)
            if not code:
                continue
            if decile is None:
                counts["without"] += 1
                continue
            batch.append(
                {"postcode": postcodes.normalise(code), "lsoa": lsoa, "imd_decile": decile}
            )
            if len(batch) >= BATCH:
                counts["stored"] += len(batch)
                yield batch
                batch = []
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError("--postcodes", f"{name} is not a CSV text file ({exc})") from None
    if batch:
        counts["stored"] += len(batch)
        yield batch


def _edition(path: Path, lsoa_column: str) -> str:
    """`IoD 2019` from the file name (IMD2019, IoD2025...), else from its LSOA geography."""
    year = re.search(r"(?:IoD|IMD)[ _-]?(20\d\d)", path.name, re.IGNORECASE)
    if year:
        return f"IoD {year.group(1)}"
    census = re.search(r"\((20\d\d)\)", lsoa_column)
    return f"IoD (LSOA {census.group(1)})" if census else "IoD"


def current_source(db: Database) -> ImdSource | None:
    """The import in use, or None when no lookup has been loaded."""
    with db.read_session() as session:
        row = session.scalar(select(ImdImport).order_by(ImdImport.id.desc()).limit(1))
        return None if row is None else source_of(row)


def source_of(row: ImdImport) -> ImdSource:
    return ImdSource(
        edition=row.edition,
        lsoa_column=row.lsoa_column,
        postcode_file=row.postcode_file,
        deprivation_file=row.deprivation_file,
        imported_at=row.imported_at,
        postcodes=row.postcodes,
    )


def decile_for(db: Database, text: str) -> ImdFound | None:
    """The IMD decile of a postcode as typed, or None: not a postcode, no lookup loaded,
    or not in it (outside England, or newer than the directory)."""
    if postcodes.problem(text) is not None:
        return None
    code = postcodes.normalise(text)
    with db.read_session() as session:
        decile = session.scalar(select(ImdPostcode.imd_decile).where(ImdPostcode.postcode == code))
        if decile is None:
            return None
        row = session.scalar(select(ImdImport).order_by(ImdImport.id.desc()).limit(1))
        if row is None:
            return None
        return ImdFound(code, decile, source_of(row))
