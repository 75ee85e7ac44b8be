"""The Word report as a colleague reads it, through the real `claimdesk export` and LibreOffice: the
person's name (asked once, else the system's full name), captions with their table, cells that wrap at
words, an index of what is named at least twice, speaker labels after the closing mark."""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from desktop.cli import main
from desktop.services import identity
from tests.ui.demo_window import demo_lib, demo_library_file  # noqa: F401  (fixtures)

HAS_OFFICE = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, demo_library_file):  # noqa: F811
    folder = tmp_path_factory.mktemp("report")
    library = folder / "library.sqlite"  # the default file name: its stem says nothing as a subtitle
    shutil.copy(demo_library_file, library)
    config = folder / "config"
    old = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(config)
    try:
        identity.save_name("Mara Quell")
        assert main(["export", "--out", str(folder / "report.docx"), "--db", str(library)]) == 0
    finally:
        os.environ.pop("XDG_CONFIG_HOME") if old is None else os.environ.__setitem__("XDG_CONFIG_HOME", old)
    return folder / "report.docx"


@pytest.fixture(scope="module")
def pdf_pages(demo_report) -> list[str]:
    if not HAS_OFFICE:
        pytest.skip("LibreOffice or poppler is not installed (scripts/test.sh installs them as root)")
    folder = demo_report.parent
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/lo",
                    "--convert-to", "pdf", "--outdir", str(folder), str(demo_report)],
                   capture_output=True, text=True, timeout=240, check=True)
    text = subprocess.run(["pdftotext", str(folder / "report.pdf"), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout
    return text.split("\f")


def test_the_name_is_the_persons_not_the_login(demo_report):
    document = docx.Document(str(demo_report))
    title_table = document.tables[0]
    rows = {r.cells[0].text: r.cells[1].text for r in title_table.rows}
    assert rows["Prepared by"] == "Mara Quell"
    assert {c.author for c in document.comments} == {"tester"}  # each comment signed by the claim's coder
    subtitle = next(p.text for p in document.paragraphs if p.style.name == "Subtitle")
    assert subtitle == "The whole library"


def test_without_a_saved_name_the_systems_full_name_is_used(monkeypatch):
    entry = pwd.getpwuid(os.getuid())
    full = entry.pw_gecos.split(",")[0].strip()
    assert identity.saved_name() is None  # a fresh config folder for every test
    assert identity.display_name() == (full or entry.pw_name)


def test_caption_sits_above_its_table_and_keeps_with_it(demo_report, pdf_pages):
    document = docx.Document(str(demo_report))
    table = document.tables[-1]._tbl
    caption = table.getprevious()
    assert caption.tag == qn("w:p") and "".join(caption.itertext()).startswith("Table 1.")
    assert caption.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    page = next(p for p in pdf_pages if "Table 1." in p)
    assert "Claim" in page and "Verdict" in page  # the table starts on the caption's page


def test_claims_table_cells_wrap_between_words(demo_report, pdf_pages):
    document = docx.Document(str(demo_report))
    words = {w for row in document.tables[-1].rows[1:] for cell in row.cells[1:4] for w in cell.text.split()}
    assert "government" in words  # "The government of Veltra" is a demo claim's speaker
    first = next(i for i, p in enumerate(pdf_pages) if "Table 1." in p)
    last = next(i for i, p in enumerate(pdf_pages) if i >= first and "Index" in p)
    tokens = set("\n".join(pdf_pages[first:last + 1]).split("Index")[0].split())  # the table's pages only
    broken = [w for w in words if len(w) > 4 and w not in tokens and w.rstrip(",") not in tokens]
    assert broken == []


def test_index_keeps_what_is_named_twice_and_says_its_cap(demo_report):
    document = docx.Document(str(demo_report))
    paras = document.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text == "People, organisations and places")
    end = next(i for i, p in enumerate(paras) if p.text == "Speakers")
    note, entries = paras[start + 1].text, paras[start + 2:end]
    assert "named at least twice" in note and "at most 60" in note and "named once are left out" in note
    assert 0 < len(entries) <= 60
    assert all(int(p.text.split("named ")[1].split(" times")[0]) >= 2 for p in entries)


def test_speaker_labels_come_after_the_closing_mark(demo_report):
    document = docx.Document(str(demo_report))
    labels = 0
    for p in document.paragraphs:
        runs = [r.text for r in p.runs]
        for i, text in enumerate(runs):
            if text.startswith(" [") and text.endswith("]"):
                labels += 1
                assert runs[i - 1][-1:] in "”\"’»", runs[i - 1:i + 1]
    assert labels > 0
