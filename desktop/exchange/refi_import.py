"""A REFI-QDA project (.qdpx/.qde) or codebook (.qdc) into the library, in one transaction.

Text sources become articles with their text exactly as given (so every position holds;
the usual readers only look for a title, byline, outlet and date in it), codes become tags
(hierarchy, colour, description), codings become claims on the same characters, notes
become claim notes, users become coders. Sources ClaimDesk cannot read (pictures, audio,
video) are listed as skipped. An article already here is not stored twice, a claim already
here (same GUID) is not made twice, and a newer text of an article already here is stored
as its revision with the claims carried over. Positions are code points (see refi_xml).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.models import Annotator, Article, Claim, ClaimLink, Tag, claim_tags, utcnow
from desktop import ingest
from desktop.exchange import refi_xml as rx
from desktop.exchange.counted import counted
from desktop.exchange.guids import GuidMap
from desktop.exchange.refi_read import PROJECT_SUFFIXES, Code, Project, Selection, Source, read_project
from desktop.ingest.plain_text import read_plain
from desktop.ingest.types import FoundMetadata, ParsedArticle
from desktop.services.articles import ArticleService
from desktop.services.dto import LINK_KINDS, STATUSES, VERDICTS
from desktop.services.errors import UserError
from desktop.services.revisions import previous_versions, store_revision
from desktop.services.store import Store
from desktop.services.tags import PALETTE

log = logging.getLogger(__name__)
_COLOR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


@dataclass
class ProjectImport:
    """What one project file brought in, for the CLI and the import dialog."""

    path: str
    codebook_only: bool = False
    articles: list[tuple[str, int]] = field(default_factory=list)  # (source name, new article id)
    existing: list[tuple[str, int]] = field(default_factory=list)  # sources already in the library
    revised: list[tuple[str, int, int]] = field(default_factory=list)  # (name, previous id, new id)
    tags_added: int = 0
    tags_merged: int = 0
    claims_added: int = 0
    claims_existing: int = 0
    users_added: int = 0
    links_added: int = 0
    skipped_sources: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    skipped_codings: list[tuple[str, str]] = field(default_factory=list)  # (source name, why)
    media_codings: int = 0  # codings of PDF areas, pictures, audio and video, which a claim cannot hold
    positions: list[tuple[str, str]] = field(default_factory=list)  # (source name, how its tool counted)

    def lines(self) -> list[str]:
        out = [f"project {self.path}"]
        for name, article_id in self.articles:
            out.append(f"  article   {article_id:>6}  {name}")
        for name, article_id in self.existing:
            out.append(f"  existing  {article_id:>6}  {name} (already in the library)")
        for name, old, new in self.revised:
            out.append(f"  revised   {new:>6}  {name} (new version of article {old}; claims carried over)")
        for name, why in self.skipped_sources:
            out.append(f"  skipped           {name}: {why}")
        for name, unit in self.positions:
            out.append(f"  positions         {name}: counted in {unit}, as the tool that wrote it does")
        for name, why in self.skipped_codings[:20]:
            out.append(f"  coding skipped    {name}: {why}")
        if len(self.skipped_codings) > 20:
            out.append(f"  … and {len(self.skipped_codings) - 20} more codings skipped")
        out.append("  " + self.summary())
        return out

    def as_json(self) -> dict:
        return {"path": self.path, "articles": self.articles, "existing": self.existing, "revised": self.revised,
                "tags_added": self.tags_added, "tags_merged": self.tags_merged, "claims_added": self.claims_added,
                "claims_existing": self.claims_existing, "users_added": self.users_added,
                "skipped_sources": self.skipped_sources, "skipped_codings": self.skipped_codings}

    def summary(self) -> str:
        if self.codebook_only:
            return f"codebook: {self.tags_added} tags added, {self.tags_merged} already in the codebook"
        parts = [counted(len(self.articles), "article"), counted(self.tags_added, "tag")
                 + (f" (+{self.tags_merged} already there)" if self.tags_merged else ""),
                 counted(self.claims_added, "claim") + (f" (+{self.claims_existing} already there)"
                                                         if self.claims_existing else ""),
                 counted(len(self.skipped_sources), "source") + " skipped"]
        if self.media_codings:
            parts.append(counted(self.media_codings, "coding") + " of PDF areas, pictures, audio or video skipped")
        if self.revised:
            parts.insert(1, f"{len(self.revised)} revised")
        if self.users_added:
            parts.append(counted(self.users_added, "coder"))
        return ", ".join(parts)


def is_project_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in PROJECT_SUFFIXES


def import_project(store: Store, path: str | Path) -> ProjectImport:
    """Read and store one project or codebook; a file that cannot be read is a UserError."""
    project = read_project(Path(path))
    result = ProjectImport(str(path), codebook_only=project.codebook_only)
    if project.damage:
        result.skipped_sources.append((Path(path).name, project.damage))
    if project.stray_annotations:
        result.skipped_codings.append(("notes", f"{project.stray_annotations} passage(s) marked in notes that no "
                                                "source refers to, so there is no text to put them on"))
    with store.write("refi.import", file=str(path)) as s:
        _Importer(s, project, result).run()
    return result


def import_projects(store: Store, paths: Sequence[str | Path], report) -> list[str]:
    """The import pipeline's hook: project files (given, or inside given folders) go here, the
    other paths are returned for the article readers.

    report (an ImportReport) gets each project's articles in added, so they are analysed,
    and its ProjectImport in projects; an unreadable project goes to failed.
    """
    rest: list[str] = []
    for p in paths:
        if Path(p).is_dir():
            rest.append(str(p))
            for inner in _projects_in(Path(p)):
                _import_one(store, inner, report)
        elif is_project_file(p):
            _import_one(store, p, report)
        else:
            rest.append(str(p))
    return rest


def _projects_in(folder: Path) -> list[Path]:
    try:
        return sorted(f for f in folder.rglob("*") if is_project_file(f) and f.is_file()
                      and not any(part.startswith(".") for part in f.relative_to(folder).parts))
    except OSError:
        return []  # the readers report an unreadable folder


def _import_one(store: Store, p: str | Path, report) -> None:
    try:
        result = import_project(store, p)
    except UserError as exc:
        report.failed.append((str(p), str(exc).removeprefix(f"{p}: ")))
        return
    except Exception as exc:  # a fault of ours must not take the other files down with it
        log.exception("REFI-QDA import failed: %s", p)
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        report.failed.append((str(p), f"could not be imported ({type(exc).__name__}: {detail})"))
        return
    report.projects.append(result)
    report.added.extend((f"{p} ▸ {name}", i) for name, i in result.articles)
    report.added.extend((f"{p} ▸ {name}", new) for name, _old, new in result.revised)
    report.duplicates.extend((f"{p} ▸ {name}", i) for name, i in result.existing)


class _Importer:
    def __init__(self, s: Session, project: Project, result: ProjectImport) -> None:
        self.s, self.project, self.result = s, project, result
        self.guids = GuidMap(s)
        for kind, model in (("article", Article), ("tag", Tag), ("claim", Claim), ("user", Annotator)):
            self.guids.index(kind, s.scalars(select(model.id)))
        self.users: dict[str, int] = {}
        self.tags: dict[str, int] = {}
        self.claims: dict[str, int] = {}
        self._new_claims: list[tuple[str, dict, list[int]]] = []  # (GUID, row, tag ids), stored together

    def run(self) -> None:
        self._users()
        self._codes()
        for source in self.project.sources:
            self._source(source)
        self._store_claims()
        self._links()
        self.guids.save()

    # ---- coders
    def _users(self) -> None:
        for guid, name in self.project.users.items():
            local = self.guids.local("user", guid)
            if local is None:
                local = self.s.scalar(select(Annotator.id).where(Annotator.name == name))
            if local is None:
                user = Annotator(name=name[:200])
                self.s.add(user)
                self.s.flush()
                local = user.id
                self.guids.keep("user", local, guid)
                self.result.users_added += 1
            self.users[guid] = local

    # ---- codebook
    def _codes(self) -> None:
        """Codes level by level, each level's new tags in one multi-row INSERT (parents need their ids first)."""
        existing = list(self.s.scalars(select(Tag)))
        by_place = {(t.parent_id, t.name.lower()): t.id for t in existing}
        next_order: dict[int | None, int] = {}
        for t in existing:
            next_order[t.parent_id] = max(next_order.get(t.parent_id, 0), t.sort_order)
        self._count = len(existing)
        depth: dict[str, int] = {}
        levels: dict[int, list[Code]] = {}
        for code in self.project.codes:  # parents come before their children
            depth[code.guid] = depth.get(code.parent, -1) + 1 if code.parent else 0
            levels.setdefault(depth[code.guid], []).append(code)
        for level in sorted(levels):
            self._code_level(levels[level], by_place, next_order)

    def _code_level(self, codes: list[Code], by_place: dict, next_order: dict) -> None:
        rows: list[dict] = []
        waiting: dict[tuple, list[str]] = {}  # place -> GUIDs of this level's codes that land there
        for code in codes:
            parent = self.tags.get(code.parent) if code.parent else None
            name = _tag_name(code.name)
            place = (parent, name.lower())
            local = self.guids.local("tag", code.guid)
            if local is None:
                local = by_place.get(place)
            if local is not None:
                self.tags[code.guid] = local
                self.result.tags_merged += 1
                self._fill_in(local, code)
            elif place in waiting:  # the same name twice under one parent: one tag
                waiting[place].append(code.guid)
                self.result.tags_merged += 1
            else:
                next_order[parent] = next_order.get(parent, 0) + 1
                rows.append({"name": name, "parent_id": parent, "description": code.description,
                             "color": _color(code.color) or PALETTE[self._count % len(PALETTE)],
                             "sort_order": next_order[parent]})
                self._count += 1
                waiting[place] = [code.guid]
        if not rows:
            return
        ids = self.s.scalars(insert(Tag).returning(Tag.id, sort_by_parameter_order=True), rows).all()
        for (place, guids), tag_id in zip(waiting.items(), ids, strict=True):
            by_place[place] = tag_id
            for guid in guids:
                self.tags[guid] = tag_id
            self.guids.keep("tag", tag_id, guids[0])
            self.result.tags_added += 1

    def _fill_in(self, tag_id: int, code: Code) -> None:
        """A code merged into a tag adds a description the tag lacks; the person's own stays."""
        tag = self.s.get(Tag, tag_id)
        if tag is not None and not tag.description and code.description:
            tag.description = code.description

    # ---- sources
    def _source(self, source: Source) -> None:
        if source.media_codings:
            self.result.media_codings += source.media_codings
            self.result.skipped_codings.append(
                (source.name, f"{source.media_codings} coding(s) of PDF areas, pictures, audio or video "
                              "(a claim needs a passage of text)"))
        if source.text is None:
            self.result.skipped_sources.append((source.name, source.problem or "no text"))
            return
        if not source.text.strip():
            self.result.skipped_sources.append((source.name, "its text is empty"))
            return
        article_id, body = self._article(source)
        if article_id is None:
            return
        if source.position_unit and source.selections:
            self.result.positions.append((source.name, source.position_unit))
        if source.unreadable:
            self.result.skipped_codings.append(
                (source.name, f"{source.unreadable} selection(s) without start and end positions"))
        for sel in source.selections:
            self._claim(source, sel, article_id, body)
        if source.whole_codings:
            self.result.skipped_codings.append(
                (source.name, f"{source.whole_codings} coding(s) of the whole source (a claim needs a passage)"))
        if source.whole_notes:
            self.result.skipped_codings.append(
                (source.name, f"{source.whole_notes} note(s) on the whole source not kept (a note belongs to a claim)"))

    def _article(self, source: Source) -> tuple[int | None, str]:
        local = self.guids.local("article", source.guid)
        if local is not None and (body := self.s.scalar(select(Article.body).where(Article.id == local))):
            self.result.existing.append((source.name, local))
            return local, body
        parsed = self._parsed(source)
        digest = ingest.content_hash(parsed.body)
        same = self.s.execute(select(Article.id, Article.body).where(Article.content_hash == digest)).first()
        if same is not None:
            self.result.existing.append((source.name, same.id))
            return same.id, same.body
        row = ArticleService.row_values(parsed, digest)
        created = rx.parse_timestamp(source.created)
        if created is not None:
            row["imported_at"] = created
        if self._values(source).get("status") in STATUSES:  # read or done in the tool it came from
            row["status"] = self._values(source)["status"]
        previous = previous_versions(self.s, [parsed]).get(0)
        if previous is not None:
            revised = store_revision(self.s, previous, row)
            self.result.revised.append((source.name, previous, revised.article_id))
            return revised.article_id, parsed.body
        article = Article(**row)
        self.s.add(article)
        self.s.flush()
        self.guids.keep("article", article.id, source.guid)
        self.result.articles.append((source.name, article.id))
        return article.id, parsed.body

    def _values(self, source: Source) -> dict[str, str]:
        """The source's variables by lower-case name ("outlet", "published", …)."""
        names = {g: n.strip().lower() for g, n in self.project.variables.items()}
        return {names.get(g, ""): v for g, v in source.variables.items() if v}

    def _parsed(self, source: Source) -> ParsedArticle:
        """The text as given; details from the source's variables, else from what the reader finds in it."""
        values = self._values(source)
        text = source.text or ""  # only sources with a text get here
        try:
            _body, found = read_plain(text)
        except Exception:  # a text the cleaner chokes on still comes in, with only its name for a title
            found = FoundMetadata(title=None, author=None, published=None, outlet=None)
        published = _date(values.get("published")) or found.get("published")
        return ParsedArticle(
            title=values.get("title") or _title(source.name),
            body=text,
            original_text=text,
            source_url=values.get("url"),
            author=values.get("author") or found.get("author"),
            published=published if isinstance(published, dt.date) else None,
            outlet=values.get("outlet") or found.get("outlet"),
            format="refi",
        )

    # ---- claims
    def _claim(self, source: Source, sel: Selection, article_id: int, body: str) -> None:
        local = self.guids.local("claim", sel.guid)
        if local is not None:
            self.claims[sel.guid] = local
            self.result.claims_existing += 1
            return
        span = self._span(source, sel, body)
        if span is None:
            return
        start, end = span
        details, notes = self._notes(sel)
        verdict = details.get("verdict", "unverified")
        row = {
            "article_id": article_id, "start": start, "end": end, "text": body[start:end],
            "verdict": verdict if verdict in VERDICTS else "unverified", "speaker_text": details.get("speaker"),
            "note": "\n\n".join(n for n in [sel.description, *notes] if n),
            "annotator_id": self.users.get(sel.user) if sel.user else None,
        }
        created, modified = rx.parse_timestamp(sel.created), rx.parse_timestamp(sel.modified)
        row["created_at"] = created or utcnow()
        row["updated_at"] = modified or row["created_at"]
        unknown = [g for g in sel.code_guids if g not in self.tags]
        if unknown:
            self.result.skipped_codings.append((source.name, f"{len(unknown)} coding(s) name a code the project lacks"))
        tag_ids = list(dict.fromkeys(self.tags[g] for g in sel.code_guids if g in self.tags))
        self._new_claims.append((sel.guid, row, tag_ids))

    def _store_claims(self) -> None:
        """All new claims in one multi-row INSERT: the ORM's unit of work took seconds for a few hundred."""
        if not self._new_claims:
            return
        ids = self.s.scalars(insert(Claim).returning(Claim.id, sort_by_parameter_order=True),
                             [row for _g, row, _t in self._new_claims]).all()
        links = []
        for (guid, _row, tag_ids), claim_id in zip(self._new_claims, ids, strict=True):
            self.claims[guid] = claim_id
            self.guids.keep("claim", claim_id, guid)
            links += [{"claim_id": claim_id, "tag_id": t} for t in tag_ids]
        if links:
            self.s.execute(insert(claim_tags), links)
        self.result.claims_added += len(ids)
        self._new_claims = []

    def _span(self, source: Source, sel: Selection, body: str) -> tuple[int, int] | None:
        text = source.text or ""
        if sel.start == sel.end:
            self.result.skipped_codings.append((source.name, f"selection {sel.start}-{sel.end} is empty"))
            return None
        if not (0 <= sel.start < sel.end <= len(text)):
            self.result.skipped_codings.append(
                (source.name, f"selection {sel.start}-{sel.end} lies outside the text (length {len(text)})"))
            return None
        if body == text:
            return sel.start, sel.end
        # The source matched an article whose stored text differs in spacing or punctuation:
        # find the selected words there, nearest the same place.
        passage = text[sel.start:sel.end]
        hits = [m.start() for m in re.finditer(re.escape(passage), body)]
        if not hits:
            self.result.skipped_codings.append((source.name, f"the passage {passage[:40]!r} is not in the stored text"))
            return None
        start = min(hits, key=lambda h: abs(h - sel.start))
        return start, start + len(passage)

    def _notes(self, sel: Selection) -> tuple[dict[str, str], list[str]]:
        details: dict[str, str] = {}
        notes: list[str] = []
        for guid in dict.fromkeys(sel.note_guids):
            name, text = self.project.notes.get(guid, ("", ""))
            if name == rx.DETAIL_NOTE_NAME:
                details.update(rx.parse_detail(text))
            elif text.strip():
                notes.append(text.strip())
        return details, notes

    # ---- links between claims
    def _links(self) -> None:
        for link in self.project.links:
            origin, target = self.claims.get(link.origin), self.claims.get(link.target)
            kind = link.name.lower()
            if origin is None or target is None or origin == target or kind not in LINK_KINDS:
                continue
            exists = self.s.scalar(select(func.count(ClaimLink.id)).where(
                ClaimLink.from_claim_id == origin, ClaimLink.to_claim_id == target, ClaimLink.kind == kind))
            if not exists:
                self.s.add(ClaimLink(from_claim_id=origin, to_claim_id=target, kind=kind))
                self.result.links_added += 1


def _tag_name(name: str) -> str:
    # A tag's path uses "/", so a code named "A/B" becomes "A B", as the codebook's own rule does.
    return " ".join(name.replace("/", " ").split())[:200] or "(unnamed code)"


def _color(value: str | None) -> str | None:
    m = _COLOR.match((value or "").strip())
    if not m:
        return None
    hexes = m.group(1)
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    return f"#{hexes.lower()}"


def _title(name: str) -> str:
    name = re.split(r"[\\/]", name.strip())[-1] or name  # some tools name a source by its path
    stem = re.sub(r"\.(txt|docx?|rtf|pdf|html?)$", "", name.strip(), flags=re.I)
    return stem or "(untitled)"


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
