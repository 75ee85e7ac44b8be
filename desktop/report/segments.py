"""Cut an article body into pieces at every span boundary, so each piece becomes one Word run.

Spans (entities, quotes, claims) may nest and overlap; each piece knows every span that
covers it. Offsets are code points, as everywhere in the library.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.services.dto import ClaimInfo, MentionInfo, QuoteInfo

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # entity | quote | claim
    ref: MentionInfo | QuoteInfo | ClaimInfo | None  # what is behind it; None for a mere cut


@dataclass
class Piece:
    start: int
    end: int
    text: str
    spans: list[Span] = field(default_factory=list)

    def of(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]

    def claims(self) -> list[ClaimInfo]:
        return [s.ref for s in self.spans if isinstance(s.ref, ClaimInfo)]

    def quotes(self) -> list[QuoteInfo]:
        return [s.ref for s in self.spans if isinstance(s.ref, QuoteInfo)]

    def mentions(self) -> list[MentionInfo]:
        return [s.ref for s in self.spans if isinstance(s.ref, MentionInfo)]


def xml_safe(text: str) -> str:
    """Replace characters XML 1.0 cannot hold, one for one, so offsets do not move."""
    return _XML_UNSAFE.sub("\ufffd", text)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """[start, end) of each non-empty paragraph (blank-line or line separated)."""
    out, pos = [], 0
    for m in re.finditer(r"\n+", body + "\n"):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    return out


def pieces(body: str, start: int, end: int, spans: list[Span]) -> list[Piece]:
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, min(end, p)) for s in inside for p in (s.start, s.end))})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b > a:
            covering = [s for s in inside if s.start <= a and s.end >= b]
            out.append(Piece(a, b, xml_safe(body[a:b]), covering))
    return out
