"""Reading saved articles: any common format in, a clean body and its metadata out."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.ingest.budget import this_file
from desktop.ingest.discover import SUPPORTED_SUFFIXES, iter_article_files
from desktop.ingest.fingerprint import content_hash
from desktop.ingest.limits import check_size, check_text
from desktop.ingest.paths import shown
from desktop.ingest.types import Hints, IngestError, ParsedArticle

__all__ = ["SUPPORTED_SUFFIXES", "IngestError", "ParsedArticle", "content_hash", "forget_lines", "iter_article_files",
           "load_file", "read_article", "read_bytes"]


def forget_lines() -> None:
    """Drop the answers kept about lines already read (chrome, prose, byline, date line): for
    measuring a cold read, and for tests that change the rules."""
    from desktop.ingest import authors, chrome, dates

    for cached in (chrome.is_chrome, chrome.is_prose, authors.byline_author, dates.is_date_line):
        cached.cache_clear()


def read_article(path: Path) -> ParsedArticle:
    """Read, clean and describe one file; every problem becomes an IngestError with a plain reason."""
    path = Path(path)
    return read_bytes(load_file(path), path.suffix, source_path=shown(path), fallback_title=shown(path.stem))


def load_file(path: Path) -> bytes:
    """A file's bytes, refused before reading when too large; a cluster client sends these to workers."""
    try:
        size = path.stat().st_size
        check_size(size)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError("no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError("this is a folder, not a file") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except OSError as exc:
        raise IngestError(f"cannot be read: {exc.strerror or exc}") from exc
    return data


def read_bytes(data: bytes, suffix: str = ".txt", source_path: str | None = None,
               fallback_title: str = "Untitled") -> ParsedArticle:
    with this_file() as budget:
        parsed = _read_bytes(data, suffix, source_path, fallback_title)
        return replace(parsed, notes=tuple(budget.notes)) if budget.notes else parsed


def _read_bytes(data: bytes, suffix: str, source_path: str | None, fallback_title: str) -> ParsedArticle:
    # The readers are imported on the first file read, not with the package: the window imports the
    # package's types at start-up, and the cleaners' patterns and charset detection take a while to load.
    from desktop.ingest.decode import decode_bytes, looks_binary
    from desktop.ingest.formats import parse_date_text, read_docx, read_html, read_markdown, read_pdf
    from desktop.ingest.plain_text import read_extracted, read_plain
    from desktop.ingest.sniff import detect_format

    readers = {"md": read_markdown, "html": read_html, "docx": read_docx, "pdf": read_pdf}
    check_size(len(data))
    fmt = detect_format(data, suffix)
    if fmt.startswith("broken-"):
        raise IngestError(f"the file is named .{fmt[7:]} but is not a valid {fmt[7:].upper()} file")
    if fmt == "zip":
        raise IngestError("the file is a zip archive, not a document (only .docx is read)")
    if fmt in ("txt", "md") and looks_binary(data):
        raise IngestError("the file is binary, not text")
    if fmt in readers:
        text, hints = readers[fmt](data)
    else:
        text, hints = decode_bytes(data), Hints()
    check_text(text)
    stated = parse_date_text(hints.get("published_text"))
    if fmt == "html":
        # The page's own metadata wins; the text is read only for what it lacks.
        known = [k for k, v in (("title", hints.get("title")), ("author", hints.get("author")),
                                ("outlet", hints.get("outlet")), ("published", stated)) if v]
        body, found = read_extracted(text, hints.get("title"), known)
    else:
        body, found = read_plain(text)
    check_text(body)
    # What the format states beats what the cleaner read from the text.
    return ParsedArticle(
        title=str(hints.get("title") or found["title"] or fallback_title)[:1000],
        body=body,
        original_text=text,
        source_path=source_path,
        source_url=hints.get("source_url") or None,
        author=hints.get("author") or found["author"],
        # A date the format states (HTML metadata, front matter) beats one read from the text;
        # a file's creation date is only a last resort.
        published=stated or found["published"] or hints.get("created"),
        outlet=hints.get("outlet") or found["outlet"],
        format=fmt,
    )
