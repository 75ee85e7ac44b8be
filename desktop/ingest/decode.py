"""Bytes to text: byte-order marks first, then charset-normalizer's detection."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from desktop.ingest.budget import note
from desktop.ingest.types import IngestError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace"))
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return _normalise(nearly)
    if _latin_shaped(data):
        # Accented letters inside ASCII words: a Western code page. Left to itself the detector
        # can read a short "Zoë's café" as Arabic or Hebrew.
        return _normalise(_decode_latin(data))
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise IngestError("the text encoding could not be recognised (is this a text file?)")
    return _normalise(data.decode(best.encoding, errors="replace"))


def _nearly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few bad bytes (a damaged copy, a stray byte): read as UTF-8 with each bad
    byte replaced, and say so. Read as a code page instead, every accented letter of the file
    would be wrong ("Zoë" became "ZoĂ«"). A file in a code page has almost no valid multi-byte
    UTF-8 sequences and a bad one at nearly every accented letter, so it does not pass."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    if multibyte < 1 or bad > max(2, multibyte // 10):
        return None
    note(f"{bad} byte{'s' if bad != 1 else ''} that {'are' if bad != 1 else 'is'} not UTF-8 "
         f"{'were' if bad != 1 else 'was'} replaced by \ufffd; the rest is read as UTF-8")
    return text


_LATIN_PAGES = ["cp1252", "cp1250", "cp1257", "cp1254"]
_MIXED_WORD = re.compile(r"\w*[^\x00-\x7f\s]\w*")
_WORD_WITH_HIGH_BYTE = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")


def _decode_latin(data: bytes) -> str:
    """The Western code page under which the accented bytes inside words read as letters.

    Ties go to cp1252, by far the most common; Polish or Czech text read as cp1252 shows
    symbols such as ¿ or ³ inside words, which cp1250 turns back into letters.
    """
    sample = data[:200_000]
    best_page, best_bad = "", None
    for page in _LATIN_PAGES:
        text = sample.decode(page, errors="replace")
        bad = sum(1 for word in _MIXED_WORD.findall(text) for ch in word if not ch.isascii() and not ch.isalpha())
        if best_bad is None or bad < best_bad:
            best_page, best_bad = page, bad
    return data.decode(best_page, errors="replace")


def _latin_shaped(data: bytes) -> bool:
    """Most words with non-ASCII bytes also hold ASCII letters (Cyrillic or Greek words hold none)."""
    words = _WORD_WITH_HIGH_BYTE.findall(data[:200_000])
    if not words:
        return False
    mixed = sum(1 for w in words if re.search(rb"[A-Za-z]", w))
    return mixed >= 0.6 * len(words)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\ufeff", "")
    if "\x00" in text:
        raise IngestError("the file is binary, not text")
    return text


def looks_binary(data: bytes) -> bool:
    """Binary data has NUL bytes (without a UTF-16/32 BOM) or many control bytes."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return controls > len(head) * 0.05


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
