"""Where a selection lies in a source's text, whichever way the tool that wrote it counted.

The standard counts startPosition/endPosition in characters of the plain text, and ClaimDesk
takes a character to be a Unicode code point (see refi_xml). Not every tool agrees: tools built
on .NET, Java or Qt count UTF-16 units, so a character outside the Basic Multilingual Plane (an
emoji) counts two; ATLAS.ti writes Windows line ends (CRLF) into the text file but counts each as
one character (QualCoder's importer documents both). ClaimDesk stores every text with "\\n" line
ends, as every other import does and as the reader shows them, so each selection is carried onto
that text.

Which counting a file used is read from the file itself: most tools name a selection after its
first words, so the counting under which the names match the text (and the selections fit inside
it) wins; with no evidence either way the standard's counting stands.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

STANDARD = "code points"
CRLF_AS_ONE = "code points, a CRLF line end counted as one"
UTF16 = "UTF-16 units"
UTF16_CRLF_AS_ONE = "UTF-16 units, a CRLF line end counted as one"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SPACE = re.compile(r"\s+")
_HINT_ENDS = ("...", "…")
MIN_HINT = 4  # shorter names ("A", "q1") are labels, not the passage's first words


def _utf16_starts(text: str) -> list[int]:
    """The UTF-16 offset of each character outside the BMP (each one before it adds a unit)."""
    return [m.start() + k for k, m in enumerate(_ASTRAL.finditer(text))]


class Positions:
    """A source's text with "\\n" line ends, and the selections of its tool carried onto it."""

    def __init__(self, raw: str) -> None:
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")
        self._crlf = [m.start() for m in re.finditer("\r\n", raw)]  # where each dropped "\r" stood
        self._astral_raw = _utf16_starts(raw)
        self._astral = _utf16_starts(self.text) if self._crlf else self._astral_raw

    def units(self) -> list[str]:
        """The countings that would place some selection differently on this text."""
        out = [STANDARD]
        if self._crlf:
            out.append(CRLF_AS_ONE)
        if self._astral:
            out.append(UTF16)
            if self._crlf:
                out.append(UTF16_CRLF_AS_ONE)
        return out

    def place(self, position: int, unit: str) -> int:
        """A position counted in unit, as an offset into self.text."""
        if unit in (UTF16, UTF16_CRLF_AS_ONE):
            astral = self._astral_raw if unit == UTF16 else self._astral
            position -= bisect_left(astral, position)  # one unit too many per emoji before it
        if unit in (STANDARD, UTF16):
            position -= bisect_left(self._crlf, position)  # each CRLF became one "\n"
        return position

    def choose(self, selections: Sequence[tuple[int, int, str | None]], prefer: Sequence[str] = ()) -> str:
        """The counting under which most selections fit the text and match their names.

        Ties go to the tools' known habit (prefer), then to the standard's counting.
        """
        units = self.units()
        if len(units) == 1 or not selections:
            return STANDARD
        order = [u for u in prefer if u in units] + [u for u in units if u not in prefer]
        return max(order, key=lambda u: (self._score(selections, u), -order.index(u)))

    def _score(self, selections: Sequence[tuple[int, int, str | None]], unit: str) -> int:
        score = 0
        for start, end, name in selections:
            s, e = self.place(start, unit), self.place(end, unit)
            if not 0 <= s < e <= len(self.text):
                continue
            score += 2 + _agreement(_hint(name), self.text[s:e])
        return score


def _hint(name: str | None) -> str:
    hint = (name or "").strip()
    for tail in _HINT_ENDS:
        hint = hint.removesuffix(tail).rstrip()
    hint = _SPACE.sub(" ", hint)
    return hint if len(hint) >= MIN_HINT else ""


def _agreement(hint: str, passage: str) -> int:
    """4 when the passage starts with its name, 1 when it does after blank space (a tool may have
    trimmed the name, or the counting is one off onto a line end), else 0."""
    if not hint:
        return 0
    passage = _SPACE.sub(" ", passage)
    if passage.startswith(hint) or (len(passage) >= MIN_HINT and hint.startswith(passage)):
        return 4
    return 1 if passage.lstrip().startswith(hint) else 0
