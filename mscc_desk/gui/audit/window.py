"""The Audit window: the service audit for the coordinator, the administrator and the
read-only manager (Desk menu, Ctrl+Shift+A).

A period (month, quarter, year, or custom dates), the measures with their numerator,
denominator and percent (exact: this window stays inside the service), the run chart of
MRI within 24 hours and the measures by IMD quintile (QtCharts, the same charts as the
report), and the report's tables of deprivation, intervals, outcomes, breaches and
incidents. Keyboard first: Enter on a measure lists its cases, Enter on a case opens it
in the desk's case view. The CSV export and the PDF report are the command line's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from ...domain.audit_period import KINDS, Period, period_of, shifted
from ...domain.clock import format_london, london
from ...domain.errors import InputError
from ...domain.service_audit import MeasureFigure, ServiceAudit
from ...domain.small_numbers import percent_text
from ...private_files import replaced_whole
from ...reports.audit_charts import QUINTILE_WORDS, quintile_chart, run_chart, short_name
from ...reports.service_audit_export import write_csv
from ...reports.service_audit_pdf import AuditReport, render_audit_pdf, sections_html
from ...store.handover import service_name
from ...store.service_audit import load_service_audit, record_export
from ..context import DeskContext
from ..forms.ui_audit_window import Ui_AuditWindow

PERIOD_WORDS = {"month": "Month", "quarter": "Quarter", "year": "Year", "custom": "Custom dates"}
RESULT_WORDS = {True: "met", False: "NOT MET"}
CASE_ID_ROLE = Qt.ItemDataRole.UserRole


class AuditWindow(QWidget):
    """`open_case(case_id)` is the desk's case opener (MainWindow.open_case)."""

    def __init__(
        self,
        ctx: DeskContext,
        open_case: Callable[[int], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AuditWindow()
        self.ui.setupUi(self)
        self.ctx = ctx
        self._open_case = open_case
        self.audit: ServiceAudit | None = None
        self._measure: MeasureFigure | None = None
        today = london(ctx.clock.now()).date()
        self.period = period_of("month", today)
        self._setup()
        self._show_period()
        self.reload()

    # --- set-up -----------------------------------------------------------------------

    def _setup(self) -> None:
        ui = self.ui
        title = ui.titleLabel.font()
        title.setPointSizeF(title.pointSizeF() * 1.3)
        title.setBold(True)
        ui.titleLabel.setFont(title)
        for kind in KINDS:
            ui.periodCombo.addItem(PERIOD_WORDS[kind], kind)
        ui.periodCombo.setAccessibleName("Period")
        ui.fromDate.setAccessibleName("From (first day)")
        ui.toDate.setAccessibleName("To (last day)")
        ui.measuresTable.setAccessibleName("Measures")
        ui.caseTable.setAccessibleName("Cases of the measure")
        ui.earlierButton.setAccessibleName("Earlier period")
        ui.laterButton.setAccessibleName("Later period")
        ui.csvButton.setAccessibleName("Export CSV")
        ui.pdfButton.setAccessibleName("Report (PDF)")
        ui.periodCombo.activated.connect(self._kind_chosen)
        ui.earlierButton.clicked.connect(lambda: self._step(-1))
        ui.laterButton.clicked.connect(lambda: self._step(1))
        ui.fromDate.editingFinished.connect(self._dates_typed)
        ui.toDate.editingFinished.connect(self._dates_typed)
        ui.csvButton.clicked.connect(self.export_csv)
        ui.pdfButton.clicked.connect(self.export_pdf)
        for table in (ui.measuresTable, ui.caseTable):
            table.verticalHeader().hide()
            table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere
        ui.measuresTable.activated.connect(lambda _=None: self.list_cases())
        ui.caseTable.activated.connect(lambda _=None: self.open_selected_case())
        # Enter acts on the row (activated fires on Enter only on some platforms).
        for table, slot in (
            (ui.measuresTable, self.list_cases),
            (ui.caseTable, self.open_selected_case),
        ):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), table)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
        # Closed like the case and shift windows; the desk's keyboard goes back to the board.
        for keys in ("Esc", "Ctrl+W"):
            closer = QShortcut(QKeySequence(keys), self)
            closer.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            closer.activated.connect(self.close)
        self.run_view = QChartView()
        self.quintile_view = QChartView()
        for view, layout, name in (
            (self.run_view, ui.runLayout, "Run chart of MRI within 24 hours"),
            (self.quintile_view, ui.quintileLayout, "Measures by IMD quintile"),
        ):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setAccessibleName(name)
            view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(view)
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.setSizes([700, 600])  # the measures and their quintiles first
        ui.figuresBrowser.setOpenLinks(False)
        self.setTabOrder(ui.periodCombo, ui.earlierButton)
        self.setTabOrder(ui.toDate, ui.measuresTable)
        self.setTabOrder(ui.measuresTable, ui.caseTable)
        self.setTabOrder(ui.caseTable, ui.tabs)
        self.setTabOrder(ui.tabs, ui.csvButton)

    # --- the period ---------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.ui.periodCombo.currentData())

    def _kind_chosen(self, *_args: object) -> None:
        if self.kind != "custom":
            self.period = period_of(self.kind, self.period.end)
            self.reload()
        self._show_period()

    def _step(self, steps: int) -> None:
        kind = self.kind if self.kind != "custom" else "month"
        self.period = shifted(period_of(kind, self.period.start), kind, steps)
        self._show_period()
        self.reload()

    def _dates_typed(self) -> None:
        first = _to_date(self.ui.fromDate.date())
        last = _to_date(self.ui.toDate.date())
        if (first, last) == (self.period.start, self.period.end):
            return
        if first > last:
            self.ui.summaryLabel.setText(
                "<b>From</b> is after <b>To</b>: nothing is shown until the dates are in order."
            )
            return
        self.ui.periodCombo.setCurrentIndex(self.ui.periodCombo.findData("custom"))
        self.period = Period(first, last)
        self._show_period()
        self.reload()

    def _show_period(self) -> None:
        ui = self.ui
        custom = self.kind == "custom"
        ui.earlierButton.setEnabled(not custom)
        ui.laterButton.setEnabled(not custom)
        for edit, day in ((ui.fromDate, self.period.start), (ui.toDate, self.period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def set_period(self, period: Period, kind: str = "custom") -> None:
        self.ui.periodCombo.setCurrentIndex(self.ui.periodCombo.findData(kind))
        self.period = period
        self._show_period()
        self.reload()

    # --- the figures --------------------------------------------------------------------

    def reload(self) -> None:
        audit = load_service_audit(self.ctx.db, self.period, now=self.ctx.clock.now())
        self.audit = audit
        self.setWindowTitle(f"Service audit, {audit.period.label} — MSCC Desk")
        o = audit.overall
        lookup = audit.imd_lookup or "no postcode lookup loaded (deciles as typed)"
        self.ui.summaryLabel.setText(
            f"<b>{audit.period.label}</b>: {o.cases} cases opened; "
            f"<b>{audit.without_decile}</b> without an IMD decile; {len(o.breaches)} breaches "
            f"({o.breaches_without_reason} without a reason); deprivation from {lookup}. "
            f"Exact figures (inside the service); as at {format_london(audit.as_of)}."
        )
        self._fill_measures(audit)
        self.run_view.setChart(run_chart(audit, exact=True))
        self.quintile_view.setChart(quintile_chart(audit, exact=True))
        self.ui.figuresBrowser.setHtml(
            "<p><i>As in the report for the MSCC lead: counts of 1-4 shown as &lt;5.</i></p>"
            + "".join(sections_html(AuditReport("", "", audit.as_of, audit))[3:])
        )
        self.list_cases(focus=False)

    def _fill_measures(self, audit: ServiceAudit) -> None:
        """A row per measure: met, cases, percent, and the percent in each IMD quintile;
        the full wording and the reference are the row's tooltip (and in the figures)."""
        table = self.ui.measuresTable
        quintiles = [f"Q{q}" if q.isdigit() else "none" for q in audit.by_imd_quintile]
        heads = ("Measure", "Met", "Cases", "%", *quintiles)
        table.clear()
        table.setColumnCount(len(heads))
        table.setHorizontalHeaderLabels(list(heads))
        table.setRowCount(len(audit.overall.measures))
        for row, m in enumerate(audit.overall.measures):
            cells = [
                short_name(m.key),
                str(m.numerator),
                str(m.denominator),
                percent_text(m.percent),
                *(percent_text(f.measure(m.key).percent) for f in audit.by_imd_quintile.values()),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{m.label} ({m.ref})")
                if col >= 1:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, col, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        if table.rowCount() and table.currentRow() < 0:
            table.selectRow(0)

    def selected_measure(self) -> MeasureFigure | None:
        if self.audit is None:
            return None
        row = self.ui.measuresTable.currentRow()
        measures = self.audit.overall.measures
        return measures[row] if 0 <= row < len(measures) else None

    def list_cases(self, focus: bool = True) -> None:
        """The cases the selected measure counts: those not met first, then those met."""
        m = self.selected_measure()
        audit = self.audit
        table = self.ui.caseTable
        table.clear()
        heads = ("Case", "Opened", "Category", "IMD quintile", "Result")
        table.setColumnCount(len(heads))
        table.setHorizontalHeaderLabels(list(heads))
        if m is None or audit is None:
            table.setRowCount(0)
            return
        self.ui.casesCaption.setText(f"C&ases: {m.label} ({m.numerator} of {m.denominator} met)")
        met = set(m.met)
        ids = [*m.not_met, *m.met]
        table.setRowCount(len(ids))
        for row, case_id in enumerate(ids):
            case = audit.case(case_id)
            cells = (
                str(case_id),
                format_london(case.opened_at, with_zone=False),
                case.category.replace("_", " "),
                QUINTILE_WORDS[audit.quintile(case)],
                RESULT_WORDS[case_id in met],
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CASE_ID_ROLE, case_id)
                table.setItem(row, col, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        if ids:
            table.selectRow(0)
        if focus:
            table.setFocus()

    def selected_case_id(self) -> int | None:
        item = self.ui.caseTable.currentItem()
        return None if item is None else int(item.data(CASE_ID_ROLE))

    def open_selected_case(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self._open_case(case_id)

    # --- exports ------------------------------------------------------------------------

    def export_csv(self, target: str | None = None) -> Path | None:
        audit = self.audit
        if audit is None:
            return None
        name = (
            target
            or QFileDialog.getSaveFileName(
                self,
                "Export the service audit (CSV)",
                f"mscc-audit-{audit.period.start}.csv",
                "CSV (*.csv)",
            )[0]
        )
        if not name:
            return None
        path = Path(name)
        try:
            with replaced_whole(path) as tmp:
                with tmp.open("w", encoding="utf-8", newline="") as stream:
                    write_csv(audit, stream)
                self._record("csv", path)
        except (InputError, OSError) as exc:
            self._refused(exc)
            return None
        return path

    def export_pdf(self, target: str | None = None) -> Path | None:
        audit = self.audit
        if audit is None:
            return None
        name = (
            target
            or QFileDialog.getSaveFileName(
                self,
                "The service audit report (PDF)",
                f"mscc-audit-{audit.period.start}.pdf",
                "PDF (*.pdf)",
            )[0]
        )
        if not name:
            return None
        path = Path(name)
        report = AuditReport(
            service_name(self.ctx.db),
            self.ctx.user_display or self.ctx.user,
            self.ctx.clock.now(),
            audit,
        )
        try:
            render_audit_pdf(report, path, lambda _pages: self._record("pdf", path))
        except (InputError, OSError) as exc:
            self._refused(exc)
            return None
        return path

    def _record(self, kind: str, path: Path) -> None:
        assert self.audit is not None
        record_export(
            self.ctx.db,
            self.ctx.user,
            self.ctx.clock.now(),
            kind=kind,
            period=self.audit.period,
            cases=len(self.audit.cases),
            target=str(path.resolve()),
        )

    def _refused(self, exc: Exception) -> None:
        text = f"{exc.field}: {exc.problem}" if isinstance(exc, InputError) else str(exc)
        QMessageBox.warning(self, "Service audit", f"Nothing was written. {text}")


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
