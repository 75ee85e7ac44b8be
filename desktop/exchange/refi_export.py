"""A library as a REFI-QDA project (.qdpx): what QualCoder, MAXQDA, ATLAS.ti and NVivo read.

Articles become TextSources with their body in sources/GUID.txt (UTF-8, exactly the stored
body, so positions hold), the codebook becomes Codes, each claim a PlainTextSelection with a
Coding per tag, its note as the selection's Description and its verdict and speaker as a
detail note; article details are variables of the source; coders are Users; links between
claims are Links. Positions are code points (see refi_xml).
"""
from __future__ import annotations

import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.ids import in_ids
from db.models import Annotator, Article, Claim, ClaimLink, Entity, Tag
from desktop.exchange import refi_xml as rx
from desktop.exchange.counted import counted
from desktop.exchange.guids import GuidMap, derived, variable_guid
from desktop.report.atomic import write_atomically
from desktop.report.segments import xml_safe
from desktop.services.library import Library
from desktop.services.progress import ProgressFn, no_progress
from desktop.services.revisions import superseded

E = f"{{{rx.NS}}}"


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    articles: int
    tags: int
    claims: int
    users: int

    def summary(self) -> str:
        """What was written, as the window and the command line say it."""
        return ", ".join(counted(n, noun) for n, noun in ((self.articles, "article"), (self.tags, "tag"),
                                                          (self.claims, "claim"), (self.users, "coder")))


def export_qdpx(lib: Library, out: Path, article_ids: list[int] | None = None,
                progress: ProgressFn = no_progress) -> ExportSummary:
    """Write the library (or some of its articles) as a .qdpx, completely or not at all."""
    out = Path(out)
    summary: list[ExportSummary] = []

    def write(tmp: Path) -> None:
        with lib.store.write() as s:  # a write only because a new library draws its GUID namespace here
            project, texts, counts = build_project(s, out.stem, article_ids, progress)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.qde", etree.tostring(project, xml_declaration=True, encoding="utf-8",
                                                      pretty_print=True))
            for guid, text in texts:
                zf.writestr(f"sources/{guid}.txt", text.encode("utf-8"))
        summary.append(ExportSummary(out, *counts))

    write_atomically(out, write)
    return summary[0]


def build_project(s: Session, name: str, article_ids: list[int] | None = None,
                  progress: ProgressFn = no_progress) -> tuple[etree._Element, list[tuple[str, str]], tuple]:
    """The project.qde tree and the source texts (guid, text) that go beside it."""
    guids = GuidMap(s)
    project = etree.Element(E + "Project", nsmap={None: rx.NS}, name=xml_safe(name or "ClaimDesk library"),
                            origin="ClaimDesk")
    users = list(s.scalars(select(Annotator).order_by(Annotator.id)))
    if users:
        node = etree.SubElement(project, E + "Users")
        for u in users:
            etree.SubElement(node, E + "User", _attrs(guid=guids.guid("user", u.id), name=u.name))
    tags = list(s.scalars(select(Tag)))
    if tags:
        codes = etree.SubElement(etree.SubElement(project, E + "CodeBook"), E + "Codes")
        _codes(codes, tags, guids)
    variables = etree.SubElement(project, E + "Variables")
    for var_name, kind in rx.ARTICLE_VARIABLES:
        etree.SubElement(variables, E + "Variable", guid=variable_guid(var_name), name=var_name, typeOfVariable=kind)

    stmt = select(Article).where(Article.id.not_in(superseded())).order_by(Article.id)  # newest versions only
    if article_ids is not None:
        stmt = stmt.where(in_ids(Article.id, article_ids))
    articles = list(s.scalars(stmt))
    claims_by_article = _claims(s, [a.id for a in articles])
    speakers = dict(s.execute(select(Entity.id, Entity.name)).all())
    # No articles, no Sources element (the schema wants none rather than an empty one): then a
    # detached element, which the loop below never fills.
    sources = etree.SubElement(project, E + "Sources") if articles else etree.Element(E + "Sources")
    notes: list[etree._Element] = []
    texts: list[tuple[str, str]] = []
    claim_guids: dict[int, str] = {}
    n_claims = 0
    for n, a in enumerate(articles):
        progress(n, len(articles), a.title_user or a.title)
        guid = guids.guid("article", a.id)
        texts.append((guid, a.body))
        src = etree.SubElement(sources, E + "TextSource", _attrs(
            guid=guid, name=a.title_user or a.title, plainTextPath=f"internal://{guid}.txt",
            creationDateTime=rx.timestamp(a.imported_at)))
        for c in claims_by_article.get(a.id, []):
            claim_guids[c.id] = guids.guid("claim", c.id)
            speaker = (speakers.get(c.speaker_entity_id) if c.speaker_entity_id is not None else None) or c.speaker_text
            _selection(src, c, claim_guids[c.id], guids, speaker, notes)
            n_claims += 1
        _article_variables(src, a)
    if notes:
        notes_node = etree.SubElement(project, E + "Notes")
        notes_node.extend(notes)
    _links(project, s, claim_guids)
    guids.save()
    progress(len(articles), len(articles), "")
    return project, texts, (len(articles), len(tags), n_claims, len(users))


def _attrs(**values: str | None) -> dict[str, str]:
    """Attributes that have a value, with characters XML cannot hold (a PDF's form feed) replaced."""
    return {k: xml_safe(v) for k, v in values.items() if v is not None}


def _codes(parent: etree._Element, tags: list[Tag], guids: GuidMap) -> None:
    children: dict[int | None, list[Tag]] = defaultdict(list)
    for t in tags:
        children[t.parent_id].append(t)

    def walk(node: etree._Element, parent_id: int | None) -> None:
        for t in sorted(children.get(parent_id, []), key=lambda t: (t.sort_order, t.name.lower(), t.id)):
            code = etree.SubElement(node, E + "Code", _attrs(guid=guids.guid("tag", t.id), name=t.name,
                                                             isCodable="true", color=t.color.upper()))
            if t.description:
                etree.SubElement(code, E + "Description").text = xml_safe(t.description)
            walk(code, t.id)

    walk(parent, None)


def _claims(s: Session, article_ids: list[int]) -> dict[int, list[Claim]]:
    out: dict[int, list[Claim]] = defaultdict(list)
    stmt = (select(Claim).options(selectinload(Claim.tags)).where(in_ids(Claim.article_id, article_ids))
            .order_by(Claim.article_id, Claim.start, Claim.id))
    for c in s.scalars(stmt):
        out[c.article_id].append(c)
    return out


def _selection(src: etree._Element, c: Claim, guid: str, guids: GuidMap, speaker: str | None,
               notes: list[etree._Element]) -> None:
    user = guids.guid("user", c.annotator_id) if c.annotator_id else None
    sel = etree.SubElement(src, E + "PlainTextSelection", _attrs(
        guid=guid, name=c.text[:200], startPosition=str(c.start), endPosition=str(c.end),
        creatingUser=user, creationDateTime=rx.timestamp(c.created_at),
        modifiedDateTime=rx.timestamp(c.updated_at)))
    if c.note:
        etree.SubElement(sel, E + "Description").text = xml_safe(c.note)
    for tag_guid in sorted(guids.guid("tag", t.id) for t in c.tags):  # by GUID: the same order in every library
        coding = etree.SubElement(sel, E + "Coding", _attrs(guid=derived(guid, "coding", tag_guid),
                                                            creatingUser=user))
        etree.SubElement(coding, E + "CodeRef", targetGUID=tag_guid)
    if c.verdict != "unverified" or speaker:
        note_guid = derived(guid, "details")
        etree.SubElement(sel, E + "NoteRef", targetGUID=note_guid)
        note = etree.Element(E + "Note", _attrs(guid=note_guid, name=rx.DETAIL_NOTE_NAME, creatingUser=user))
        etree.SubElement(note, E + "PlainTextContent").text = xml_safe(rx.detail_text(c.verdict, speaker))
        notes.append(note)


def _article_variables(src: etree._Element, a: Article) -> None:
    published = a.published_user or a.published
    values = {
        "Title": a.title_user or a.title,
        "Outlet": a.outlet_user or a.outlet,
        "Author": a.author_user or a.author,
        "Published": published.isoformat() if published else None,
        "URL": a.source_url,
        "Status": a.status,
    }
    for var_name, kind in rx.ARTICLE_VARIABLES:
        if values[var_name]:
            vv = etree.SubElement(src, E + "VariableValue")
            etree.SubElement(vv, E + "VariableRef", targetGUID=variable_guid(var_name))
            value = etree.SubElement(vv, E + ("DateValue" if kind == "Date" else "TextValue"))
            value.text = xml_safe(values[var_name] or "")


def _links(project: etree._Element, s: Session, claim_guids: dict[int, str]) -> None:
    links = [lk for lk in s.scalars(select(ClaimLink).order_by(ClaimLink.id))
             if lk.from_claim_id in claim_guids and lk.to_claim_id in claim_guids]
    if not links:
        return
    node = etree.SubElement(project, E + "Links")
    for lk in links:
        origin, target = claim_guids[lk.from_claim_id], claim_guids[lk.to_claim_id]
        etree.SubElement(node, E + "Link", guid=derived(origin, "link", lk.kind, target), name=lk.kind,
                         direction="OneWay", originGUID=origin, targetGUID=target)
