"""Help -> About: which MSCC Desk this is, for a user reading it out to IT on the phone.

The version (pyproject's, as built), the pathway file in use, the database the desk is
writing to (a server's password never shown), where the logs are, the Qt and Python it
runs on, and the licence the package declares (or that it declares none).
"""

from __future__ import annotations

import platform
from html import escape

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.engine import URL

from ...domain.pathway import Pathway
from ...domain.resources import resource_path
from ...logs import default_log_dir
from ...version import app_version, declared_licence
from ..forms.ui_about_dialog import Ui_AboutDialog

NO_LICENCE = "none declared: the package metadata names no licence"
ICON_PX = 64


def database_in_use(url: URL) -> str:
    """A SQLite file's path, or a server's URL with any password masked."""
    if url.get_backend_name() == "sqlite":
        return str(url.database or "(memory)")
    return url.render_as_string(hide_password=True)


def about_facts(url: URL, pathway: Pathway) -> list[tuple[str, str]]:
    return [
        ("Version", app_version()),
        ("Pathway", f"{pathway.version}: {pathway.title.strip()}"),
        ("Database", database_in_use(url)),
        ("Logs", str(default_log_dir())),
        (
            "Runs on",
            f"Qt {qVersion()} (PySide6 {PySide6.__version__}), "
            f"Python {platform.python_version()}, {platform.system()}",
        ),
        ("Licence", declared_licence() or NO_LICENCE),
    ]


def about_html(facts: list[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
        for label, value in facts
    )
    return f"<table cellspacing='0' cellpadding='4'>{rows}</table>"


class AboutDialog(QDialog):
    """Not modal: it can stay open beside the desk while someone reads it out."""

    def __init__(self, url: URL, pathway: Pathway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ui.buttonBox.rejected.connect(self.close)
        icon = QPixmap(str(resource_path("icons", "mscc-desk.png")))
        self.ui.iconLabel.setPixmap(
            icon.scaled(
                ICON_PX,
                ICON_PX,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        title = self.ui.titleLabel.font()
        title.setPointSizeF(title.pointSizeF() * 1.6)
        title.setBold(True)
        self.ui.titleLabel.setFont(title)
        self.ui.titleLabel.setText(f"MSCC Desk {app_version()}")
        self.ui.aboutText.setHtml(about_html(about_facts(url, pathway)))
        self.ui.aboutText.setFocus()

    def text(self) -> str:
        return self.ui.aboutText.toPlainText()
