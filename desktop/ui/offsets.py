"""Qt counts text positions in UTF-16 code units; the library stores code points. Convert here only."""
from __future__ import annotations

import re
from bisect import bisect_left

_WIDE = re.compile("[\U00010000-\U0010ffff]")  # a regular expression finds them at C speed


class OffsetMap:
    """Converts between code-point offsets into one text and Qt's UTF-16 positions."""

    def __init__(self, text: str) -> None:
        # Code-point indices of characters outside the BMP; each takes two UTF-16 units.
        self._wide = [] if text.isascii() else [m.start() for m in _WIDE.finditer(text)]
        self._length = len(text)

    @property
    def wide(self) -> list[int]:
        """The code-point offsets of characters that take two UTF-16 units, ascending (to_qt in bulk)."""
        return self._wide

    def to_qt(self, index: int) -> int:
        return index + bisect_left(self._wide, index)

    def from_qt(self, pos: int) -> int:
        """The code point at a UTF-16 position; inside a surrogate pair, the character it belongs to."""
        lo, hi = 0, self._length
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo
