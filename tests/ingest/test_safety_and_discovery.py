"""Further hostile files, format hints and folder discovery by sniffing."""
from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.ingest import iter_article_files, read_article, read_bytes
from desktop.ingest.types import IngestError
from tests.ingest.conftest import HEADLINE, PARAGRAPHS, simple_pdf


def _docx(**props) -> bytes:
    import docx

    d = docx.Document()
    for key, value in props.items():
        setattr(d.core_properties, key, value)
    d.add_heading(HEADLINE, level=0)
    for p in PARAGRAPHS:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rewrite_zip(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info))
    return out.getvalue()


def test_docx_core_properties_are_hints():
    a = read_bytes(_docx(author="Mara Quell", comments="", created=dt.datetime(2026, 2, 9, 10, 0)), ".docx")
    assert a.author == "Mara Quell" and a.published == dt.date(2026, 2, 9)


def test_docx_template_placeholders_are_not_metadata():
    a = read_bytes(_docx(), ".docx")  # python-docx's own author and 2013 timestamp
    assert a.author is None and a.published is None


def test_docx_with_entity_declarations_is_refused():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(IngestError, match="entit"):
        read_bytes(_rewrite_zip(_docx(), "word/document.xml", laughs), ".docx")


def test_zip_with_thousands_of_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(6000):
            zf.writestr(f"x/{i}", "")
    with pytest.raises(IngestError, match="parts"):
        read_bytes(out.getvalue(), ".docx")


def test_pdf_named_txt_and_docx_named_txt_are_read_as_what_they_are():
    assert read_bytes(simple_pdf([HEADLINE, "", *PARAGRAPHS[:1]]), ".txt").format == "pdf"
    assert read_bytes(_docx(), ".txt").format == "docx"


def test_plain_zip_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(IngestError, match="zip"):
        read_bytes(out.getvalue(), ".docx")


def test_text_over_the_limit_is_refused(monkeypatch):
    import desktop.ingest.limits as limits

    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)
    with pytest.raises(IngestError, match="too long"):
        read_bytes(("A sentence of running text that goes on. " * 10).encode(), ".txt")


def test_discovery_sniffs_unknown_names(tmp_path: Path):
    (tmp_path / "report").write_bytes(simple_pdf(["x"]))
    (tmp_path / "page.download").write_bytes(b"<!doctype html><html><body><p>x</p></body></html>")
    (tmp_path / "word.bin").write_bytes(_docx())
    (tmp_path / "log").write_text("plain text is not guessed")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".secret.pdf").write_bytes(simple_pdf(["x"]))
    found = [p.name for p in iter_article_files([tmp_path])]
    assert found == ["page.download", "report", "word.bin"]
    assert list(iter_article_files([tmp_path / "log"])) == [tmp_path / "log"]  # named files are taken as given


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".docx", ".pdf", ""]))
def test_read_article_on_random_files_only_raises_ingest_error(data, suffix):
    fd, name = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            read_article(Path(name))
        except IngestError as exc:
            assert str(exc) and "\n" not in str(exc)
    finally:
        os.unlink(name)


@pytest.mark.parametrize("text, encoding", [
    ("Астана заявила о новых пошлинах на зерно", "cp1251"),
    ("Zoë's café on the quay", "latin-1"),
    ("Der Bürgermeister sagte, dass die Brücke geöffnet wird.", "cp1252"),
    ("Zażółć gęślą jaźń w Łodzi", "cp1250"),
    ("Порт Вельтры открыт 🚢 again", "utf-16"),
    ("Порт Вельтры открыт", "utf-8-sig"),
])
def test_short_texts_decode_in_their_encoding(text, encoding):
    from desktop.ingest.decode import decode_bytes

    assert decode_bytes(text.encode(encoding)) == text


def test_html_keeps_short_first_and_last_paragraphs():
    page = ("<html><head><title>Ferry Deal Reached</title></head><body><nav>Home | World</nav><article>"
            "<h1>Ferry Deal Reached</h1><p>OSTERLUND — Ferry crews are back.</p>"
            "<p>Ferry crews in northern Veltra returned to work on Tuesday after union leaders accepted a "
            "wage offer that raises pay by nine percent.</p><h2>What comes next</h2>"
            "<p>Talks on rotas resume in May, the union said in a statement to its members.</p>"
            "<p>Short end.</p></article><footer>Follow us on Telegram</footer></body></html>")
    a = read_bytes(page.encode(), ".html")
    paragraphs = a.body.split("\n\n")
    assert paragraphs[0] == "OSTERLUND — Ferry crews are back." and paragraphs[-1] == "Short end."
    assert "What comes next" in paragraphs and "Telegram" not in a.body and "Home" not in a.body


_MAGIC = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe", b"---\n"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(magic=_MAGIC, rest=st.binary(max_size=2000))
def test_every_reader_on_random_bytes_only_raises_ingest_error(magic, rest):
    from desktop.ingest.decode import decode_bytes
    from desktop.ingest.formats import read_docx, read_html, read_markdown, read_pdf

    for reader in (decode_bytes, read_markdown, read_html, read_docx, read_pdf):
        try:
            reader(magic + rest)
        except IngestError:
            pass
