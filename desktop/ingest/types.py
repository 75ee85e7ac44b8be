"""What a reader hands to the import pipeline: one cleaned article, or a reason it could not be read."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class IngestError(Exception):
    """A file that cannot be imported; the message is one plain line for the user."""


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str  # cleaned; becomes immutable once stored
    original_text: str  # the text as read, before cleaning
    source_path: str | None = None
    source_url: str | None = None
    author: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    format: str = "txt"  # txt | md | html | docx | pdf
    notes: tuple[str, ...] = ()  # what the person should know about how it was read ("1 byte was not UTF-8")
