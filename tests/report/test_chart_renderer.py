"""The report gets its chart pictures from the renderer its caller hands it, and imports no Qt itself."""
from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import docx

from desktop.charts.data import Chart
from desktop.report import export

ROOT = Path(__file__).resolve().parents[2]


def _one_pixel_png(path: Path) -> None:
    """A valid 1x1 white PNG written by hand: a renderer with no Qt at all."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_the_callers_renderer_draws_every_chart(report_library, tmp_path):
    drawn: list[str] = []

    def render(chart: Chart, out: Path) -> Path:
        drawn.append(chart.title)
        _one_pixel_png(out)
        return out

    document = docx.Document(str(export(report_library, tmp_path / "r.docx", charts=render)))
    figures = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure ")]
    assert figures == [f"Figure {n}. {title}" for n, title in enumerate(drawn, start=1)]
    assert drawn[:2] == ["Claims per tag", "Claims per verdict"]
    assert len(document.inline_shapes) == len(drawn)


def test_no_renderer_no_charts(report_library, tmp_path):
    document = docx.Document(str(export(report_library, tmp_path / "r.docx")))
    assert not [p for p in document.paragraphs if p.text.startswith("Figure ")]
    assert len(document.inline_shapes) == 0


def test_a_report_is_written_without_loading_qt(report_library, tmp_path):
    code = ("import sys; from desktop.services import Library; from desktop.report import export; "
            f"lib = Library.open({str(report_library.location)!r}); export(lib, __import__('pathlib').Path("
            f"{str(tmp_path / 'headless.docx')!r})); "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "headless.docx").exists()
