"""A Word file's paragraphs read as a stream, in time and memory linear in its XML.

python-docx builds the whole document tree (a 7 MB file holding 192 MB of XML took over ten
minutes and 1.45 GB) and looks a paragraph's style up in the styles part at every call (115 s
for 73,000 paragraphs). Here lxml's iterparse hands over each run and paragraph as it ends,
they are dropped once read, and styles are read once into a dict. The text is what
python-docx's Paragraph.text gives: the body's own paragraphs (not those in tables), their
runs and hyperlinks, with tabs, breaks and non-breaking hyphens as characters.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from typing import TypedDict

from lxml import etree
from lxml.etree import _Element

from desktop.ingest.budget import check
from desktop.ingest.limits import MAX_TEXT_CHARS
from desktop.ingest.types import IngestError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, R, BODY, HYPERLINK = W + "p", W + "r", W + "body", W + "hyperlink"
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}
SMALL_PART = 5_000_000  # styles and properties: a real file's are a few kB
TITLE_STYLES = ("title", "heading 1")



def paragraphs(zf: zipfile.ZipFile) -> tuple[list[str], str | None]:
    """The body's paragraph texts, and the first non-empty one styled Title or Heading 1."""
    styles = _style_names(zf)
    out: list[str] = []
    current: list[str] = []
    styled_title: str | None = None
    total = 0
    with zf.open("word/document.xml") as fh:
        for n, (_event, el) in enumerate(etree.iterparse(fh, events=("end",), tag=(R, P),
                                                                resolve_entities=False, no_network=True, load_dtd=False)):
            if n % 2000 == 0:
                check()
            parent = el.getparent()
            if el.tag == R:
                if _in_body_paragraph(parent):
                    current.append(_run_text(el))
                _drop_earlier_runs(el, parent)
                el.clear(keep_tail=True)
                continue
            if parent is not None and parent.tag == BODY:
                text = "".join(current)
                total += len(text) + 2
                if total > MAX_TEXT_CHARS:
                    raise IngestError("the text is too long to be one article (over 20 MB)")
                out.append(text)
                if styled_title is None and text.strip() and _style_of(el, styles).lower() in TITLE_STYLES:
                    styled_title = text
                current = []
                el.clear(keep_tail=True)
                while el.getprevious() is not None:  # paragraphs and tables already read
                    del parent[0]
            else:
                el.clear(keep_tail=True)  # a paragraph in a table cell: python-docx leaves it out too
    return out, styled_title


def _in_body_paragraph(parent: _Element | None) -> bool:
    if parent is None:
        return False
    if parent.tag == HYPERLINK:
        parent = parent.getparent()
    if parent is None or parent.tag != P:
        return False
    body = parent.getparent()
    return body is not None and body.tag == BODY


def _run_text(run: _Element) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "br":
            parts.append("\n" if child.get(W + "type", "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag] or "")
    return "".join(parts)


def _drop_earlier_runs(run: _Element, parent: _Element | None) -> None:
    """A paragraph of a million runs must not keep them all: each is read when it ends."""
    if parent is None:
        return
    prev = run.getprevious()
    while prev is not None and prev.tag == R:
        parent.remove(prev)
        prev = run.getprevious()


def _style_of(paragraph: _Element, styles: dict[str, str]) -> str:
    ppr = paragraph.find(W + "pPr")
    style = ppr.find(W + "pStyle") if ppr is not None else None
    style_id = style.get(W + "val") if style is not None else None
    return styles.get(style_id, "") if style_id else styles.get("", "")


def _small_part(zf: zipfile.ZipFile, name: str) -> _Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > SMALL_PART:
        raise IngestError(f"the document's {name} is {info.file_size // 1_000_000} MB, far more than any Word "
                          "file's, and it was refused")
    try:
        # No entities, no DTD, no network: an XML part cannot expand or fetch anything.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        return etree.fromstring(zf.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"the document's {name} is damaged ({exc.msg})") from exc


def _style_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Paragraph style id -> name, read once; "" -> the default paragraph style's name."""
    root = _small_part(zf, "word/styles.xml")
    names: dict[str, str] = {}
    if root is None:
        return names
    for style in root.iter(W + "style"):
        if style.get(W + "type") != "paragraph":
            continue
        name = style.find(W + "name")
        value = (name.get(W + "val") if name is not None else style.get(W + "styleId")) or ""
        names[style.get(W + "styleId") or ""] = value
        if style.get(W + "default") in ("1", "true", "on"):
            names[""] = value
    return names


DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"


class CoreProperties(TypedDict):
    title: str
    author: str
    comments: str
    created: dt.datetime | None


def core_properties(zf: zipfile.ZipFile) -> CoreProperties:
    """title, author, comments and created, as python-docx's core_properties give them."""
    found = _small_part(zf, "docProps/core.xml")
    if found is None:
        return {"title": "", "author": "", "comments": "", "created": None}
    root = found

    def text(tag: str) -> str:
        el = root.find(tag)
        return (el.text or "").strip() if el is not None else ""

    created = None
    stamp = text(DCTERMS + "created")
    if stamp:
        try:
            created = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            created = None
    return {"title": text(DC + "title"), "author": text(DC + "creator"), "comments": text(DC + "description"),
            "created": created}
