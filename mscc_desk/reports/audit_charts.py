"""The service audit's two charts, built once with QtCharts for the window and the report.

- the run chart: `mri_within_24h` month by month, with its median as a line (a run chart
  shows whether a change is a shift or noise; the median is its centre line);
- the measures by IMD quintile: one group of bars per quintile (1 = most deprived), a bar
  per measure, so a gap between the most and least deprived shows at a glance.

The window shows the charts in a QChartView; the report renders the same QChart to an
image (`chart_image`), offscreen. With `exact=False` (anything that leaves the service) a
percentage whose counts are small numbers is not drawn, and the axis says so.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from ..domain.service_audit import QUINTILES, RUN_CHART_MEASURE, ServiceAudit
from ..domain.small_numbers import fraction, percent_of

# Distinguishable in grey as well as in colour (a report is often printed grey).
BAR_COLOURS = ("#1f3b73", "#4f81bd", "#9bbb59", "#c0504d", "#8064a2")
QUINTILE_WORDS = {
    "1": "1 (most)",
    "2": "2",
    "3": "3",
    "4": "4",
    "5": "5 (least)",
    "unknown": "no decile",
}


def _percent(numerator: int, denominator: int, exact: bool, below: int) -> float | None:
    return (
        percent_of(numerator, denominator)
        if exact
        else fraction(numerator, denominator, below).percent
    )


def _percent_axis(title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%d%%")
    axis.setTitleText(title)
    return axis


def _categories(labels: list[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(labels)
    axis.setTruncateLabels(False)  # "5 (least)", never "5 (le…"
    axis.setLabelsFont(_small_font())
    return axis


def _small_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8)
    return font


def _base(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSizeF(10)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMarginsF(4, 4, 4, 4).toMargins())
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def run_chart(audit: ServiceAudit, *, exact: bool) -> QChart:
    """`mri_within_24h` by month of opening, and the median of the months as a line."""
    below = audit.definitions.small_number_below
    label = audit.definitions.measure(RUN_CHART_MEASURE).label
    chart = _base(f"Run chart: {label}")
    points = audit.run_chart
    # Short enough for a narrow chart: the year where it changes, the span in the title.
    months = [f"{p.month:%b %y}" if p.month.month == 1 else f"{p.month:%b}" for p in points]
    span = f"{points[0].month:%b %Y} to {points[-1].month:%b %Y}" if points else ""
    series = QLineSeries()
    series.setName("% of suspected MSCC with MRI within 24 h")
    marks = QScatterSeries()
    marks.setMarkerSize(7)
    marks.setName("month")
    hidden = 0
    for i, p in enumerate(points):
        # A month's percentage without its counts names nobody once it rests on 5 cases
        # or more: the report does not give the months' counts (small_numbers).
        value = percent_of(p.numerator, p.denominator) if exact or p.denominator >= below else None
        if value is None:
            hidden += p.denominator > 0
            continue
        series.append(QPointF(i, value))
        marks.append(QPointF(i, value))
    pen = QPen(QColor(BAR_COLOURS[0]))
    pen.setWidthF(2)
    series.setPen(pen)
    marks.setColor(QColor(BAR_COLOURS[0]))
    chart.addSeries(series)
    chart.addSeries(marks)
    median = audit.run_chart_median
    median_line = QLineSeries()
    median_line.setName(
        "median of the months" if median is None else f"median {median:.1f}% (centre line)"
    )
    if median is not None and points:
        median_line.append(QPointF(0, median))
        median_line.append(QPointF(len(points) - 1, median))
    dashed = QPen(QColor("#444444"))
    dashed.setStyle(Qt.PenStyle.DashLine)
    dashed.setWidthF(1.5)
    median_line.setPen(dashed)
    chart.addSeries(median_line)
    # A category axis of its own, half a month wider than the points on each side, so
    # the first and last months keep their labels (a bar-category axis drops them).
    x = QCategoryAxis()
    x.setRange(-0.5, len(months) - 0.5)
    x.setStartValue(-0.5)
    for i, month in enumerate(months):
        x.append(month, i + 0.5)
    x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
    x.setLabelsFont(_small_font())
    x.setTruncateLabels(False)
    x.setTitleText(
        f"month the case was opened, {span}"
        + (f" (months of fewer than {below} cases not drawn)" if hidden and not exact else "")
    )
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    y = _percent_axis("met")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for s in (series, marks, median_line):
        s.attachAxis(x)
        s.attachAxis(y)
    x.setRange(-0.5, len(months) - 0.5)  # attaching fits the axis to the points again
    chart.legend().markers(marks)[0].setVisible(False)
    return chart


def quintile_chart(audit: ServiceAudit, *, exact: bool) -> QChart:
    """Each measure's percentage in each IMD quintile, and for cases without a decile."""
    below = audit.definitions.small_number_below
    chart = _base("Measures by deprivation (IMD quintile)")
    series = QBarSeries()
    hidden = False
    for colour, m in zip(BAR_COLOURS, audit.overall.measures, strict=False):
        bars = QBarSet(short_name(m.key))
        bars.setColor(QColor(colour))
        for q in QUINTILES:
            f = audit.by_imd_quintile[q].measure(m.key)
            value = _percent(f.numerator, f.denominator, exact, below)
            hidden |= value is None and f.denominator > 0
            bars.append(value or 0.0)
        series.append(bars)
    chart.addSeries(series)
    x = _categories([QUINTILE_WORDS[q] for q in QUINTILES])
    x.setTitleText(
        "IMD quintile"
        + (
            f" (not drawn: fewer than {below} cases, or fewer than {below} not met)"
            if hidden and not exact
            else ""
        )
    )
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    y = _percent_axis("met")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)
    return chart


SHORT_NAMES = {
    "mri_within_24h": "MRI ≤ 24 h",
    "mri_and_plan_within_7d": "MRI + plan ≤ 7 d",
    "coordinator_assessed": "Coordinator assessed",
    "radiotherapy_within_24h_of_decision": "RT ≤ 24 h of decision",
}


def short_name(key: str) -> str:
    """A measure's name where there is room for a few words (a legend, a column)."""
    return SHORT_NAMES.get(key, key)


def chart_image(chart: QChart, width: int, height: int, scale: float = 3.0) -> QImage:
    """The chart drawn offscreen at `width` x `height` (logical pixels), `scale` times as
    many device pixels, for a report page."""
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, width, height))
    chart.resize(QSizeF(width, height))
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(1.0)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), QRectF(0, 0, width, height))
    painter.end()
    scene.removeItem(chart)
    return image
