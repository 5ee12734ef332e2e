"""Page furniture shared by the printed reports (the handover sheet, the service audit).

The parts of a report are HTML laid out on the printer or PDF writer itself
(`PageLayout`), so what is measured is what is drawn. Many parts share one document
(`shared_blocks`: each part a region of it, so a document's set-up, its style sheet and
its HTML are paid for once, not once per case); the header, the footer and the table
head are small documents of their own. `paginate` places the parts on pages, keeping each whole
unless it is taller than a page (then it is cut between lines of text); `paint_pages`
draws every page with its header, its footer ("Page N of M") and the rules between them;
`write_pdf` writes a PDF beside its target and renames it into place, so a failure never
leaves half a report where a printer would pick it up.

Every page's footer is `footer_html`: the report's protective marking, the build that
drew it and the page number, so a page found on its own in a ward office says what it
holds, how to dispose of it, which version of MSCC Desk printed it and where it belongs
in the set (styled by the report's sheet: `td.marking`, `td.build`, `td.page`).
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ..private_files import replaced_whole
from ..version import version_line

PDF_DPI = 1200  # as a high-resolution printer: the PDF breaks its pages where paper does
GAP_MM = 3.0
FONT_FAMILIES = ["DejaVu Sans Condensed", "Segoe UI", "Arial", "Liberation Sans", "Helvetica"]
BODY_PT = 9.0  # the least a tired reader should be given; headings are larger
SHADE = QColor(224, 224, 224)  # light enough to read through, on any printer
T = TypeVar("T")
MARKING = "OFFICIAL-SENSITIVE: contains personal information — dispose of as confidential waste"


def report_font() -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BODY_PT)
    # No "fi"/"fl" ligatures: the PDF's text must search and copy as typed
    # ("confidential", not "conﬁdential"), for people and for the tests alike.
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


@dataclass
class Block:
    """One HTML part laid out at the page width; `is_case` blocks repeat the table head.

    A part of a shared document (`shared_blocks`) is the region `top` to `top + tall` of
    it; a part on its own (`tall` None) is the whole of its document.
    """

    doc: QTextDocument
    is_case: bool = False
    shaded: bool = False
    continued: str = ""  # HTML above the rest of a case that runs onto the next page
    top: float = 0.0
    tall: float | None = None

    @property
    def height(self) -> float:
        return float(self.doc.size().height()) if self.tall is None else self.tall


@dataclass
class Placed:
    block: Block
    y: float  # where on the page its top goes
    src_top: float = 0.0  # which part of the block (for one taller than a page)
    src_height: float = -1.0
    rules: bool = False


@dataclass
class Page:
    placed: list[Placed] = field(default_factory=list)


class PageLayout:
    """Lays documents out on the target device, so what is measured is what is drawn."""

    def __init__(self, device: QPagedPaintDevice, width: float, css: str) -> None:
        self.device = device
        self.width = width
        self.dpi = float(device.logicalDpiY())
        self.css = css
        self.font = report_font()

    def mm(self, value: float) -> float:
        return value / 25.4 * self.dpi

    def document(self, body: str) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(self.font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(self.css)
        doc.setHtml(f"<html><body>{body}</body></html>")
        doc.setTextWidth(self.width)
        return doc


# Each part of a shared document is wrapped in a frame of its own (what Qt's own HTML
# writes for a QTextFrame: a one-cell table of type "frame", laid out as plain text
# flow, not as a table), so it is exactly one child frame of the root frame and its
# extent is that frame's rectangle.
PART_OPEN = (
    '<table width="100%" cellspacing="0" cellpadding="0" style="-qt-table-type: frame;"><tr><td>'
)
PART_CLOSE = "</td></tr></table>"


def shared_blocks(parts: Sequence[str], make: Callable[[str], QTextDocument]) -> list[Block]:
    """Lay the HTML `parts` out one after another in one document made by `make` (e.g.
    `PageLayout.document`) and return a block per part, each the region of its frame.

    The empty blocks Qt puts between frames lie outside every region and are never drawn.
    Should the document not come out as one frame per part with nothing between them (a
    part whose HTML closed the table around it: its text would be in no region, so on no
    page), each part is laid out on its own instead: slower, never a word lost.
    """
    if not parts:
        return []
    doc = make("".join(f"{PART_OPEN}{part}{PART_CLOSE}" for part in parts))
    frames = doc.rootFrame().childFrames()
    stray = any(not item.currentFrame() and item.currentBlock().text() for item in doc.rootFrame())
    if len(frames) != len(parts) or stray:
        return [Block(make(part)) for part in parts]
    layout = doc.documentLayout()
    rects = [layout.frameBoundingRect(frame) for frame in frames]
    return [Block(doc, top=rect.top(), tall=rect.height()) for rect in rects]


def line_spans(doc: QTextDocument) -> list[tuple[float, float]]:
    """Top and bottom of every laid-out line, in document coordinates (cells included)."""
    spans: list[tuple[float, float]] = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text_layout = block.layout()
        for i in range(text_layout.lineCount()):
            line = text_layout.lineAt(i)
            top = rect.top() + line.y()
            spans.append((top, top + line.height()))
        block = block.next()
    return spans


def region_spans(block: Block, doc_spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The lines inside `block`'s region of its document (`doc_spans`, from `line_spans`),
    measured from the block's top: a cut is made between these, never by the neighbours'."""
    top, bottom = block.top - 0.5, block.top + block.height + 0.5
    return [(t - block.top, b - block.top) for t, b in doc_spans if t >= top and b <= bottom]


def _cut(spans: list[tuple[float, float]], start: float, room: float) -> float:
    """The lowest point at most `room` below `start` that cuts through no line of text."""
    limit = start + room
    best = start
    for _, bottom in spans:
        if best < bottom <= limit and not any(t < bottom < b for t, b in spans):
            best = bottom
    return best if best > start else limit


def paginate(
    blocks: list[Block],
    head: Block,
    body_top: float,
    body_bottom: float,
    make: Callable[[str], QTextDocument],
) -> list[Page]:
    pages = [Page()]
    y = body_top
    head_here = False
    doc_spans: dict[int, list[tuple[float, float]]] = {}  # a shared document's, read once
    body_height = body_bottom - body_top

    def new_page() -> None:
        nonlocal y, head_here
        pages.append(Page())
        y = body_top
        head_here = False

    def put_head() -> None:
        nonlocal y, head_here
        pages[-1].placed.append(Placed(head, y, rules=False))
        y += head.height
        head_here = True

    for block in blocks:
        extra = head.height if block.is_case and not head_here else 0.0
        if y + extra + block.height <= body_bottom:
            pass
        elif block.height + (head.height if block.is_case else 0.0) <= body_height:
            new_page()
        elif body_bottom - y < body_height / 4:
            new_page()  # too tall for any page: split it, but not from a page's last inches
        if block.is_case and not head_here:
            put_head()
        if y + block.height <= body_bottom:
            pages[-1].placed.append(Placed(block, y, rules=block.is_case))
            y += block.height
            continue
        if id(block.doc) not in doc_spans:
            doc_spans[id(block.doc)] = line_spans(block.doc)
        spans = region_spans(block, doc_spans[id(block.doc)])
        offset = 0.0
        while offset < block.height - 0.5:
            cut = _cut(spans, offset, body_bottom - y)
            pages[-1].placed.append(Placed(block, y, offset, cut - offset, rules=block.is_case))
            y += cut - offset
            offset = cut
            if offset < block.height - 0.5:
                new_page()
                if block.is_case:
                    put_head()
                if block.continued:  # whose note is this? say so at the top of the page
                    label = Block(make(block.continued))
                    pages[-1].placed.append(Placed(label, y))
                    y += label.height
    return pages


def draw_block(painter: QPainter, placed: Placed, width: float, pen: QPen, lay: PageLayout) -> None:
    block = placed.block
    src_h = block.height - placed.src_top if placed.src_height < 0 else placed.src_height
    target = QRectF(0, placed.y, width, src_h)
    if block.shaded:
        painter.fillRect(target, SHADE)
        painter.fillRect(QRectF(0, placed.y, lay.mm(1.2), src_h), QColor(0, 0, 0))
    painter.save()
    # Only this block's region (of a shared document, or of its own): drawContents clips
    # to the rectangle it is given, so the neighbours above and below are never drawn.
    src_top = block.top + placed.src_top
    painter.translate(0, placed.y - src_top)
    block.doc.drawContents(painter, QRectF(0, src_top, width, src_h))
    painter.restore()
    if placed.rules:
        painter.setPen(pen)
        painter.drawLine(QPointF(0, placed.y), QPointF(width, placed.y))
        painter.drawLine(QPointF(0, placed.y + src_h), QPointF(width, placed.y + src_h))


_app: QCoreApplication | None = None


def ensure_gui_application() -> QCoreApplication:
    """Text layout needs a QGuiApplication; a scheduled job has none, and may have no
    display either, so it gets an offscreen one and nothing is ever shown. It is a
    QApplication, so that a process which later opens a window (a test run, the desk
    printing before its first window) can still make widgets: Qt allows one application
    object per process, and widgets refuse a plain QGuiApplication."""
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("a report needs a QGuiApplication, not a QCoreApplication")
        return existing
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    _app = QApplication(["mscc-desk"])
    return _app


def body_span(
    lay: PageLayout, header: QTextDocument, footer_probe: QTextDocument, height: float
) -> tuple[float, float]:
    """Where the body of every page starts and ends, between the header and the footer."""
    top = header.size().height() + lay.mm(GAP_MM)
    bottom = height - footer_probe.size().height() - lay.mm(GAP_MM)
    return top, bottom


def paint_pages(
    device: QPagedPaintDevice,
    lay: PageLayout,
    header: QTextDocument,
    pages: list[Page],
    height: float,
    marking: str = MARKING,
) -> int:
    """Draw the pages: the header and a heavy rule, the placed parts, a heavy rule and the
    footer of page N of M (`footer_html` with the report's `marking`; every page's footer
    a region of one document). Returns the number of pages."""
    footers = shared_blocks(
        [footer_html(n, len(pages), marking) for n in range(1, len(pages) + 1)], lay.document
    )
    width = lay.width
    thin = QPen(QColor(0, 0, 0))
    thin.setWidthF(lay.mm(0.25))
    heavy = QPen(QColor(0, 0, 0))
    heavy.setWidthF(lay.mm(0.5))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start drawing on the printer or PDF file")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1 and not device.newPage():
                raise OSError("the printer or PDF file refused a new page")
            header.drawContents(painter)
            painter.setPen(heavy)
            rule_y = header.size().height() + lay.mm(GAP_MM) / 2
            painter.drawLine(QPointF(0, rule_y), QPointF(width, rule_y))
            for placed in page.placed:
                draw_block(painter, placed, width, thin, lay)
            foot = footers[number - 1]
            footer_top = height - foot.height
            painter.setPen(heavy)
            painter.drawLine(
                QPointF(0, footer_top - lay.mm(GAP_MM) / 2),
                QPointF(width, footer_top - lay.mm(GAP_MM) / 2),
            )
            draw_block(painter, Placed(foot, footer_top), width, thin, lay)
    finally:
        painter.end()
    return len(pages)


def footer_html(page: int, pages: int, marking: str = MARKING) -> str:
    """One footer row for page `page` of `pages`; lay it out at the page's width."""
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="marking">{html.escape(marking, quote=False)}</td>'
        f'<td class="build" align="center">{html.escape(version_line(), quote=False)}</td>'
        f'<td class="page" align="right">Page {page} of {pages}</td></tr></table>'
    )


def write_pdf(
    out: Path,
    layout: QPageLayout,
    title: str,
    paint: Callable[[QPdfWriter], T],
    before_replace: Callable[[T], None] | None = None,
) -> T:
    """Paint a PDF beside `out` and rename it into place; `before_replace(result)` (an
    audit record) runs before the rename: if it refuses, no file is left."""
    ensure_gui_application()
    with replaced_whole(out) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(layout)
        writer.setTitle(title)
        writer.setCreator(version_line())
        result = paint(writer)
        del writer  # flushes and closes the file
        if before_replace is not None:
            before_replace(result)
    return result
