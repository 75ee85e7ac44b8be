"""The Word report read back: comments on exactly the claim's words, headings, tables, pictures, Unicode."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from desktop.charts.export import render_png
from desktop.report import export
from desktop.services import UserError

GOLDEN = Path(__file__).with_name("golden")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored_texts(document) -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd, in document order."""
    open_ids: list[str] = []
    texts: dict[str, list[str]] = {}
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.append(el.get(qn("w:id")))
            texts[el.get(qn("w:id"))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.remove(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for cid in open_ids:
                texts[cid].append(el.text or "")
    return {k: "".join(v) for k, v in texts.items()}


@pytest.fixture
def report(report_library, tmp_path) -> Path:
    return export(report_library, tmp_path / "report.docx", charts=render_png)


def test_every_claim_has_one_comment_on_exactly_its_words(report_library, report):
    document = docx.Document(str(report))
    comments = {str(c.comment_id): c for c in document.comments}
    anchored = anchored_texts(document)
    claims = report_library.claims.all()
    assert len(comments) == len(claims) == len(anchored)
    for claim in claims:
        matching = [cid for cid, text in anchored.items() if text == claim.text]
        assert len(matching) == 1, claim.text
        body = comments[matching[0]].text
        assert f"Verdict: {claim.verdict}" in body
        assert all(t in body for t in claim.tag_names)
        if claim.note:
            assert claim.note in body
    assert all(c.author == "Mara Quell" for c in comments.values())


def test_headings_tables_and_pictures(report_library, report):
    document = docx.Document(str(report))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    names = [t for _s, t in headings]
    assert headings[0] == ("Title", "Claims, quotations and sources")
    assert any(p.style.name == "Subtitle" and p.text == "Harbour study" for p in document.paragraphs)
    assert names.index("Summary") < names.index("Exports rise — Осterlund doubts") < names.index("Claims") \
        < names.index("Index")
    assert ("Heading 2", "Speakers") in headings
    claims_table = document.tables[-1]
    assert [c.text for c in claims_table.rows[0].cells] == ["Claim", "Tags", "Verdict", "Speaker", "Article", "Coder",
                                                           "Note"]
    assert len(claims_table.rows) == 1 + len(report_library.claims.all())
    assert claims_table.style.name == "Light Grid Accent 1"
    rows = [[c.text for c in row.cells] for row in claims_table.rows[1:]]
    for claim in report_library.claims.all():  # tags, verdict and note in the table as well as the comment
        assert [claim.text, ", ".join(claim.tag_names), claim.verdict, claim.speaker or ""] in [r[:4] for r in rows]
        assert claim.note in {r[6] for r in rows}
        assert claim.annotator in {r[5] for r in rows}  # the coder who made it
    # One picture per chart that has data, each with its numbered caption, in the summary.
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    figures = [c for c in captions if c.startswith("Figure ")]
    assert figures == ["Figure 1. Claims per tag", "Figure 2. Claims per verdict",
                       "Figure 3. Most named (articles)", "Figure 4. Most quoted (quotations)"]
    assert len(document.inline_shapes) == len(figures)
    assert ("Heading 2", "Charts") in headings


def test_unicode_survives(report):
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    for word in ("Айгерим Сапарова", "🌊", "שלום", "مرحبا", "Осterlund", "Әсем Ғұмарқызы", "Өріс Үні",
                 "ұн and қант stocks at Һарбор іске асты 🚢"):
        assert word in text


def test_unicode_survives_in_comments(report):
    comments = "\n".join(c.text for c in docx.Document(str(report)).comments)
    for word in ("Customs says 9% 🌊", "Тексерілді: ә ғ қ ң ө ұ ү һ і", "RTL"):
        assert word in comments


def test_quotes_in_italics_with_speaker(report):
    document = docx.Document(str(report))
    runs = [r for p in document.paragraphs for r in p.runs]
    quote = next(r for r in runs if r.text == "The harbour is full again,")
    assert quote.italic
    assert any(r.text == " [Dalia Orsek]" for r in runs)


def test_excerpts_only_and_tag_scope(report_library, tmp_path):
    out = export(report_library, tmp_path / "ex.docx", tags=["Opinion"], excerpts_only=True, charts=False)
    document = docx.Document(str(out))
    assert len(list(document.comments)) == 1
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Council meets" not in text and "Halvik" not in text
    with pytest.raises(UserError, match="no tag"):
        export(report_library, tmp_path / "x.docx", tags=["No such tag"])


def test_bad_destinations_leave_nothing_behind(report_library, tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        export(report_library, tmp_path / "missing" / "r.docx")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IREAD | stat.S_IEXEC)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(UserError, match="cannot write"):
            export(report_library, locked / "r.docx")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(stat.S_IRWXU)


def test_unwritable_folder_is_refused_even_for_root(report_library, tmp_path, monkeypatch):
    """As root os.access says yes to everything; simulate the folder a user cannot write in."""
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(UserError, match="cannot write in .*permission denied"):
        export(report_library, tmp_path / "r.docx")
    assert list(tmp_path.glob("r.docx*")) == [] and list(tmp_path.glob(".r.docx*")) == []


def test_read_only_mount_gives_a_message_not_a_traceback(report_library, tmp_path, monkeypatch):
    real_open = os.open

    def read_only(path, *args, **kwargs):
        if str(path).endswith(".part"):
            raise OSError(30, "Read-only file system")
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(UserError, match="Read-only file system"):
        export(report_library, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists()


def test_the_report_gets_the_permissions_of_any_new_file(report_library, tmp_path):
    """Written through a temporary file, yet readable by colleagues as the user's umask allows."""
    previous = os.umask(0o022)
    try:
        out = export(report_library, tmp_path / "shared.docx", charts=False)
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == 0o644


def test_report_open_in_another_program_keeps_it_and_leaves_no_part_file(report_library, tmp_path, monkeypatch):
    """Word locks an open .docx on Windows: the rename fails, the old report stays whole."""
    out = tmp_path / "r.docx"
    out.write_bytes(b"previous report")

    def locked(*_a, **_k):
        raise PermissionError(13, "Permission denied", str(out))
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="read-only or open in another program"):
        export(report_library, out)
    assert out.read_bytes() == b"previous report"
    assert list(tmp_path.glob("*.part")) == []


def test_failed_write_keeps_the_old_file_and_no_part_file(report_library, tmp_path, monkeypatch):
    out = tmp_path / "r.docx"
    out.write_bytes(b"previous report")
    import desktop.report.document as document

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(document, "build_report", boom)
    with pytest.raises(UserError, match="No space"):
        export(report_library, out)
    assert out.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


VOLATILE = [r'w:date="[^"]*"', r'w:rsid\w*="[^"]*"', r'w14:paraId="[^"]*"', r'w14:textId="[^"]*"',
            r"\d{4}-\d{2}-\d{2}", r'r:embed="[^"]*"', r'descr="[^"]*"', r'name="Picture \d+"', r'id="\d+" name=',
            r"<wp:extent[^>]*>", r"<a:ext [^>]*>"]


def normalised(xml: str) -> str:
    for pattern in VOLATILE:
        xml = re.sub(pattern, "", xml)
    return xml.replace("><", ">\n<")


@pytest.mark.parametrize("part", ["word/document.xml", "word/comments.xml"])
def test_golden_xml(report, part):
    """The XML parts match the reviewed reference; regenerate with CLAIMDESK_REGEN_GOLDEN=1 after a deliberate change."""
    with zipfile.ZipFile(report) as zf:
        actual = normalised(zf.read(part).decode("utf-8"))
    golden = GOLDEN / (part.replace("/", "_"))
    if os.environ.get("CLAIMDESK_REGEN_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler is not installed (scripts/test.sh installs them as root)")
def test_libreoffice_opens_the_report(report, tmp_path):
    result = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                            capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "report.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    text = " ".join(text.split())  # lines wrap wherever the layout puts them
    for expected in ("Claims, quotations and sources", "Harbour study", "Summary", "Figure 1. Claims per tag",
                     "Exports rise", "Claims", "Index", "Айгерим Сапарова", "Әсем Ғұмарқызы", "Һарбор іске асты",
                     "Customs says 9%"):
        assert expected in text
