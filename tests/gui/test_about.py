"""Help -> About: the version, the pathway, the database in use (a password never shown)
and the licence the package declares, from the desk's Help menu."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from mscc_desk.domain.clock import FakeClock
from mscc_desk.domain.pathway import default_pathway
from mscc_desk.gui.context import DeskContext
from mscc_desk.gui.desk.about import NO_LICENCE, AboutDialog, about_facts, database_in_use
from mscc_desk.gui.desk.main_window import MainWindow
from mscc_desk.store.engine import Database
from mscc_desk.version import app_version, declared_licence
from tests.gui.desk_helpers import fake_clock, open_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return fake_clock()


def test_a_server_password_is_never_shown() -> None:
    url = make_url("postgresql+psycopg://mscc:s3cret-pw@dbserver.trust.nhs.uk:5432/mscc")
    shown = database_in_use(url)
    assert "s3cret-pw" not in shown
    assert shown == "postgresql+psycopg://mscc:***@dbserver.trust.nhs.uk:5432/mscc"
    assert database_in_use(make_url("sqlite:////srv/mscc/mscc.sqlite3")) == "/srv/mscc/mscc.sqlite3"


def test_the_licence_shown_is_the_declared_one_or_none() -> None:
    facts = dict(about_facts(make_url("sqlite://"), default_pathway()))
    assert facts["Version"] == app_version()
    # What pyproject.toml declares, and never a licence nobody chose.
    with (ROOT / "pyproject.toml").open("rb") as file:
        declared = tomllib.load(file)["project"].get("license")
    if declared is None:
        assert declared_licence() is None and facts["Licence"] == NO_LICENCE
    else:
        assert facts["Licence"] == declared_licence() != NO_LICENCE


def test_help_about_shows_version_pathway_database_and_licence(
    qtbot: QtBot, db: Database, clock: FakeClock
) -> None:
    ctx = DeskContext(db, clock=clock)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.ui.actionAbout in window.ui.menuHelp.actions()
    window.ui.actionAbout.trigger()
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert window.show_about() is dialog  # one About box, brought to the front
    text = dialog.text()
    assert app_version() in text and app_version() in dialog.ui.titleLabel.text()
    assert ctx.pathway.version in text
    assert str(db.url.database) in text
    assert (declared_licence() or NO_LICENCE) in text
    pixmap: QPixmap = dialog.ui.iconLabel.pixmap()
    assert not pixmap.isNull()
    dialog.close()
