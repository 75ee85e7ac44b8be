"""Fixture files made by code: invented articles in every format, and hostile files."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

HEADLINE = "Harbour Tariff Lifted as Veltra Courts Coastal Traders"
PARAGRAPHS = [
    "The Veltran harbour authority said on Monday that grain exports rose 14% in the first quarter "
    "after the tariff was lifted, the fastest rise in a decade.",
    "“We expect the port to handle three million tonnes this year,” said Ilsa Roavik, the trade minister. "
    "Critics in the opposition called the forecast optimistic.",
    "Fishing cooperatives in Osterlund, which compete for the same berths, asked for a review of port fees.",
]


def article_text(byline: str = "By Mara Quell", dateline: str = "The Coastal Ledger — 14 March 2026") -> str:
    return "\n\n".join([HEADLINE, byline, dateline, *PARAGRAPHS]) + "\n"


def simple_pdf(lines: list[str]) -> bytes:
    """A minimal valid PDF with one page of text in Helvetica."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({esc(x)}) Tj T*" for x in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp_path = tmp_path_factory.mktemp("ingest")
    import docx
    from pypdf import PdfReader, PdfWriter

    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        (tmp_path / name).write_bytes(data)
        made[name] = tmp_path / name

    put("plain.txt", article_text().encode("utf-8"))
    put("utf16.txt", article_text().encode("utf-16"))
    cyr = "Порт Вельтры открыт\n\nBy Mara Quell\n\n" + (
        "Министр торговли Ильза Роавик заявила, что экспорт зерна вырос на 14% после отмены пошлины. "
        "Рыбацкие кооперативы попросили пересмотреть портовые сборы и тарифы на хранение грузов.\n\n") * 3
    put("cp1251.txt", cyr.encode("cp1251"))
    put("latin1.txt", article_text().replace("Ilsa", "Ilsé").replace("—", "-").replace("“", '"')
        .replace("”", '"').encode("latin-1"))
    page = ("<!doctype html><html><head><title>" + HEADLINE + " | Coastal Ledger</title>"
            "<meta name='author' content='Mara Quell'><meta property='article:published_time' content='2026-03-14'>"
            "<meta property='og:site_name' content='Coastal Ledger'><script>alert('x')</script></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
            "<div class='ad'>Advertisement: buy boats now</div><article><h1>" + HEADLINE + "</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "</article><footer>Subscribe to our newsletter. © 2026 Coastal Ledger</footer></body></html>")
    put("page.html", page.encode("utf-8"))
    put("page_named.txt", page.encode("utf-8"))
    d = docx.Document()
    d.core_properties.author = "Mara Quell"
    d.add_heading(HEADLINE, level=0)
    for p in PARAGRAPHS:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    put("story.docx", buf.getvalue())
    pdf = simple_pdf([HEADLINE, "", "By Mara Quell", "",
                      *[p.encode("latin-1", "replace").decode("latin-1") for p in PARAGRAPHS]])
    put("story.pdf", pdf)
    put("truncated.pdf", pdf[: len(pdf) // 2])
    writer = PdfWriter()
    for pg in PdfReader(io.BytesIO(pdf)).pages:
        writer.add_page(pg)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    put("encrypted.pdf", buf.getvalue())
    put("empty.txt", b"")
    put("binary.txt", bytes(range(256)) * 40)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * 30_000_000 + b"</w:document>")
    put("bomb.docx", bomb.getvalue())
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                        for i in range(1, 10))
              + "]><html><body><p>&lol9;</p></body></html>")
    put("laughs.html", laughs.encode())
    put("fake.pdf", b"this is not a pdf at all, just text pretending")
    return made
