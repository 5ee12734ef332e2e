"""Generated open-data files in the real column layouts: the ONS Postcode Directory
(ONSPD) and "File 1" of the English Indices of Deprivation 2019. Small ones for tests,
2.7 million postcodes for the benchmark; written as streams, never held in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

# The ONSPD columns around the ones the import reads (a real file has about 50).
ONSPD_HEADER = (
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "oscty",
    "ced",
    "oslaua",
    "osward",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "ctry",
    "rgn",
    "pcon",
    "oa11",
    "lsoa11",
    "msoa11",
    "lat",
    "long",
    "imd",
    "oa21",
    "lsoa21",
    "msoa21",
)
IOD_HEADER = (
    "LSOA code (2011)",
    "LSOA name (2011)",
    "Local Authority District code (2019)",
    "Local Authority District name (2019)",
    "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)",
)
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def lsoa(n: int) -> str:
    return f"E01{n:06d}"


def decile_of(n: int) -> int:
    return n % 10 + 1


def postcodes(count: int) -> Iterator[str]:
    """Distinct, well-formed postcodes: `M1 1AA`, `M1 1AB`, ..."""
    areas = ("M", "SK", "OL", "LS", "B", "CH", "WA", "BL")
    n = 0
    for area in areas:
        for district in range(1, 100):
            for sector in range(10):
                for a in LETTERS:
                    for b in LETTERS:
                        if n >= count:
                            return
                        yield f"{area}{district} {sector}{a}{b}"
                        n += 1


def write_files(
    folder: Path, count: int, lsoas: int = 1000, *, welsh_every: int = 0
) -> tuple[Path, Path]:
    """ONSPD.csv with `count` postcodes spread over `lsoas` English LSOAs (every
    `welsh_every`-th in a Welsh LSOA with no English decile) and IOD.csv with a decile
    for each English LSOA (LSOA n has decile n % 10 + 1)."""
    onspd = folder / "ONSPD_FEB_2024_UK.csv"
    iod = folder / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv"
    with onspd.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(ONSPD_HEADER)
        for i, code in enumerate(postcodes(count)):
            welsh = welsh_every and i % welsh_every == welsh_every - 1
            area = f"W01{i % 1900:06d}" if welsh else lsoa(i % lsoas)
            compact = code.replace(" ", "")
            row = dict.fromkeys(ONSPD_HEADER, "")
            row |= {
                "pcd": compact,
                "pcd2": code,
                "pcds": code,
                "dointr": "198001",
                "ctry": "W92000004" if welsh else "E92000001",
                "lsoa11": area,
                "lsoa21": area.replace("E01", "E02") if not welsh else area,
            }
            out.writerow(row[c] for c in ONSPD_HEADER)
    with iod.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(IOD_HEADER)
        for n in range(lsoas):
            out.writerow((lsoa(n), f"Area {n}", "E08000003", "Manchester", n + 1, decile_of(n)))
    return onspd, iod
