"""Read a REFI-QDA project (.qdpx, .qde) or codebook (.qdc) into plain records, whichever tool wrote it.

Tools differ in what they leave out and how they point at texts, so elements are found by
local name (a missing or odd namespace is no reason to refuse a file), optional attributes
may be missing, a byte order mark may stand before the XML, a text may be inline
(PlainTextContent, as QualCoder writes short ones) or in the zip (plainTextPath
"internal://GUID.txt", as MAXQDA and ATLAS.ti write), and codes nest to any depth.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from desktop.exchange.guids import normalise
from desktop.ingest.limits import MAX_FILE_BYTES
from desktop.services.errors import UserError

PROJECT_SUFFIXES = (".qdpx", ".qde", ".qdc")
MAX_XML_BYTES = 512 * 1024 * 1024
MAX_TEXT_BYTES = MAX_FILE_BYTES  # one source's text: the same limit as any article file


@dataclass
class Code:
    guid: str
    name: str
    parent: str | None
    color: str | None = None
    description: str = ""
    codable: bool = True


@dataclass
class Selection:
    guid: str
    start: int
    end: int
    code_guids: list[str] = field(default_factory=list)
    description: str = ""
    note_guids: list[str] = field(default_factory=list)
    user: str | None = None
    created: str | None = None
    modified: str | None = None


@dataclass
class Source:
    guid: str
    name: str
    kind: str  # text | pdf | picture | audio | video
    text: str | None = None
    problem: str | None = None  # why there is no text to import
    selections: list[Selection] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # variable GUID -> value
    whole_codings: int = 0  # codings of the whole source, which a claim cannot hold
    created: str | None = None


@dataclass
class Link:
    guid: str
    name: str
    origin: str
    target: str


@dataclass
class Project:
    users: dict[str, str] = field(default_factory=dict)  # GUID -> name
    codes: list[Code] = field(default_factory=list)  # parents before children
    variables: dict[str, str] = field(default_factory=dict)  # GUID -> name
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)  # GUID -> (name, text)
    links: list[Link] = field(default_factory=list)
    codebook_only: bool = False


def read_project(path: Path) -> Project:
    """The project in a .qdpx/.qde, or the codebook in a .qdc; a bad file is a UserError."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".qdpx":
            return _read_qdpx(path)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"{path}: no such file") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    root = _parse(data, path)
    if _local(root) == "CodeBook":
        return Project(codes=_codes(root), codebook_only=True)
    return _project(root, _Texts(None, path.parent))


def _read_qdpx(path: Path) -> Project:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UserError(f"{path}: not a REFI-QDA project (a .qdpx is a zip archive, and this is not one)") from exc
    with zf:
        qde = [n for n in zf.namelist() if n.lower().endswith(".qde") and not n.startswith("__MACOSX")]
        if not qde:
            raise UserError(f"{path}: not a REFI-QDA project (no project.qde inside)")
        name = min(qde, key=lambda n: (n.count("/"), n))  # the project at the top, not one nested deeper
        if zf.getinfo(name).file_size > MAX_XML_BYTES:
            raise UserError(f"{path}: the project file is too large")
        root = _parse(zf.read(name), path)
        if _local(root) != "Project":
            raise UserError(f"{path}: not a REFI-QDA project (its project.qde holds <{_local(root)}>)")
        return _project(root, _Texts(zf, path.parent, str(PurePosixPath(name).parent)))


def _parse(data: bytes, path: Path) -> etree._Element:
    # Some tools write a byte order mark, or a blank line, before the declaration.
    data = data.lstrip(b"\xef\xbb\xbf").lstrip()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UserError(f"{path}: not a REFI-QDA file (the XML is broken: {exc.msg})") from exc
    if _local(root) not in ("Project", "CodeBook"):
        raise UserError(f"{path}: not a REFI-QDA file (it holds <{_local(root)}>, not a Project or CodeBook)")
    return root


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    if el is None:
        return []
    return [c for c in el if _local(c) == name]


def _kid(el: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _text(el: etree._Element | None) -> str:
    return "" if el is None else "".join(el.itertext())


def _guid(el: etree._Element | None, attr: str = "guid") -> str | None:
    value = el.get(attr) if el is not None else None
    return normalise(value) if value else None


class _TooLarge(Exception):
    pass


class _Texts:
    """Finds a source's plain text: inline, inside the zip, or in a file beside the project."""

    def __init__(self, zf: zipfile.ZipFile | None, folder: Path, inner: str = "") -> None:
        self._zf = zf
        self._folder = folder
        self._inner = "" if inner in ("", ".") else inner
        self._members = {n.lower(): n for n in zf.namelist()} if zf else {}

    def read(self, el: etree._Element, base_path: str | None) -> tuple[str | None, str | None]:
        """(text, None) or (None, the reason there is none)."""
        inline = _kid(el, "PlainTextContent")
        if inline is not None:
            return _text(inline), None
        ref = el.get("plainTextPath")
        if not ref:
            rich = el.get("richTextPath")
            return None, "no plain text (only a rich-text copy)" if rich else "no text"
        try:
            data = self._load(ref, base_path)
        except _TooLarge as exc:
            return None, f"its text is too large ({exc.args[0] / 1e6:.0f} MB)"
        if data is None:
            return None, f"its text {ref} is missing"
        return _decode(data), None

    def _load(self, ref: str, base_path: str | None) -> bytes | None:
        if ref.lower().startswith("internal://"):
            name = ref[len("internal://"):].lstrip("/")
            for candidate in (f"{self._inner}/sources/{name}" if self._inner else f"sources/{name}",
                              f"sources/{name}", name):
                member = self._members.get(candidate.lower())
                if member and self._zf is not None:
                    if (size := self._zf.getinfo(member).file_size) > MAX_TEXT_BYTES:
                        raise _TooLarge(size)
                    return self._zf.read(member)
            return None
        if ref.lower().startswith("relative://"):
            rel = ref[len("relative://"):]
            base = Path(base_path.replace("file://", "")) if base_path else self._folder
            target = base / rel
        else:
            target = Path(ref.replace("file://", ""))
            if not target.is_absolute():
                target = self._folder / target
        try:
            if (size := target.stat().st_size) > MAX_TEXT_BYTES:
                raise _TooLarge(size)
            return target.read_bytes()
        except OSError:
            return None


def _decode(data: bytes) -> str:
    """Text as stored, so positions hold: only a byte order mark is taken off."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _project(root: etree._Element, texts: _Texts) -> Project:
    project = Project()
    for u in _kids(_kid(root, "Users"), "User"):
        if (g := _guid(u)) is not None:
            project.users[g] = (u.get("name") or u.get("id") or "").strip() or f"user {g[:8]}"
    project.codes = _codes(_kid(root, "CodeBook"))
    for v in _kids(_kid(root, "Variables"), "Variable"):
        if (g := _guid(v)) is not None:
            project.variables[g] = v.get("name") or ""
    for n in _kids(_kid(root, "Notes"), "Note"):
        if (g := _guid(n)) is not None:
            text, _problem = texts.read(n, root.get("basePath"))
            project.notes[g] = (n.get("name") or "", text or _text(_kid(n, "Description")))
    sources = _kid(root, "Sources")
    for el in sources if sources is not None else []:
        source = _source(el, texts, root.get("basePath"))
        if source is not None:
            project.sources.append(source)
    for lk in _kids(_kid(root, "Links"), "Link"):
        g, origin, target = _guid(lk), _guid(lk, "originGUID"), _guid(lk, "targetGUID")
        if g and origin and target:
            project.links.append(Link(g, (lk.get("name") or "").strip(), origin, target))
    return project


def _codes(codebook: etree._Element | None) -> list[Code]:
    out: list[Code] = []

    def walk(parent_el: etree._Element | None, parent: str | None) -> None:
        for c in _kids(parent_el, "Code"):
            g = _guid(c)
            name = (c.get("name") or "").strip()
            if g is None or not name:
                continue
            out.append(Code(g, name, parent, c.get("color"),
                            _text(_kid(c, "Description")).strip(),
                            (c.get("isCodable") or "true").strip().lower() not in ("false", "0")))
            walk(c, g)

    walk(_kid(codebook, "Codes"), None)
    return out


SKIPPED_KINDS = {"PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}


def _source(el: etree._Element, texts: _Texts, base_path: str | None) -> Source | None:
    kind = _local(el)
    g = _guid(el)
    if g is None:
        return None
    name = (el.get("name") or "").strip() or f"source {g[:8]}"
    if kind in SKIPPED_KINDS:
        return Source(g, name, SKIPPED_KINDS[kind], problem=f"{SKIPPED_KINDS[kind]} sources are not read")
    if kind == "PDFSource":
        # A PDF's coded text, where the tool gave one, is its Representation: a text source of its own.
        rep = _kid(el, "Representation")
        if rep is None:
            return Source(g, name, "pdf", problem="a PDF without a text representation")
        source = _text_source(rep, texts, base_path, g, name)
        source.kind = "pdf"
        return source
    if kind != "TextSource":
        return None
    return _text_source(el, texts, base_path, g, name)


def _text_source(el: etree._Element, texts: _Texts, base_path: str | None, g: str, name: str) -> Source:
    text, problem = texts.read(el, base_path)
    source = Source(g, name, "text", text=text, problem=problem, created=el.get("creationDateTime"))
    for sel in _kids(el, "PlainTextSelection"):
        parsed = _selection(sel)
        if parsed is not None:
            source.selections.append(parsed)
    source.whole_codings = len(_kids(el, "Coding"))
    for vv in _kids(el, "VariableValue"):
        ref = _guid(_kid(vv, "VariableRef"), "targetGUID")
        values = [c for c in vv if _local(c).endswith("Value") and _local(c) != "VariableValue"]
        if ref and values:
            source.variables[ref] = _text(values[0]).strip()
    return source


def _selection(sel: etree._Element) -> Selection | None:
    g = _guid(sel)
    try:
        start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
    except (TypeError, ValueError):
        return None
    if g is None:
        return None
    out = Selection(g, start, end, description=_text(_kid(sel, "Description")).strip(),
                    user=_guid(sel, "creatingUser") if sel.get("creatingUser") else None,
                    created=sel.get("creationDateTime"), modified=sel.get("modifiedDateTime"))
    for coding in _kids(sel, "Coding"):
        ref = _kid(coding, "CodeRef")
        if ref is not None and (target := _guid(ref, "targetGUID")):
            out.code_guids.append(target)
        out.note_guids += [t for n in _kids(coding, "NoteRef") if (t := _guid(n, "targetGUID"))]
    out.note_guids += [t for n in _kids(sel, "NoteRef") if (t := _guid(n, "targetGUID"))]
    return out
