"""Which files of a selection are articles to import."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")


def iter_article_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files as given, folders walked recursively in a stable order; hidden entries skipped."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path
