"""The report's quick runs and paragraphs are the XML python-docx itself writes (issue 19: no change but speed)."""
from __future__ import annotations

import itertools

import docx
import pytest
from lxml import etree

from desktop.report.docx_runs import FastWriter, shade

TEXTS = ["Port Kessa", " leading and trailing ", "a\ttab", "two\nlines", "carriage\rreturn", "", "😀 Zoë"]


def _xml(element) -> bytes:
    return etree.tostring(element)


@pytest.mark.parametrize("text", TEXTS)
def test_a_run_is_what_python_docx_makes(text):
    for italic, underline, fill in itertools.product((False, True), (False, True), (None, "cfe3ff", "#ffe0b8")):
        doc = docx.Document()
        theirs = doc.add_paragraph().add_run(text)  # as the report made each run before
        if fill is not None:
            shade(theirs, fill)
        if underline:
            theirs.underline = True
        if italic:
            theirs.italic = True
        ours = FastWriter(doc).run(doc.add_paragraph(), text, italic, underline, fill)
        assert _xml(ours._r) == _xml(theirs._r), (text, italic, underline, fill)
        assert ours.text == text.replace("\r", "\n")


def test_runs_of_one_look_do_not_share_their_properties():
    doc = docx.Document()
    writer = FastWriter(doc)
    para = doc.add_paragraph()
    first = writer.run(para, "one", italic=True)
    second = writer.run(para, "two", italic=True)
    second.bold = True
    assert first.bold is None and second.bold is True
    assert [r.text for r in para.runs] == ["one", "two"]


@pytest.mark.parametrize("style", ["Heading 1", "Heading 2", "Caption", "List Bullet", "Normal"])
def test_a_styled_paragraph_is_what_python_docx_makes(style):
    doc = docx.Document()
    writer = FastWriter(doc)
    theirs = doc.add_paragraph("Harbour fees", style=style)
    ours = writer.paragraph("Harbour fees", style)
    again = writer.paragraph("Harbour fees", style)  # from the looked-up id
    assert _xml(ours._p) == _xml(theirs._p) == _xml(again._p)
    assert ours.style.name == style
    assert _xml(writer.heading("Harbour fees", 2)._p) == _xml(doc.add_heading("Harbour fees", level=2)._p)
