"""Sentence boundaries as [start, end) offsets into a body, without spaCy.

Fast enough to run on every import (a regular expression over the text, no parse): a
sentence ends at . ! or ? (with any closing quotes or brackets) before a space and a
word that can open a sentence, unless the word before the stop is a known
abbreviation or an initial; a line break always ends one, so headings stay apart.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep pres
    no nos vol fig figs art sec ch pp p op ed eds est approx dept univ inc ltd co corp bros
    vs etc al e g i ie eg cf jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thurs fri sat sun u s uk un eu""".split()
)
# A stop with its closing marks, then the space before the next sentence.
_STOP = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[\w¿¡])""")
_LINE = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
MIN_CHARS = 3


def _is_abbreviation(text: str, stop_at: int, line_start: int) -> bool:
    if text[stop_at] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(line_start, stop_at - 20), stop_at)
    if not m or m.end() != stop_at:
        return False
    word = m.group(1)
    # "J. Smith", "U.S." and "e.g." are initials or abbreviations, not the end of a sentence.
    return (len(word) == 1 and word.isalpha()) or word.lower() in _ABBREVIATIONS


def spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield each sentence's [start, end), trimmed of surrounding white space."""
    for line in _LINE.finditer(text):
        start = line.start()
        for stop in _STOP.finditer(text, line.start(), line.end()):
            if _is_abbreviation(text, stop.start(), line.start()):
                continue
            yield from _trimmed(text, start, stop.end())
            start = stop.end()
        yield from _trimmed(text, start, line.end())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= MIN_CHARS:
        yield start, end


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in spans(text)]
