"""Which files of a selection are articles to import."""
from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.ingest.sniff import detect_format

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")


def iter_article_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files as given, folders walked recursively in a stable order; hidden entries skipped.

    Inside folders a file is taken for its suffix, or, when its name says nothing we know
    (no suffix, ".bin", ".download"), for what its first bytes show it to be.
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.is_file() and _is_article(p)
            )
        elif not path.name.startswith("."):
            yield path


def _is_article(path: Path) -> bool:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return True
    return _sniffed_document(path)


def _sniffed_document(path: Path) -> bool:
    """PDF, Word or HTML behind a name we do not know; plain text is not guessed (logs, data files)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
        if head.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(path) as zf:  # reads the directory only
                return "word/document.xml" in zf.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return detect_format(head, "") in ("pdf", "html")
