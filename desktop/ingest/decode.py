"""Bytes to text: byte-order marks first, then charset-normalizer's detection."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

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
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise IngestError("the text encoding could not be recognised (is this a text file?)")
    return _normalise(data.decode(best.encoding, errors="replace"))


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
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05
