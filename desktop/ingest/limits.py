"""Limits that keep a hostile or broken file from exhausting memory or time."""
from __future__ import annotations

import zipfile

from desktop.ingest.types import IngestError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 20 * 1024 * 1024
MAX_ZIP_TOTAL = 200 * 1024 * 1024  # uncompressed, all members together
MAX_ZIP_MEMBERS = 5000  # a Word file has tens of parts; thousands means a crafted archive
MAX_ZIP_RATIO = 200  # a real .docx compresses about 5-20x; bombs go to thousands


def check_size(n_bytes: int) -> None:
    if n_bytes == 0:
        raise IngestError("the file is empty")
    if n_bytes > MAX_FILE_BYTES:
        raise IngestError(f"the file is too large ({n_bytes / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB)")


def check_text(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError("the text is too long to be one article (over 20 MB)")
    if not text.strip():
        raise IngestError("the file has no readable text")
    return text


def check_zip(zf: zipfile.ZipFile) -> None:
    """Refuse zip bombs from the directory alone, before anything is decompressed."""
    members = zf.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise IngestError(f"the document holds {len(members)} parts, far more than any Word file, and was refused")
    total = 0
    for info in members:
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 1_000_000:
            raise IngestError(f"the document looks like a zip bomb ({info.filename} expands {info.file_size // info.compress_size}x)")
    if total > MAX_ZIP_TOTAL:
        raise IngestError("the document expands to more than 200 MB and was refused")
