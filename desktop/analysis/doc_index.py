"""Look-ups into a parsed doc that cost the size of the answer, not of the doc.

spaCy's Span.ents walks every entity of the whole doc, and doc.noun_chunks starts from the
first word: asked once per sentence or per quotation, both made analysis quadratic in the
length of the article. These indexes are built once per doc and kept in doc.user_data.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

_Chunks = dict[str, tuple[list[int], list[Span]]]  # a chunk's root, lower case -> (end offsets, chunks)


def _ents(doc: Doc) -> tuple[list[Span], list[int]]:
    index: tuple[list[Span], list[int]] | None = doc.user_data.get("claimdesk_ents")
    if index is None:
        ents = list(doc.ents)
        index = doc.user_data["claimdesk_ents"] = (ents, [e.start for e in ents])
    return index


def ents_in(span: Span) -> list[Span]:
    """The entities wholly inside a span (the same as span.ents)."""
    ents, starts = _ents(span.doc)
    out: list[Span] = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        if ents[i].end > span.end:
            break
        out.append(ents[i])
    return out


def noun_chunks_before(doc: Doc, head: str, before: int) -> list[Span]:
    """Noun chunks whose root is `head` (lower case) and that end at or before a character offset."""
    index: _Chunks | None = doc.user_data.get("claimdesk_chunks")
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
