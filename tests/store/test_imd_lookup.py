"""The postcode -> IMD decile lookup on real SQLite and PostgreSQL: loaded from files in
the real ONSPD and IoD 2019 layouts, replaced whole, refused whole."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mscc_desk.domain.errors import InputError
from mscc_desk.store.imd import current_source, decile_for, import_lookup
from mscc_desk.store.models import AuditEvent, ImdImport, ImdPostcode
from mscc_desk.store.opening import open_database
from tests.imd_files import decile_of, postcodes, write_files

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_import_joins_the_files_on_the_2011_lsoa_and_finds_a_typed_postcode(
    db_url: str, tmp_path: Path
) -> None:
    onspd, iod = write_files(tmp_path, 600, lsoas=50, welsh_every=10)
    db = open_database(db_url)
    try:
        summary = import_lookup(db, onspd, iod, user="admin", now=NOW)
        assert summary.postcode_rows == 600
        assert summary.deprivation_rows == 50
        assert summary.without_decile == 60  # the Welsh ones: no English decile
        assert summary.postcodes == 540
        assert (summary.lsoa_column, summary.edition) == ("lsoa11", "IoD 2019")
        first = next(postcodes(1))  # "M1 0AA": row 0, LSOA 0
        found = decile_for(db, first.lower().replace(" ", ""))
        assert found is not None and found.decile == decile_of(0)
        assert found.source.text == "from postcode lookup, IoD 2019"
        assert decile_for(db, "ZZ99 9ZZ") is None  # not in the directory
        assert decile_for(db, "not a postcode") is None
        with db.read_session() as session:
            events = session.scalars(
                select(AuditEvent.action).where(AuditEvent.action == "imd.imported")
            ).all()
        assert events == ["imd.imported"]
    finally:
        db.dispose()


def test_a_reimport_replaces_the_lookup_and_a_bad_file_changes_nothing(
    db_url: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    db = open_database(db_url)
    try:
        import_lookup(db, *write_files(first, 300, lsoas=10), user="admin", now=NOW)
        onspd, iod = write_files(second, 120, lsoas=10)
        import_lookup(db, onspd, iod, user="admin", now=NOW)
        with db.read_session() as session:
            assert session.scalar(select(func.count()).select_from(ImdPostcode)) == 120
            assert session.scalar(select(func.count()).select_from(ImdImport)) == 2
        # A deprivation file without the decile column: refused, naming the column.
        bad = tmp_path / "bad.csv"
        bad.write_text("LSOA code (2011),Something else\nE01000001,3\n", encoding="utf-8")
        with pytest.raises(InputError) as refused:
            import_lookup(db, onspd, bad, user="admin", now=NOW)
        assert refused.value.field == "--deprivation"
        assert "Index of Multiple Deprivation (IMD) Decile" in refused.value.problem
        # A directory without the 2011 LSOA column.
        no_lsoa = tmp_path / "onspd.csv"
        no_lsoa.write_text("pcds,lsoa21\nM1 1AA,E02000001\n", encoding="utf-8")
        with pytest.raises(InputError, match="'lsoa11'"):
            import_lookup(db, no_lsoa, iod, user="admin", now=NOW)
        # A bad decile half-way: the whole import is undone.
        broken = tmp_path / "iod.csv"
        broken.write_text(
            iod.read_text(encoding="utf-8") + "E01999999,x,E1,y,1,11\n", encoding="utf-8"
        )
        with pytest.raises(InputError, match="line 12"):
            import_lookup(db, onspd, broken, user="admin", now=NOW)
        with db.read_session() as session:
            assert session.scalar(select(func.count()).select_from(ImdPostcode)) == 120
            assert session.scalar(select(func.count()).select_from(ImdImport)) == 2
        source = current_source(db)
        assert source is not None and source.postcodes == 120
    finally:
        db.dispose()
