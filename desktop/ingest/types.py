"""What a reader hands to the import pipeline: one cleaned article, or a reason it could not be read."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypedDict


class IngestError(Exception):
    """A file that cannot be imported; the message is one plain line for the user."""


class Hints(TypedDict, total=False):
    """What a format states about its article (HTML metadata, front matter, document properties)."""

    title: str
    author: str
    outlet: str
    source: str
    source_url: str
    published_text: str  # a date as the format writes it, read by parse_date_text
    created: dt.date  # when the file was made: a weak hint for the date


class FoundMetadata(TypedDict):
    """What the cleaner read from the lines around the body."""

    title: str | None
    author: str | None
    published: dt.date | None
    outlet: str | None


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
