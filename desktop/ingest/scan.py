"""Cheap exact answers that spare a regex or a full split of a long line.

Each gives the same answer as the plain way of asking (tests/ingest/test_fast_paths.py compares
them on every line of the test pages); they only stop early or look with str's C searches.
"""
from __future__ import annotations

_DIGITS = "0123456789"
# The characters that separate a headline from its tail or stamp (" | Site", " – 14 March 2026").
_SEPARATORS = "|–—-"


def no_digit(text: str) -> bool:
    """True only when the text holds no digit (regex \\d): an ASCII text without 0-9. One
    memchr per digit, where a regex steps through every character; a text beyond ASCII may hold
    other scripts' digits, so for it the answer is False (not known) and the regex decides."""
    return text.isascii() and not any(map(text.__contains__, _DIGITS))


def more_words_than(text: str, n: int) -> bool:
    """len(text.split()) > n, splitting no further than the word after the n-th."""
    return len(text.split(None, n)) > n


def no_separator(line: str) -> bool:
    """The line holds none of | – — -, so no headline separator (\\s+[|–—-]\\s+) stands in it."""
    return not any(map(line.__contains__, _SEPARATORS))
