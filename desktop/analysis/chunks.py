"""Long texts cut into paragraph blocks the parser takes one at a time, with exact offsets.

spaCy refuses a text over nlp.max_length (E088) and its memory grows with the text; a block
is a run of whole paragraphs, so a quotation, a sentence and a name rarely straddle two.
A paragraph longer than a block is cut after a sentence end, else at a space, else anywhere.
"""
from __future__ import annotations

import re

BLOCK_CHARS = 50_000  # an article below this is analysed whole, exactly as before
_PARAGRAPH_END = re.compile(r"\n\s*\n|\n")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+")


def blocks(body: str, limit: int | None = None) -> list[tuple[int, int]]:
    """[start, end) ranges that cover the body in order, each at most `limit` (BLOCK_CHARS) characters."""
    limit = limit or BLOCK_CHARS
    if len(body) <= limit:
        return [(0, len(body))]
    out: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > limit:
        end = _cut(body, start, start + limit)
        out.append((start, end))
        start = end
    out.append((start, len(body)))
    return out


def _cut(body: str, start: int, hard: int) -> int:
    """The last good place to end a block that starts at `start` and may not pass `hard`."""
    floor = start + (hard - start) // 2  # never a tiny block: that would make many of them
    at = body.rfind("\n\n", floor, hard - 1)
    if at >= 0:
        return at + 2
    at = body.rfind("\n", floor, hard - 1)
    if at >= 0:
        return at + 1
    last = None
    for m in _SENTENCE_END.finditer(body, floor, hard):
        last = m
    if last is not None:
        return last.end()
    at = body.rfind(" ", floor, hard - 1)
    return at + 1 if at >= 0 else hard
