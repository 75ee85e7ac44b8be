"""Finding and decoding a REFI-QDA source's plain text, wherever and however its tool put it.

A text may be inline (PlainTextContent, as QualCoder writes short ones), in the archive
("internal://GUID.txt" in sources/ or Sources/, the name's GUID in either case, with or without
braces or the .txt), or in a file beside the project ("relative://", resolved against the
project's basePath or the project's own folder) or anywhere ("absolute://", "file://"). Tools
that keep only a Word or PDF copy of a text give positions ClaimDesk cannot place, so such a
source is skipped with a reason rather than read as garbage. Text files are UTF-8 by the
standard; a byte order mark (UTF-8, UTF-16 or UTF-32, as Windows tools write) is honoured and
UTF-16 without one is recognised by its zero bytes.
"""
from __future__ import annotations

import codecs
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from lxml import etree

from desktop.ingest.limits import MAX_FILE_BYTES

MAX_TEXT_BYTES = MAX_FILE_BYTES  # one source's text: the same limit as any article file
SCHEMES = ("internal://", "relative://", "absolute://", "file://")
RICH_KINDS = {".docx": "a Word file", ".doc": "a Word file", ".pdf": "a PDF", ".rtf": "a rich-text file",
              ".odt": "an OpenDocument file", ".html": "a web page", ".htm": "a web page"}
_MAGIC = ((b"PK\x03\x04", "a Word or other zipped file"), (b"%PDF", "a PDF"), (b"{\\rtf", "a rich-text file"),
          (b"\xd0\xcf\x11\xe0", "an old Word file"))
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
ARCHIVE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)


class NoText(Exception):
    """Why a source has no text to import (the message is shown to the user)."""


def local_name(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def member_name(name: str) -> str:
    """An archive member's name as a key: "/" separators (some Windows zippers write "\\"), lower case."""
    return name.replace("\\", "/").lower()


class Texts:
    """Finds a source's plain text: inline, inside the archive, or in a file the project points to."""

    def __init__(self, zf: zipfile.ZipFile | None, folder: Path, inner: str = "", base_path: str | None = None) -> None:
        self._zf = zf
        self._folder = folder
        self._inner = "" if inner in ("", ".") else member_name(inner)
        self._base = _local_path(base_path) if base_path else None
        self._members = {member_name(n): n for n in zf.namelist()} if zf else {}
        self._stems: dict[str, list[str]] = {}
        for key in self._members:
            self._stems.setdefault(_stem(PurePosixPath(key).name), []).append(key)

    def read(self, el: etree._Element) -> tuple[str | None, str | None]:
        """(text, None), or (None, the reason there is none)."""
        inline = next((c for c in el if local_name(c) == "PlainTextContent"), None)
        if inline is not None:
            return "".join(inline.itertext()), None
        # plainTextPath is the standard's; a few tools put the text file in path instead.
        ref = el.get("plainTextPath") or el.get("path")
        if not ref:
            rich = el.get("richTextPath")
            if rich:
                return None, f"no plain text, only {_rich_kind(rich) or 'a rich-text copy'} ({_short(rich)})"
            return None, "no text"
        if (kind := _rich_kind(ref)) is not None:
            return None, f"its text is {kind} ({_short(ref)}), not the plain text its codings count in"
        try:
            data = self._load(ref.strip())
        except NoText as exc:
            return None, str(exc)
        if data is None:
            return None, f"its text {ref} is missing"
        for magic, kind in _MAGIC:
            if data.startswith(magic):
                return None, f"its text {_short(ref)} is {kind}, not plain text"
        text = decode(data)
        if "\x00" in text:
            return None, f"its text {_short(ref)} is not plain text (it holds binary data)"
        return text, None

    def _load(self, ref: str) -> bytes | None:
        lowered = ref.lower()
        if lowered.startswith("internal://"):
            return self._internal(_clean(ref[len("internal://"):]))
        if lowered.startswith("relative://"):
            rel = _clean(ref[len("relative://"):])
            bases = [b for b in (self._base, self._folder, self._folder / "sources") if b is not None]
            return _outside([b / rel for b in bases]) or self._internal(rel)
        for scheme in ("absolute://", "file://"):
            if lowered.startswith(scheme):
                target = Path(unquote(ref[len(scheme):]).replace("\\", "/"))
                # Moved with the project? Then the file sits beside it, or in it, under its own name.
                return (_outside([target, self._folder / target.name, self._folder / "sources" / target.name])
                        or self._internal(target.name))
        target = Path(unquote(ref).replace("\\", "/"))
        return _outside([target if target.is_absolute() else self._folder / target]) or self._internal(_clean(ref))

    def _internal(self, name: str) -> bytes | None:
        if self._zf is None:  # a bare .qde: its sources/ folder sits beside it
            folder = self._folder
            return _read_file([folder / "sources" / name, folder / "Sources" / name]) or _outside([folder / name])
        key = member_name(name)
        inner = f"{self._inner}/" if self._inner else ""
        for candidate in (f"{inner}sources/{key}", f"sources/{key}", f"{inner}{key}", key):
            if candidate in self._members:
                return self._read_member(candidate)
        # The name's GUID in another case, in braces, or without the .txt the reference gives.
        found = sorted((k for k in self._stems.get(_stem(PurePosixPath(key).name), [])
                        if PurePosixPath(k).suffix in ("", ".txt")),
                       key=lambda k: (not k.endswith(".txt"), k.count("/"), k))
        return self._read_member(found[0]) if found else None

    def _read_member(self, key: str) -> bytes:
        assert self._zf is not None
        member = self._members[key]
        try:
            if (size := self._zf.getinfo(member).file_size) > MAX_TEXT_BYTES:
                raise NoText(f"its text is too large ({size / 1e6:.0f} MB)")
            return self._zf.read(member)
        except ARCHIVE_ERRORS as exc:
            raise NoText(f"its text {member} is damaged in the archive ({_reason(exc)})") from exc


def _outside(paths: list[Path]) -> bytes | None:
    """A text file the project names outside itself. Only .txt files: a project must not be able
    to make ClaimDesk read, and keep in the library, any file of the person's disk it names."""
    return _read_file([p for p in paths if p.suffix.lower() == ".txt"])


def _read_file(paths: list[Path]) -> bytes | None:
    for target in paths:
        try:
            if not target.is_file():
                continue
            if (size := target.stat().st_size) > MAX_TEXT_BYTES:
                raise NoText(f"its text is too large ({size / 1e6:.0f} MB)")
            return target.read_bytes()
        except OSError:
            continue
    return None


def decode(data: bytes) -> str:
    """Text as stored, so positions hold: only a byte order mark is taken off."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a byte order mark: ASCII's zero half
        big = head[0::2].count(b"\x00") > head[1::2].count(b"\x00")
        return data.decode("utf-16-be" if big else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _clean(name: str) -> str:
    """A path from a reference: percent escapes decoded, "/" separators, no leading "/", and no
    ".." (a name inside the project stays inside it)."""
    parts = unquote(name).replace("\\", "/").split("/")
    return "/".join(p for p in parts if p not in ("", ".", ".."))


def _stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    return stem.strip("{}").lower()


def _local_path(value: str) -> Path:
    for scheme in SCHEMES:
        if value.lower().startswith(scheme):
            value = value[len(scheme):]
    return Path(unquote(value).replace("\\", "/"))


def _rich_kind(ref: str) -> str | None:
    return RICH_KINDS.get(PurePosixPath(ref.replace("\\", "/")).suffix.lower())


def _short(ref: str) -> str:
    return PurePosixPath(ref.replace("\\", "/")).name or ref


def _reason(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]
