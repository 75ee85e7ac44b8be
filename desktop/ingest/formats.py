"""Readers for each format; each returns (text as lines, metadata hints) and raises only IngestError."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from desktop.ingest.decode import decode_bytes
from desktop.ingest.limits import check_zip
from desktop.ingest.types import IngestError

Hints = dict[str, object]


def read_markdown(data: bytes) -> tuple[str, Hints]:
    text = decode_bytes(data)
    hints: Hints = {}
    front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if front:
        for key, value in re.findall(r"^(title|author|date|outlet|source):\s*(.+)$", front.group(1), re.M):
            hints[key if key != "date" else "published_text"] = value.strip().strip("\"'")
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


def read_html(data: bytes) -> tuple[str, Hints]:
    import trafilatura

    html = decode_bytes(data)
    # Anywhere in the page, not only its head: a declaration can follow any amount of padding.
    if re.search(r"<!ENTITY", html, re.I):
        raise IngestError("the page declares XML entities (a possible entity bomb) and was refused")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise IngestError(f"the web page could not be parsed ({type(exc).__name__})") from exc
    if doc is None:
        raise IngestError("no article text was found in the web page")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    text = get("text") or ""
    hints: Hints = {k: get(k) for k in ("title", "author") if get(k)}
    if get("sitename"):
        hints["outlet"] = get("sitename")
    if get("date"):
        hints["published_text"] = get("date")
    if get("url"):
        hints["source_url"] = get("url")
    return text, hints


def read_docx(data: bytes) -> tuple[str, Hints]:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf)
            _refuse_entity_declarations(zf)
        document = docx.Document(io.BytesIO(data))
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"the Word document could not be read ({type(exc).__name__})") from exc
    paragraphs = [p.text for p in document.paragraphs]
    hints: Hints = {}
    props = document.core_properties
    # Files written by python-docx from its template carry its placeholder author and a 2013 date.
    generated = "python-docx" in f"{props.author} {props.comments}".lower()
    if props.title:
        hints["title"] = props.title
    if props.author and props.author.strip().lower() != "python-docx":
        hints["author"] = props.author
    if props.created and not generated:
        hints["created"] = props.created.date()  # when the file was made: a weak hint for the date
    styled_title = next((p.text for p in document.paragraphs
                         if p.text.strip() and p.style is not None and p.style.name in ("Title", "Heading 1")), None)
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


def _xml_prolog(fh) -> bytes:
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


def read_pdf(data: bytes) -> tuple[str, Hints]:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise IngestError("the PDF is encrypted; save an unprotected copy and import that")
        pages = [page.extract_text() or "" for page in reader.pages[:500]]
        meta = reader.metadata or {}
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError(f"the PDF could not be read; it may be damaged or truncated ({type(exc).__name__})") from exc
    hints: Hints = {}
    title = meta.get("/Title") if hasattr(meta, "get") else None
    if isinstance(title, str) and title.strip():
        hints["title"] = title.strip()
    author = meta.get("/Author") if hasattr(meta, "get") else None
    if isinstance(author, str) and author.strip():
        hints["author"] = author.strip()
    created = meta.get("/CreationDate") if hasattr(meta, "get") else None
    hit = re.match(r"D:(\d{4})(\d{2})(\d{2})", created) if isinstance(created, str) else None
    if hit:
        try:
            hints["created"] = dt.date(*map(int, hit.groups()))
        except ValueError:
            pass
    text = "\n".join(pages)
    return _unwrap_pdf_lines(text), hints


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
