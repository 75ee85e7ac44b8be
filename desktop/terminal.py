"""Text from articles and file names made safe for one line of a terminal.

An article can carry terminal escape sequences (ESC [ 31 m colours the rest of the screen; others
set the window title or worse) and a file name can hold a newline that breaks a line-per-item
listing in two. Printed lines escape every control character instead: '\\x1b', '\\n'.
"""
from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \\), and two-character ESC sequences.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str | None) -> str:
    """The text with escape sequences removed and any other control character written as an escape."""
    if not text:
        return text or ""
    text = _ESCAPE_SEQUENCE.sub("", text)
    return "".join(_shown(ch) for ch in text)


def _shown(ch: str) -> str:
    kind = unicodedata.category(ch)
    if kind == "Cc":
        return _NAMED.get(ch, f"\\x{ord(ch):02x}")
    return "\ufffd" if kind == "Cs" else ch  # a byte of a file name that is not UTF-8
