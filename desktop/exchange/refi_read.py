"""Read a REFI-QDA project (.qdpx, .qde) or codebook (.qdc) into plain records, whichever tool wrote it.

Tools differ in what they leave out and how they point at texts, so elements are found by
local name (a prefixed, missing or newer namespace is no reason to refuse a file, and unknown
elements and attributes are passed over), optional attributes may be missing, a byte order
mark may stand before the XML, the project file inside the archive may have any name and sit
in a folder, GUIDs come in either case, in braces or as something that is not a GUID at all,
and codes nest to any depth. Where a text is and how it is decoded is refi_texts'; how its
tool counted positions is refi_positions'. What cannot be read (a picture, a PDF area, a
selection without positions) is counted, so the import can say what it left out.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from desktop.exchange.guids import guid_key
from desktop.exchange.refi_positions import CRLF_AS_ONE, STANDARD, Positions
from desktop.exchange.refi_texts import ARCHIVE_ERRORS, Texts, local_name
from desktop.services.errors import UserError

PROJECT_SUFFIXES = (".qdpx", ".qde", ".qdc")
MAX_XML_BYTES = 512 * 1024 * 1024


@dataclass
class Code:
    guid: str
    name: str
    parent: str | None
    color: str | None = None
    description: str = ""
    codable: bool = True
    note_guids: list[str] = field(default_factory=list)  # memos on the code


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
    name: str | None = None  # most tools name a selection after its first words


@dataclass
class Source:
    guid: str
    name: str
    kind: str  # text | pdf | picture | audio | video | other
    text: str | None = None
    problem: str | None = None  # why there is no text to import
    selections: list[Selection] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)  # variable GUID -> value
    whole_codings: int = 0  # codings of the whole source, which a claim cannot hold
    whole_notes: int = 0  # notes and descriptions of the whole source, which a claim cannot hold
    media_codings: int = 0  # codings of PDF areas, picture regions, audio or video spans
    unreadable: int = 0  # selections whose positions are missing or not numbers
    position_unit: str | None = None  # how its tool counted, when not as the standard does
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
    damage: str | None = None  # where the XML breaks off, when only the part before it could be read
    stray_annotations: int = 0  # passages marked in notes that no source refers to


def read_project(path: Path) -> Project:
    """The project in a .qdpx/.qde, or the codebook in a .qdc; a bad file is a UserError.

    The content decides, not the name: a .qde that is really a zipped project, or a .qdpx that
    is the bare XML, is read for what it is.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            zipped = fh.read(4) == b"PK\x03\x04"
        if zipped:
            return _read_qdpx(path)
        if path.stat().st_size > MAX_XML_BYTES:
            raise UserError(f"{path}: the project file is too large")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise UserError(f"{path}: is a folder, not a project file") from exc
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if path.suffix.lower() == ".qdpx" and not data.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith(b"<"):
        raise UserError(f"{path}: not a REFI-QDA project (a .qdpx is a zip archive, and this is not one)")
    root, damage = _parse(data, path)
    if local_name(root) == "CodeBook":
        return Project(codes=_codes(root), codebook_only=True, damage=damage)
    project = _project(root, Texts(None, path.parent, base_path=root.get("basePath")))
    project.damage = damage
    return project


def _read_qdpx(path: Path) -> Project:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise UserError(f"{path}: not a REFI-QDA project (a .qdpx is a zip archive, and this one is damaged)") from exc
    with zf:
        qde = [n for n in zf.namelist() if n.lower().endswith(".qde") and not _junk(n)]
        if not qde:
            raise UserError(f"{path}: not a REFI-QDA project (no project.qde inside)")
        # The one at the top, and of several there the one the standard names.
        name = min(qde, key=lambda n: (n.replace("\\", "/").count("/"),
                                       PurePosixPath(n.replace("\\", "/")).name.lower() != "project.qde", n))
        if zf.getinfo(name).file_size > MAX_XML_BYTES:
            raise UserError(f"{path}: the project file is too large")
        try:
            data = zf.read(name)
        except NotImplementedError as exc:  # a packing Python's zipfile lacks, such as Deflate64
            raise UserError(f"{path}: the project inside is packed in a way that cannot be unpacked "
                            f"({_first_line(exc)}); zip it again as a plain zip") from exc
        except RuntimeError as exc:  # zipfile's word for a password-protected member
            raise UserError(f"{path}: the project inside is encrypted; export it again without a password") from exc
        except ARCHIVE_ERRORS as exc:
            raise UserError(f"{path}: the project file inside is damaged ({_first_line(exc)})") from exc
        root, damage = _parse(data, path)
        if local_name(root) != "Project":
            raise UserError(f"{path}: not a REFI-QDA project (its {name} holds <{local_name(root)}>)")
        inner = str(PurePosixPath(name.replace("\\", "/")).parent)
        project = _project(root, Texts(zf, path.parent, inner, root.get("basePath")))
        project.damage = damage
        return project


def _junk(name: str) -> bool:
    """The resource forks macOS adds to archives it makes ("__MACOSX/", "._project.qde")."""
    name = name.replace("\\", "/")
    return name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith("._")


# Elements that only hold others: one left open by a break still holds the complete ones before it.
_CONTAINERS = {"Project", "CodeBook", "Codes", "Users", "Variables", "Cases", "Sources", "Notes", "Links", "Sets",
               "Graphs"}


def _parse(data: bytes, path: Path) -> tuple[etree._Element, str | None]:
    """The root, and where the XML breaks off when only the part before the break could be read."""
    # Some tools write a byte order mark, or a blank line, before the declaration.
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.lstrip()
    damage = None
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                                                      remove_comments=True))
    except etree.XMLSyntaxError as exc:
        salvaged = _before_the_break(data)
        if salvaged is None:
            raise UserError(f"{path}: not a REFI-QDA file (the XML is broken: {exc.msg})") from exc
        root = salvaged
        why = re.sub(r"(,? line \d+)+(, column \d+)?$", "", exc.msg or "broken XML")
        damage = f"the project file breaks off at line {exc.lineno} ({why}); nothing after that was read"
    if local_name(root) not in ("Project", "CodeBook"):
        raise UserError(f"{path}: not a REFI-QDA file (it holds <{local_name(root)}>, not a Project or CodeBook)")
    return root, damage


def _before_the_break(data: bytes) -> etree._Element | None:
    """What a cut-short or damaged project holds before the break: every element that closed, and
    the containers around them; a source, code or note cut in half is left out, not guessed at."""
    parser = etree.XMLPullParser(events=("end",), resolve_entities=False, no_network=True, huge_tree=True,
                                 remove_comments=True)
    try:
        parser.feed(data)
        parser.close()
    except etree.XMLSyntaxError:
        pass
    closed = {id(el): el for _event, el in parser.read_events()}
    if not closed:
        return None
    root = next(iter(closed.values())).getroottree().getroot()
    for el in [e for e in root.iter() if id(e) not in closed and local_name(e) not in _CONTAINERS]:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return root


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:120]


def _kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    if el is None:
        return []
    return [c for c in el if local_name(c) == name]


def _kid(el: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _text(el: etree._Element | None) -> str:
    return "" if el is None else "".join(el.itertext())


def _guid(el: etree._Element | None, attr: str = "guid") -> str | None:
    value = el.get(attr) if el is not None else None
    return guid_key(value) if value and value.strip() else None


class _Reading:
    """What reading one project's sources needs beside each source's element."""

    def __init__(self, texts: Texts, prefer: tuple[str, ...]) -> None:
        self.texts = texts
        self.prefer = prefer  # countings the writing tool is known to use (refi_positions)
        self.unique = _Unique()
        self.note_passages: dict[str, list[Selection]] = {}  # note GUID -> the passages it marks


class _Unique:
    """GUIDs as given, except that a GUID met twice (or missing) gets one of its own, so a
    second source, code or selection is not taken for the first."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, el: etree._Element, *context: object) -> str:
        found = _guid(el)
        if found is None or found in self._seen:
            found = guid_key(":".join(map(str, (found, *context, len(self._seen)))))
        self._seen.add(found)
        return found


def _project(root: etree._Element, texts: Texts) -> Project:
    project = Project()
    for u in _kids(_kid(root, "Users"), "User"):
        if (g := _guid(u)) is not None:
            project.users[g] = (u.get("name") or u.get("id") or "").strip() or f"user {g[:8]}"
    project.codes = _codes(_kid(root, "CodeBook"))
    for v in _kids(_kid(root, "Variables"), "Variable"):
        if (g := _guid(v)) is not None:
            project.variables[g] = v.get("name") or ""
    # ATLAS.ti writes CRLF line ends but counts each as one character (see refi_positions).
    reading = _Reading(texts, (CRLF_AS_ONE,) if "atlas" in (root.get("origin") or "").lower() else ())
    notes = _kid(root, "Notes")
    for n in notes if notes is not None else []:
        # A Note is a text source by the schema; some tools write it as a <TextSource>.
        if local_name(n) in ("Note", "TextSource") and (g := _guid(n)) is not None:
            text, _problem = texts.read(n)
            project.notes[g] = (n.get("name") or "", text or _text(_kid(n, "Description")))
            # NVivo marks an annotation's passage inside the note; the source names the note.
            marked = [m for sel in _kids(n, "PlainTextSelection") if (m := _selection(sel, reading.unique))]
            if marked:
                reading.note_passages[g] = marked
    sources = _kid(root, "Sources")
    for el in sources if sources is not None else []:
        if local_name(el):  # not a processing instruction
            project.sources.append(_source(el, reading))
    _case_variables(root, project)
    for lk in _kids(_kid(root, "Links"), "Link"):
        g, origin, target = _guid(lk), _guid(lk, "originGUID"), _guid(lk, "targetGUID")
        if g and origin and target:
            project.links.append(Link(g, (lk.get("name") or "").strip(), origin, target))
    _notes_by_link(project)
    for code in project.codes:  # a memo on a code is its description when it has no other
        if not code.description:
            code.description = "\n\n".join(t.strip() for g in code.note_guids
                                            if (t := project.notes.get(g, ("", ""))[1]).strip())
    # Passages marked in a note that no source names: there is no text to put them on.
    project.stray_annotations = sum(len(p) for p in reading.note_passages.values())
    return project


def _case_variables(root: etree._Element, project: Project) -> None:
    """MAXQDA and Quirkos give a source's variables in a Case naming that one source, not in the
    source itself; a value the source gives itself stands."""
    by_guid = {s.guid: s for s in project.sources}
    for case in _kids(_kid(root, "Cases"), "Case"):
        refs = [g for r in _kids(case, "SourceRef") if (g := _guid(r, "targetGUID"))]
        if len(refs) != 1 or refs[0] not in by_guid:
            continue
        for ref, value in _variable_values(case).items():
            by_guid[refs[0]].variables.setdefault(ref, value)


def _variable_values(el: etree._Element) -> dict[str, str]:
    out = {}
    for vv in _kids(el, "VariableValue"):
        ref = _guid(_kid(vv, "VariableRef"), "targetGUID")
        values = [c for c in vv if local_name(c).endswith("Value") and local_name(c) != "VariableValue"]
        if ref and values:
            out[ref] = _text(values[0]).strip()
    return out


def _notes_by_link(project: Project) -> None:
    """NVivo ties an annotation to its passage with a Link between the Note and the selection."""
    selections = {sel.guid: sel for s in project.sources for sel in s.selections}
    for link in project.links:
        for note, sel in ((link.origin, link.target), (link.target, link.origin)):
            if note in project.notes and sel in selections and note not in selections[sel].note_guids:
                selections[sel].note_guids.append(note)


def _codes(codebook: etree._Element | None) -> list[Code]:
    """Every code, parents before children, walked without recursion so no depth is too deep.

    A code with no name still comes in (the importer names it), so its children and codings do too.
    """
    out: list[Code] = []
    unique = _Unique()
    stack: list[tuple[etree._Element, str | None]] = [(c, None) for c in reversed(_kids(_kid(codebook, "Codes"), "Code"))]
    while stack:
        el, parent = stack.pop()
        name = (el.get("name") or "").strip()
        g = unique(el, "code", parent, name)
        out.append(Code(g, name, parent, el.get("color"), _text(_kid(el, "Description")).strip(),
                        (el.get("isCodable") or "true").strip().lower() not in ("false", "0"),
                        [t for ref in _kids(el, "NoteRef") if (t := _guid(ref, "targetGUID"))]))
        stack.extend((c, g) for c in reversed(_kids(el, "Code")))
    return out


SKIPPED_KINDS = {"PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}
MEDIA_SELECTIONS = ("PDFSelection", "PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection")


def _media_codings(el: etree._Element) -> int:
    return sum(1 for d in el.iter() if isinstance(d.tag, str) and local_name(d) in MEDIA_SELECTIONS)


def _source(el: etree._Element, reading: _Reading) -> Source:
    kind = local_name(el)
    raw_name = (el.get("name") or "").strip()
    g = reading.unique(el, "source", raw_name)
    name = raw_name or f"source {g[:8]}"
    if kind in SKIPPED_KINDS:
        return Source(g, name, SKIPPED_KINDS[kind], problem=f"{SKIPPED_KINDS[kind]} sources are not read",
                      media_codings=_media_codings(el))
    if kind == "PDFSource":
        # A PDF's coded text, where the tool gave one, is its Representation: a text source of its own.
        rep = _kid(el, "Representation")
        if rep is None:
            return Source(g, name, "pdf", problem="a PDF without a text representation",
                          media_codings=_media_codings(el))
        source = _text_source(rep, reading, g, name)
        source.kind, source.media_codings = "pdf", _media_codings(el)
        return source
    if kind != "TextSource":
        return Source(g, name, "other", problem=f"a <{kind}> is not a kind of source ClaimDesk reads")
    return _text_source(el, reading, g, name)


def _text_source(el: etree._Element, reading: _Reading, g: str, name: str) -> Source:
    text, problem = reading.texts.read(el)
    source = Source(g, name, "text", problem=problem, created=el.get("creationDateTime"))
    for sel in _kids(el, "PlainTextSelection"):
        parsed = _selection(sel, reading.unique)
        if parsed is None:
            source.unreadable += 1
        else:
            source.selections.append(parsed)
    source.whole_codings = len(_kids(el, "Coding"))
    source.whole_notes = 1 if _text(_kid(el, "Description")).strip() else 0
    for note in [t for ref in _kids(el, "NoteRef") if (t := _guid(ref, "targetGUID"))]:
        passages = reading.note_passages.pop(note, [])
        for p in passages:  # an annotation: a passage of this source with the note on it
            source.selections.append(Selection(p.guid, p.start, p.end, note_guids=[note], user=p.user,
                                               created=p.created, modified=p.modified, name=p.name))
        source.whole_notes += 0 if passages else 1
    source.variables = _variable_values(el)
    if text is not None:
        positions = Positions(text)
        unit = positions.choose([(s.start, s.end, s.name) for s in source.selections], reading.prefer)
        for s in source.selections:
            s.start, s.end = positions.place(s.start, unit), positions.place(s.end, unit)
        source.text = positions.text
        source.position_unit = None if unit == STANDARD else unit
    return source


def _selection(sel: etree._Element, unique: _Unique) -> Selection | None:
    try:
        start, end = int(sel.get("startPosition", "").strip()), int(sel.get("endPosition", "").strip())
    except (TypeError, ValueError):
        return None
    if start > end:  # the same passage, marked from its end
        start, end = end, start
    out = Selection(unique(sel, "selection", start, end), start, end,
                    description=_text(_kid(sel, "Description")).strip(),
                    user=_guid(sel, "creatingUser"), created=sel.get("creationDateTime"),
                    modified=sel.get("modifiedDateTime"), name=sel.get("name"))
    for coding in _kids(sel, "Coding"):
        ref = _kid(coding, "CodeRef")
        if ref is not None and (target := _guid(ref, "targetGUID")):
            out.code_guids.append(target)
        out.note_guids += [t for n in _kids(coding, "NoteRef") if (t := _guid(n, "targetGUID"))]
    out.note_guids += [t for n in _kids(sel, "NoteRef") if (t := _guid(n, "targetGUID"))]
    return out
