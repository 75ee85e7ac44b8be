"""Look-ups into a parsed doc that cost the size of the answer, not of the doc.

spaCy's Span.ents walks every entity of the whole doc, and doc.noun_chunks starts from the
first word: asked once per sentence or per quotation, both made analysis quadratic in the
length of the article. These indexes are built once per doc and kept in doc.user_data.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right


def _ents(doc) -> tuple[list, list[int]]:
    index = doc.user_data.get("claimdesk_ents")
    if index is None:
        ents = list(doc.ents)
        index = doc.user_data["claimdesk_ents"] = (ents, [e.start for e in ents])
    return index


def ents_in(span) -> list:
    """The entities wholly inside a span (the same as span.ents)."""
    ents, starts = _ents(span.doc)
    out = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        if ents[i].end > span.end:
            break
        out.append(ents[i])
    return out


def noun_chunks_before(doc, head: str, before: int) -> list:
    """Noun chunks whose root is `head` (lower case) and that end at or before a character offset."""
    index = doc.user_data.get("claimdesk_chunks")
    if index is None:
        index = {}
        for chunk in doc.noun_chunks:
            index.setdefault(chunk.root.lower_, ([], []))
            ends, chunks = index[chunk.root.lower_]
            ends.append(chunk.end_char)
            chunks.append(chunk)
        doc.user_data["claimdesk_chunks"] = index
    ends, chunks = index.get(head, ([], []))
    return chunks[:bisect_right(ends, before)]
