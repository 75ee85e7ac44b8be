"""The import pipeline around the readers: folders, progress, cancel, duplicates, failures, safety."""
from __future__ import annotations

import io
import socket
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.ingest import read_article, read_bytes
from desktop.ingest.types import IngestError
from desktop.services.library import Library
from desktop.services.progress import CancelToken
from tests.ingest.conftest import HEADLINE, PARAGRAPHS, article_text, simple_pdf

HTML_COPY = ("<!doctype html><html><head><title>" + HEADLINE + " | Coastal Ledger</title></head><body>"
             "<nav><a href='/'>Home</a></nav><article><h1>" + HEADLINE + "</h1>"
             + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")


def _other(n: int) -> str:
    return article_text().replace("grain", f"timber{n}").replace("Osterlund", f"Harbour{n}")


def _pdf_lines(text: str) -> list[str]:
    """The text's paragraphs in the PDF's Latin-1 font (curly quotes become '?')."""
    return [p.encode("latin-1", "replace").decode("latin-1") for p in text.split("\n\n")]


@pytest.fixture
def lib(tmp_path: Path):
    library = Library.open(tmp_path / "lib.sqlite", annotator="test", seed_codebook=False)
    yield library
    library.close()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Good articles at three depths, the same article as .txt and .html, and broken files among them."""
    root = tmp_path / "saved"
    (root / "a" / "b").mkdir(parents=True)
    (root / "story.txt").write_text(article_text(), encoding="utf-8")
    (root / "a" / "story.html").write_text(HTML_COPY, encoding="utf-8")  # the same article again
    (root / "a" / "one.txt").write_text(_other(1), encoding="utf-8")
    (root / "a" / "b" / "two.md").write_text(_other(2), encoding="utf-8")
    (root / "a" / "b" / "three.pdf").write_bytes(simple_pdf(_pdf_lines(_other(3))))
    (root / "a" / "empty.txt").write_bytes(b"")
    (root / "a" / "b" / "broken.pdf").write_bytes(simple_pdf(["x"])[:60])
    (root / "a" / "noise.txt").write_bytes(bytes(range(256)) * 8)
    return root


def test_folder_import_is_recursive_and_one_broken_file_stops_nothing(lib, tree):
    seen = []
    report = lib.importer.import_paths([tree], analyse=False, progress=lambda d, t, w: seen.append((d, t, w)))
    added = sorted(Path(p).name for p, _ in report.added)
    assert added == ["one.txt", "story.html", "three.pdf", "two.md"] or added == ["one.txt", "story.txt",
                                                                                   "three.pdf", "two.md"]
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert set(failed) == {"empty.txt", "broken.pdf", "noise.txt"}
    assert "empty" in failed["empty.txt"] and "binary" in failed["noise.txt"] and "PDF" in failed["broken.pdf"]
    assert all("\n" not in r and "Traceback" not in r for r in failed.values())
    # the same article from another format is reported, not stored twice
    assert [Path(p).suffix for p, _ in report.duplicates] in ([".txt"], [".html"])
    assert lib.articles.count() == 4
    # progress: every file counted against the same total, ending at the total
    totals = {t for _d, t, _w in seen}
    assert totals == {8} and seen[-1][0] == 8 and [d for d, _t, w in seen if w] == list(range(8))


def test_reimport_reports_duplicates_and_stores_nothing(lib, tree):
    lib.importer.import_paths([tree], analyse=False)
    again = lib.importer.import_paths([tree], analyse=False)
    assert again.added == [] and len(again.duplicates) == 5 and lib.articles.count() == 4
    assert "0 imported, 5 already in the library, 3 failed" == again.summary()


def test_cancel_stops_the_import_and_says_so(lib, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10):
        (folder / f"{i:02d}.txt").write_text(_other(i), encoding="utf-8")
    token = CancelToken()

    def progress(done: int, _total: int, _what: str) -> None:
        if done == 3:
            token.cancel()

    report = lib.importer.import_paths([folder], analyse=True, progress=progress, cancel=token)
    assert report.cancelled and "cancelled" in report.summary()
    assert len(report.added) == 3 and report.analysed == 0  # no analysis after a cancel


def test_a_reader_crash_is_one_line_and_the_rest_import(lib, tmp_path, monkeypatch):
    import desktop.ingest as ingest

    (tmp_path / "ok.txt").write_text(_other(1), encoding="utf-8")
    (tmp_path / "bad.txt").write_text(_other(2), encoding="utf-8")
    real = ingest.read_article

    def flaky(path):
        if Path(path).name == "bad.txt":
            raise ValueError("a bug\nwith a second line")
        return real(path)

    monkeypatch.setattr(ingest, "read_article", flaky)
    report = lib.importer.import_paths([tmp_path], analyse=False)
    assert [Path(p).name for p, _ in report.added] == ["ok.txt"]
    assert report.failed == [(str(tmp_path / "bad.txt"), "could not be read (ValueError: a bug)")]


def test_cli_import_exits_1_on_any_failure_with_one_line_each(capsys, tree, tmp_path):
    db = str(tmp_path / "cli.sqlite")
    code = main(["import", str(tree), "--db", db, "--no-analysis"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.strip().splitlines()[-1] == "4 imported, 1 already in the library, 3 failed"
    assert sum(1 for line in out.splitlines() if line.startswith("failed")) == 3
    assert "Traceback" not in out


def test_cli_import_of_only_duplicates_is_not_a_failure(capsys, tree, tmp_path):
    db = str(tmp_path / "cli.sqlite")
    main(["import", str(tree / "story.txt"), "--db", db, "--no-analysis"])
    capsys.readouterr()
    assert main(["import", str(tree / "a" / "story.html"), "--db", db, "--no-analysis"]) == 0
    assert "1 already in the library" in capsys.readouterr().out


def test_found_and_user_metadata_are_kept_apart(lib, tree):
    report = lib.importer.import_paths([tree / "story.txt"], analyse=False)
    article_id = report.added[0][1]
    lib.articles.set_metadata(article_id, "title", "My own title")
    lib.articles.set_metadata(article_id, "author", "Someone Else")
    detail = lib.articles.get(article_id)
    assert detail.title == "My own title" and detail.author == "Someone Else"
    assert detail.found["title"] == HEADLINE and detail.found["author"] == "Mara Quell"
    lib.articles.set_metadata(article_id, "title", None)  # clearing a correction shows the found title again
    assert lib.articles.get(article_id).title == HEADLINE


def _docx_bytes() -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    d = docx.Document()
    d.add_heading(HEADLINE, level=0)
    for p in PARAGRAPHS:
        d.add_paragraph(p)
    d.part.relate_to("http://tracker.invalid/pixel.png", RT.IMAGE, is_external=True)  # a remote image link
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pdf_with_script() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript
    from pypdf.annotations import Link

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(simple_pdf(_pdf_lines(article_text())))).pages:
        writer.add_page(page)
    writer.add_open_action(JavaScript("app.launchURL('http://tracker.invalid/', true);"))
    writer.add_annotation(0, Link(rect=(50, 50, 200, 80), url="http://tracker.invalid/"))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_no_reader_touches_the_network_or_runs_a_script(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a reader tried to reach the network")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = ("<html><head><script src='http://tracker.invalid/a.js'></script>"
            "<script>document.write('INJECTED'); fetch('http://tracker.invalid/')</script>"
            "<link rel='stylesheet' href='http://tracker.invalid/s.css'><base href='http://tracker.invalid/'>"
            "<meta http-equiv='refresh' content='0; url=http://tracker.invalid/'></head><body><article>"
            "<h1>" + HEADLINE + "</h1><img src='http://tracker.invalid/p.gif'>"
            "<iframe src='http://tracker.invalid/f'></iframe>"
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
    html = read_bytes(page.encode(), ".html")
    assert "INJECTED" not in html.body and "tracker" not in html.body and "grain exports" in html.body
    assert "grain exports" in read_bytes(_docx_bytes(), ".docx").body
    pdf = read_bytes(_pdf_with_script(), ".pdf")
    assert "grain exports" in pdf.body and "launchURL" not in pdf.body


def test_external_entity_in_html_is_refused_even_after_padding():
    page = " " * 50_000 + '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;</p></body></html>'
    with pytest.raises(IngestError, match="entit"):
        read_bytes(page.encode(), ".html")


def test_entity_bomb_in_docx_behind_a_long_comment_is_refused():
    bomb = (b'<?xml version="1.0"?><!--' + b"x" * 100_000 + b'--><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, bomb if info.filename == "word/document.xml" else src.read(info))
    with pytest.raises(IngestError, match="entit"):
        read_bytes(out.getvalue(), ".docx")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"])
def test_one_cyrillic_or_accented_article_in_each_encoding(tmp_path, encoding):
    text = ("Порт Вельтры открыт\n\nМинистр Ильза Роавик заявила, что экспорт зерна вырос на 14% после отмены "
            "пошлины, и обещала пересмотреть портовые сборы.\n") if encoding != "latin-1" else (
        "Café owners in Osterlund protest\n\nThe café owners of Osterlund, led by Zoë Marré, said the new "
        "terrace fees would close half of the town's cafés before the summer season.\n")
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    a = read_article(path)
    assert a.title == text.split("\n")[0] and a.body == text.split("\n\n")[1].strip()
