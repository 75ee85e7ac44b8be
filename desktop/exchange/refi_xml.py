"""What ClaimDesk's REFI-QDA files and readers agree on: namespace, variables, detail notes, positions.

Positions. REFI-QDA counts startPosition/endPosition in characters of the plain text. We take
a character to be a Unicode code point, which is what a Python str index is and what
QualCoder writes; our own spans are code-point offsets already, so they go out and come in
unchanged. (A tool that counted UTF-16 units would disagree only after a character outside
the Basic Multilingual Plane, such as an emoji; tests/exchange check that an emoji before a
claim does not move it.)
"""
from __future__ import annotations

import datetime as dt

NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
POSITION_UNIT = "code points"

# Article details travel as variables of the source; the name is what other tools show.
ARTICLE_VARIABLES = (
    ("Title", "Text"),
    ("Outlet", "Text"),
    ("Author", "Text"),
    ("Published", "Date"),
    ("URL", "Text"),
    ("Status", "Text"),
)

# A claim's verdict and speaker have no place of their own in the standard (a selection
# carries only a description, codings and notes), so they travel as one note per claim,
# readable in any tool and read back by the lines below.
DETAIL_NOTE_NAME = "ClaimDesk claim details"
DETAIL_FIELDS = ("verdict", "speaker")


def detail_text(verdict: str, speaker: str | None) -> str:
    lines = [f"verdict: {verdict}"]
    if speaker:
        lines.append(f"speaker: {speaker}")
    return "\n".join(lines)


def parse_detail(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in DETAIL_FIELDS and value.strip():
            out[key.strip().lower()] = value.strip()
    return out


def timestamp(value: dt.datetime | None) -> str | None:
    """xsd:dateTime in UTC (the library stores naive UTC)."""
    if value is None:
        return None
    return value.replace(microsecond=0).isoformat() + "Z"


def parse_timestamp(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed
