"""Draw the desk's icon: `mscc_desk/resources/icons/mscc-desk.png` (the window's, 256 px)
and `mscc-desk.ico` (the Windows executables', 16 to 256 px, each size drawn, not scaled).

A column of vertebrae beside a clock, white on NHS blue: the spine and the deadline.
Run it again only to change the drawing: `.venv/bin/python packaging/make_icon.py`.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "mscc_desk" / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE, WHITE = QColor("#005EB8"), QColor("#FFFFFF")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setBrush(WHITE)
    for i in range(4):  # the vertebrae, widening down the column
        width = 62 + 10 * i
        p.drawRoundedRect(QRectF(92 - width / 2, 32 + 48 * i, width, 36), 12, 12)
    centre, radius = QPointF(176, 172), 52.0
    p.setBrush(BLUE)  # a blue ring parts the clock from the spine
    p.drawEllipse(centre, radius + 10, radius + 10)
    p.setBrush(WHITE)
    p.drawEllipse(centre, radius, radius)
    pen = QPen(BLUE, 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(centre, QPointF(176, 136))
    p.drawLine(centre, QPointF(204, 172))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """An ICO file of PNG images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "mscc-desk.png").write_bytes(png_bytes(draw(256)))
    (ICONS / "mscc-desk.ico").write_bytes(ico_bytes([(s, png_bytes(draw(s))) for s in ICO_SIZES]))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
