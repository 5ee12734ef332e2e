"""Parts of a report laid out in one shared document, each a region of it
(`reports.pages.shared_blocks`): what is measured is what is drawn, a part taller than a
page is cut between its own lines, and a region draws (and is shaded over) only itself.

Read back as a person holding the paper would: the PDF's text, page by page.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from mscc_desk.reports.pages import (
    SHADE,
    Block,
    PageLayout,
    Placed,
    draw_block,
    line_spans,
    paginate,
    paint_pages,
    region_spans,
    shared_blocks,
    write_pdf,
)
from tests.reports.handover_helpers import pdf_pages

CSS = "body { font-size: 10pt; } td.cell { padding: 2px; vertical-align: top; }"
TALL = 120  # lines: more than two A5 pages of body


@pytest.fixture(autouse=True)
def _app(qapp: QGuiApplication) -> QGuiApplication:
    return qapp


def a5() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A5),
        QPageLayout.Orientation.Portrait,
        QMarginsF(10, 10, 10, 10),
        QPageLayout.Unit.Millimeter,
    )


def lines(word: str, count: int) -> str:
    return "<br>".join(f"{word} line {i:02d}" for i in range(count))


PARTS = [
    f"<p>{lines('Alpha', 3)}</p>",
    # a table, as a case is: its lines are in cells, nested inside the part's frame
    f'<table width="100%" cellspacing="0"><tr><td class="cell" width="70%">{lines("Bravo", TALL)}'
    '</td><td class="cell" width="30%">Bravo aside</td></tr></table>',
    f"<h2>Charlie</h2><p>{lines('Charlie', 3)}</p>",
]


def layout_on(writer: QPdfWriter) -> tuple[PageLayout, float]:
    rect = writer.pageLayout().paintRectPixels(round(float(writer.logicalDpiY())))
    return PageLayout(writer, float(rect.width()), CSS), float(rect.height())


def layout_in(tmp_path: Path) -> tuple[PageLayout, float]:
    """A layout on an A5 PDF writer that is never drawn on (it keeps the writer alive)."""
    writer = QPdfWriter(str(tmp_path / "unused.pdf"))
    writer.setResolution(1200)
    writer.setPageLayout(a5())
    lay, height = layout_on(writer)
    return lay, height


def render(out: Path, pick: list[int]) -> list[str]:
    """The parts `pick` (by index into PARTS, all laid out together) on A5 pages; each
    page's text."""

    def paint(writer: QPdfWriter) -> int:
        lay, height = layout_on(writer)
        blocks = shared_blocks(PARTS, lay.document)
        chosen = [blocks[i] for i in pick]
        pages = paginate(chosen, Block(lay.document("")), 0.0, height, lay.document)
        return paint_pages(writer, lay, lay.document(""), pages, height)

    write_pdf(out, a5(), "regions", paint)
    return pdf_pages(out)


def words_on(text: str, word: str) -> list[str]:
    return re.findall(rf"{word} line \d+", " ".join(text.split()))


def test_each_part_is_its_own_region_measured_as_drawn(tmp_path: Path) -> None:
    lay, _ = layout_in(tmp_path)
    blocks = shared_blocks(PARTS, lay.document)
    assert len(blocks) == len(PARTS)
    assert len({id(b.doc) for b in blocks}) == 1  # one document, three regions
    alone = [lay.document(part) for part in PARTS]
    for block, doc in zip(blocks, alone, strict=True):
        # the same height as the part laid out on its own, line for line
        assert block.height == pytest.approx(doc.size().height(), abs=0.5)
        assert len([s for s in region_spans(block, line_spans(block.doc)) if s[1] > s[0]]) == len(
            [s for s in line_spans(doc) if s[1] > s[0]]
        )
    for above, below in pairwise(blocks):
        assert above.top + above.height <= below.top + 0.5  # in order, never overlapping
    # every line of text in the document lies inside exactly one part's region (the
    # empty blocks between the parts' frames lie outside them all, and are never drawn)
    doc = blocks[0].doc
    text_block = doc.begin()
    while text_block.isValid():
        rect = doc.documentLayout().blockBoundingRect(text_block)
        for i in range(text_block.layout().lineCount()):
            line = text_block.layout().lineAt(i)
            top, bottom = rect.top() + line.y(), rect.top() + line.y() + line.height()
            owners = [b for b in blocks if b.top - 0.5 <= top and bottom <= b.top + b.height + 0.5]
            assert len(owners) == 1 if text_block.text() else len(owners) <= 1
        text_block = text_block.next()
    assert shared_blocks([], lay.document) == []


def test_a_part_taller_than_a_page_is_cut_between_its_own_lines(tmp_path: Path) -> None:
    texts = render(tmp_path / "tall.pdf", [0, 1, 2])
    assert len(texts) >= 3
    bravo = [words_on(t, "Bravo") for t in texts]
    assert sum(1 for page in bravo if page) >= 3  # it did run over pages
    seen: list[str] = []
    for page in bravo:  # Qt also writes out, clipped away, the two lines either side of a cut
        assert len([w for w in page if w in seen]) <= 2
        seen.extend(w for w in page if w not in seen)
    assert seen == [f"Bravo line {i:02d}" for i in range(TALL)]  # all of it, in order
    assert words_on(texts[0], "Alpha") == [f"Alpha line {i:02d}" for i in range(3)]
    assert all(not words_on(t, "Alpha") for t in texts[1:])
    last = next(i for i, t in enumerate(texts) if "Charlie" in t)
    assert words_on(texts[last], "Charlie") == [f"Charlie line {i:02d}" for i in range(3)]
    assert all("Charlie" not in t for t in texts[:last])  # kept whole, after Bravo's end


def test_the_cuts_fall_between_the_lines_of_the_tall_region(tmp_path: Path) -> None:
    lay, height = layout_in(tmp_path)
    blocks = shared_blocks(PARTS, lay.document)
    tall = blocks[1]
    pages = paginate(blocks, Block(lay.document("")), 0.0, height, lay.document)
    pieces = [p for page in pages for p in page.placed if p.block is tall]
    assert len(pieces) >= 3
    spans = region_spans(tall, line_spans(tall.doc))
    for above, below in pairwise(pieces):
        cut = above.src_top + above.src_height
        assert below.src_top == cut  # nothing skipped, nothing twice
        assert any(bottom == pytest.approx(cut) for _, bottom in spans)  # a line ends there
        assert not any(top < cut - 0.5 and cut + 0.5 < bottom for top, bottom in spans)
        assert above.y + above.src_height <= height  # and it fits its page
    assert pieces[-1].src_top + pieces[-1].src_height == pytest.approx(tall.height)


def test_the_cut_of_a_tall_region_reads_only_its_lines(tmp_path: Path) -> None:
    lay, _ = layout_in(tmp_path)
    blocks = shared_blocks(PARTS, lay.document)
    tall = blocks[1]
    spans = region_spans(tall, line_spans(tall.doc))
    alone = line_spans(lay.document(PARTS[1]))
    assert len(spans) == len(alone)  # its own lines, none of its neighbours'
    for mine, its in zip(spans, alone, strict=True):  # measured from its own top
        assert mine == pytest.approx(its, abs=0.5)
    assert all(0 <= top and bottom <= tall.height + 0.5 for top, bottom in spans)


def test_regions_of_a_shared_document_draw_only_their_own_text(tmp_path: Path) -> None:
    texts = render(tmp_path / "two.pdf", [0, 2])  # the tall part between them is left out
    assert len(texts) == 1
    assert "Bravo" not in texts[0]
    assert words_on(texts[0], "Alpha") == [f"Alpha line {i:02d}" for i in range(3)]
    assert words_on(texts[0], "Charlie") == [f"Charlie line {i:02d}" for i in range(3)]


def test_a_shaded_region_is_shaded_over_exactly_its_own_height(tmp_path: Path) -> None:
    lay, height = layout_in(tmp_path)
    first, _, last = shared_blocks(PARTS, lay.document)
    shaded = Block(last.doc, shaded=True, top=last.top, tall=last.tall)
    scale = 0.05  # 60 dpi
    image = QImage(round(lay.width * scale), round(height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    painter.scale(scale, scale)
    y = 2000.0
    draw_block(painter, Placed(first, 0.0), lay.width, QPen(), lay)
    draw_block(painter, Placed(shaded, y), lay.width, QPen(), lay)
    painter.end()
    column = image.width() - 2  # right of any text: only the shading is there
    grey = [r for r in range(image.height()) if image.pixelColor(column, r) == SHADE]
    assert grey, "the shaded part was not shaded"
    assert grey[0] == pytest.approx(y * scale, abs=1)
    assert grey[-1] + 1 == pytest.approx((y + shaded.height) * scale, abs=1)
    assert len(grey) == grey[-1] - grey[0] + 1  # one band, nothing of it elsewhere
    assert first.height * scale < grey[0]  # the part above is not shaded


def test_a_page_of_regions_is_the_page_of_separate_documents(tmp_path: Path) -> None:
    """The same parts laid out one document each, as before there were regions."""

    def paint(writer: QPdfWriter) -> int:
        lay, height = layout_on(writer)
        blocks = [Block(lay.document(part)) for part in PARTS]
        pages = paginate(blocks, Block(lay.document("")), 0.0, height, lay.document)
        return paint_pages(writer, lay, lay.document(""), pages, height)

    write_pdf(tmp_path / "alone.pdf", a5(), "alone", paint)
    assert pdf_pages(tmp_path / "alone.pdf") == render(tmp_path / "shared.pdf", [0, 1, 2])


def test_a_part_that_breaks_out_of_its_frame_is_laid_out_on_its_own(tmp_path: Path) -> None:
    lay, _ = layout_in(tmp_path)
    parts = [PARTS[0], "<p>Delta</p></td></tr></table><p>Echo</p>", PARTS[2]]
    blocks = shared_blocks(parts, lay.document)
    assert len(blocks) == len(parts)
    assert len({id(b.doc) for b in blocks}) == len(parts)  # one document each, as before
    assert all(b.tall is None and b.top == 0 for b in blocks)
    assert "Delta" in blocks[1].doc.toPlainText() and "Echo" in blocks[1].doc.toPlainText()
