"""Tell a file's real format from its first bytes, falling back on its name."""
from __future__ import annotations

import io
import re
import zipfile

_HTML = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)
_SUFFIX = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}


def detect_format(data: bytes, suffix: str) -> str:
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        # A .docx cut short (a download that stopped) is a damaged Word file to the person, not "a zip".
        return "broken-docx" if kind == "damaged" and suffix.lower() == ".docx" else kind
    by_name = _SUFFIX.get(suffix.lower(), "txt")
    head = data[:4096].lstrip()
    if by_name != "md" and _HTML.match(head.lstrip(b"\xef\xbb\xbf").lstrip()):
        return "html"
    if by_name in ("docx", "pdf"):
        return "broken-" + by_name
    return by_name


def _zip_kind(data: bytes) -> str:
    """docx, zip (an archive, but not a Word file) or damaged (not a readable archive at all)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "docx" if "word/document.xml" in zf.namelist() else "zip"
    except (zipfile.BadZipFile, OSError, ValueError):
        return "damaged"
