"""Readers for each format; each returns (text as lines, metadata hints) and raises only IngestError."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

from desktop.ingest.budget import ReadCancelled, check
from desktop.ingest.decode import decode_bytes
from desktop.ingest.limits import MAX_TEXT_CHARS, check_zip
from desktop.ingest.types import Hints, IngestError


def read_markdown(data: bytes) -> tuple[str, Hints]:
    text = decode_bytes(data)
    hints: Hints = {}
    front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if front:
        for key, value in re.findall(r"^(title|author|date|outlet|source):\s*(.+)$", front.group(1), re.M):
            _front_matter(hints, key, value.strip().strip("\"'"))
        text = text[front.end():]
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    if heading and "title" not in hints:
        hints["title"] = heading.group(1).strip()
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    return text, hints


def _front_matter(hints: Hints, key: str, value: str) -> None:
    if key == "title":
        hints["title"] = value
    elif key == "author":
        hints["author"] = value
    elif key == "date":
        hints["published_text"] = value
    elif key == "outlet":
        hints["outlet"] = value
    elif key == "source":
        hints["source"] = value


def read_html(data: bytes) -> tuple[str, Hints]:
    import trafilatura

    html = decode_bytes(data)
    # Anywhere in the page, not only its head: a declaration can follow any amount of padding.
    if re.search(r"<!ENTITY", html, re.I):
        raise IngestError("the page declares XML entities (a possible entity bomb) and was refused")
    html, restore = _protect_ampersands(html)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise IngestError(f"the web page could not be parsed ({type(exc).__name__})") from exc
    if doc is None:
        raise IngestError("no article text was found in the web page")
    found = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)

    def get(key: str) -> str:
        value = found(key)
        return restore(value) if isinstance(value, str) else ""

    text = get("text")
    hints: Hints = {}
    if title := get("title"):
        hints["title"] = title
    if author := get("author"):
        hints["author"] = author
    if site := get("sitename"):
        hints["outlet"] = site
    if date := get("date"):
        hints["published_text"] = date
    if url := get("url"):
        hints["source_url"] = url
    return text, hints


AMP_MARK = "zqxampqxz"  # a word no page has: stands for "&" while trafilatura works
_AMPERSAND = re.compile(r"&(?:amp;|#0*38;|#x0*26;|(?![A-Za-z#]))", re.I)


def _protect_ampersands(html: str) -> tuple[str, Callable[[str], str]]:
    """trafilatura unescapes text that the HTML parser has already unescaped, so '&amp;lt;'
    (the words "&lt;") came out as '<'. Every '&' that would reach the text stands in as a
    mark for the extraction and is put back after it: each entity is unescaped once only."""
    if AMP_MARK in html:
        return html, lambda s: s
    return _AMPERSAND.sub(AMP_MARK, html), lambda s: s.replace(AMP_MARK, "&")


def read_docx(data: bytes) -> tuple[str, Hints]:
    from lxml import etree

    from desktop.ingest import docx_stream

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf)
            _refuse_entity_declarations(zf)
            paragraphs, styled_title = docx_stream.paragraphs(zf)
            props = docx_stream.core_properties(zf)
    except (IngestError, ReadCancelled):
        raise
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"the Word document is damaged ({exc.msg})") from exc
    except Exception as exc:
        raise IngestError(f"the Word document could not be read ({type(exc).__name__})") from exc
    hints: Hints = {}
    author = props["author"]
    # Files written by python-docx from its template carry its placeholder author and a 2013 date.
    generated = "python-docx" in f"{author} {props['comments']}".lower()
    if props["title"]:
        hints["title"] = props["title"]
    if author and author.strip().lower() != "python-docx":
        hints["author"] = author
    created = props["created"]
    if created is not None and not generated:
        hints["created"] = created.date()  # when the file was made: a weak hint for the date
    if styled_title and "title" not in hints:
        hints["title"] = styled_title
    return "\n\n".join(paragraphs), hints


def _refuse_entity_declarations(zf: zipfile.ZipFile) -> None:
    """Word never declares entities; a DOCTYPE in any XML part is a billion-laughs attempt, refuse it."""
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as fh:
                prolog = _xml_prolog(fh)
            if re.search(rb"<!(DOCTYPE|ENTITY)", prolog, re.I):
                raise IngestError("the document declares XML entities (a possible entity bomb) and was refused")


PROLOG_MAX = 1 << 20  # comments before the root element; Word writes none


def _xml_prolog(fh: IO[bytes]) -> bytes:
    """The bytes before an XML part's root element, where a DOCTYPE would have to stand."""
    head = b""
    while len(head) < PROLOG_MAX:
        chunk = fh.read(65536)
        head += chunk
        # Skip declarations, processing instructions and comments; the root starts at "<" + a name.
        root = re.search(rb"<[A-Za-z_]", re.sub(rb"<!--.*?-->", lambda m: b" " * len(m.group(0)), head, flags=re.S))
        if root or not chunk:
            return head[:root.start()] if root else head
    raise IngestError("the document has an unreadable part and was refused")


# A page's content streams, its resources (shared object or identity) and its rotation.
_ContentKey = tuple[tuple[int, int] | tuple[tuple[int, int], ...], tuple[int, int] | int, object]

MAX_PDF_PAGES = 2000  # more is a book or a crafted file; refused with the limit named, never cut


def read_pdf(data: bytes) -> tuple[str, Hints]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _open_encrypted(reader)
        n_pages = len(reader.pages)
        if n_pages > MAX_PDF_PAGES:
            raise IngestError(f"the PDF has {n_pages:,} pages; the limit is {MAX_PDF_PAGES:,} pages per article, "
                              "so it was refused rather than cut")
        pages = _page_texts(reader)
        meta: Mapping[str, object] = reader.metadata or {}
    except (IngestError, ReadCancelled):
        raise
    except Exception as exc:
        raise IngestError(f"the PDF could not be read; it may be damaged or truncated ({type(exc).__name__})") from exc
    hints: Hints = {}
    title = meta.get("/Title")
    if isinstance(title, str) and title.strip():
        hints["title"] = title.strip()
    author = meta.get("/Author")
    if isinstance(author, str) and author.strip():
        hints["author"] = author.strip()
    created = meta.get("/CreationDate")
    hit = re.match(r"D:(\d{4})(\d{2})(\d{2})", created) if isinstance(created, str) else None
    if hit:
        try:
            hints["created"] = dt.date(*map(int, hit.groups()))
        except ValueError:
            pass
    text = "\n".join(pages)
    return _unwrap_pdf_lines(text), hints


def _open_encrypted(reader: PdfReader) -> None:
    """A PDF encrypted with an empty user password opens in every viewer without asking; so here."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # an unknown security handler, or a cipher the crypto library lacks
        raise IngestError(f"the PDF is encrypted in a way that cannot be opened ({type(exc).__name__})") from exc
    if not opened:
        raise IngestError("the PDF is encrypted with a password; save an unprotected copy and import that")


def _page_texts(reader: PdfReader) -> list[str]:
    """Every page's text, in time linear in the content: pages that draw the same content stream
    with the same resources (a crafted file had 500 pages share one 70 MB stream, about 30
    minutes of extraction) are read once. The budget is checked at every page."""
    seen: dict[_ContentKey, str] = {}
    out: list[str] = []
    total = 0
    for page in reader.pages:
        check()
        key = _content_key(page)
        text = seen.get(key) if key is not None else None
        if text is None:
            _check_content_size(page)
            text = page.extract_text(visitor_operand_before=_checking_visitor()) or ""
            if key is not None:
                seen[key] = text
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise IngestError("the text is too long to be one article (over 20 MB)")
        out.append(text)
    return out


MAX_PAGE_CONTENT = 8_000_000  # bytes of drawing instructions on one page; a dense map has a few MB


def _check_content_size(page: PageObject) -> None:
    """pypdf parses a page's whole content stream before its text can be read, and cannot be
    interrupted while it does (about a minute for 70 MB): a page drawing more is refused first."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    if size > MAX_PAGE_CONTENT:
        raise IngestError(f"a page of the PDF draws {size / 1e6:.0f} MB of content, over the limit of "
                          f"{MAX_PAGE_CONTENT // 1_000_000} MB per page, and it was refused")


def _checking_visitor() -> Callable[[Any, Any, Any, Any], None]:
    """Called by pypdf at every drawing operation: the time budget and cancel hold inside a page."""
    count = 0

    def visit(_op: Any, _args: Any, _cm: Any, _tm: Any) -> None:  # pypdf's operator, operands, matrices
        nonlocal count
        count += 1
        if count % 512 == 0:
            check()
    return visit


def _content_key(page: PageObject) -> _ContentKey | None:
    """What a page draws: its content stream objects, resources and rotation; None when they are
    not shared objects (then nothing is saved by remembering)."""
    from pypdf.generic import IndirectObject

    contents = page.get("/Contents")
    if isinstance(contents, IndirectObject):
        refs: tuple[int, int] | tuple[tuple[int, int], ...] = (contents.idnum, contents.generation)
    elif isinstance(contents, list) and all(isinstance(c, IndirectObject) for c in contents):
        refs = tuple((c.idnum, c.generation) for c in contents)
    else:
        return None
    resources = page.get("/Resources")
    res_key = (resources.idnum, resources.generation) if isinstance(resources, IndirectObject) else id(
        page["/Resources"].get_object() if resources is not None else None)
    return refs, res_key, page.get("/Rotate", 0)


def _unwrap_pdf_lines(text: str) -> str:
    """PDF text breaks lines at the page edge; join them back into paragraphs."""
    text = re.sub(r"-\n(?=[a-z])", "", text)
    text = re.sub(r"(?<![.!?:\"”’\n])\n(?!\n)(?=[a-z0-9(“\"‘])", " ", text)
    return text


def parse_date_text(value: object) -> dt.date | None:
    from desktop.ingest.dates import find_date

    if isinstance(value, dt.date):
        return value
    hit = find_date(str(value)) if value else None
    return hit[0] if hit else None
