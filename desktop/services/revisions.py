"""Revised articles: a newer text of an article already in the library becomes its next version.

Both bodies stay as stored (bodies are immutable); the revision row links them. Every claim
moves to the new version by aligning the two texts (desktop.services.align): a claim whose
words are unchanged lands on the same words, one whose words changed lands on the best
match and waits for review as "text changed: was '…'". No claim is ever dropped. The old
version's automatic annotations go (they would count twice in the dashboard); undo brings
everything back, and the caller re-analyses the old version.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from desktop.services.align import Change
    from desktop.services.importer import ImportReport

from db.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimCarry,
    ClaimSuggestion,
    EntityMention,
    Quote,
    SuggestionDismissal,
    utcnow,
)
from desktop.ingest.types import ParsedArticle
from desktop.services.errors import NotFound, UserError
from desktop.services.store import Store

SAME_ARTICLE = 0.5  # share of words in common below which a same-titled text is another article
USER_FIELDS = ("title_user", "author_user", "outlet_user", "published_user", "status")


@dataclass(frozen=True)
class Revised:
    """What storing one revision did."""

    previous_id: int
    article_id: int
    claims: int
    flagged: int
    passages_changed: int


@dataclass(frozen=True)
class FlaggedClaim:
    claim_id: int
    old_text: str
    new_text: str

    @property
    def message(self) -> str:
        return f"text changed: was '{self.old_text}'"


@dataclass(frozen=True)
class RevisionInfo:
    article_id: int
    previous_id: int
    revised_at: dt.datetime
    passages_changed: int
    version: int  # 2 for the first revision
    flagged: tuple[FlaggedClaim, ...]

    @property
    def banner(self) -> str:
        n = self.passages_changed
        return f"revised on {self.revised_at:%Y-%m-%d}, {n} passage{'s' if n != 1 else ''} changed"


@dataclass(frozen=True)
class RevisionDiff:
    old: str
    new: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class RevisionRecord:
    """Enough to store a reverted revision again (redo): the new version's row and its link."""

    article_id: int
    previous_id: int
    row: dict[str, object]  # the article's column values (ArticleService.row_values)
    revised_at: dt.datetime


# ---- used inside an import's transaction

def previous_versions(s: Session, items: Iterable[ParsedArticle]) -> dict[int, int]:
    """For each item (by position) that revises an article already here, that article's newest version.

    Same URL, or same title and outlet; and enough words in common that it is the same piece.
    One query for a whole batch, so bulk imports do not pay per article.
    """
    items = list(items)
    urls = {p.source_url for p in items if p.source_url}
    titles = {p.title for p in items if p.title and p.outlet}
    if not urls and not titles:
        return {}
    conditions = []
    if urls:
        conditions.append(Article.source_url.in_(urls))
    if titles:
        conditions.append(Article.title.in_(titles))
    superseded = select(ArticleRevision.previous_id)
    rows = s.execute(select(Article.id, Article.source_url, Article.title, Article.outlet)
                     .where(or_(*conditions), Article.id.not_in(superseded)).order_by(Article.id)).all()
    found: dict[int, int] = {}
    for n, parsed in enumerate(items):
        for article_id, url, title, outlet in reversed(rows):
            same_url = parsed.source_url and url == parsed.source_url
            same_piece = parsed.title == title and parsed.outlet and outlet == parsed.outlet
            if (same_url or same_piece) and _same_article(s, article_id, parsed.body):
                found[n] = article_id
                break
    return found


def _same_article(s: Session, article_id: int, body: str) -> bool:
    from desktop.services.align import Alignment  # rapidfuzz, only when a revision is possible

    old = s.scalar(select(Article.body).where(Article.id == article_id)) or ""
    return old != body and Alignment(old, body).similarity() >= SAME_ARTICLE


def store_revision(s: Session, previous_id: int, row: dict[str, object], article_id: int | None = None,
                   revised_at: dt.datetime | None = None) -> Revised:
    """Store row (ArticleService.row_values) as the next version of previous_id and carry its claims."""
    old = s.get(Article, previous_id)
    if old is None:
        raise NotFound(f"no article with id {previous_id}")
    values = dict(row)
    for name in USER_FIELDS:  # a person's corrections and reading status belong to the piece, not the text
        values[name] = getattr(old, name)
    article = Article(**values) if article_id is None else Article(id=article_id, **values)
    s.add(article)
    s.flush()
    from desktop.services.align import Alignment

    alignment = Alignment(old.body, article.body)
    revision = ArticleRevision(article_id=article.id, previous_id=previous_id, revised_at=revised_at or utcnow(),
                               passages_changed=len(alignment.changes()))
    s.add(revision)
    s.flush()
    claims = list(s.scalars(select(Claim).where(Claim.article_id == previous_id).order_by(Claim.start, Claim.id)))
    flagged = 0
    for claim in claims:
        carried = alignment.carry(claim.start, claim.end)
        s.add(ClaimCarry(claim_id=claim.id, revision_id=revision.id, old_start=claim.start, old_end=claim.end,
                         old_text=claim.text, changed=carried.changed))
        claim.article_id, claim.start, claim.end = article.id, carried.start, carried.end
        claim.text = article.body[carried.start:carried.end]
        flagged += carried.changed
    for text in s.scalars(select(SuggestionDismissal.text).where(SuggestionDismissal.article_id == previous_id)):
        s.add(SuggestionDismissal(article_id=article.id, text=text))
    for model in (EntityMention, Quote, ClaimSuggestion):
        s.execute(delete(model).where(model.article_id == previous_id))
    old.analyser_version = None  # re-analysed should it ever come back (undo)
    s.flush()
    return Revised(previous_id, article.id, len(claims), flagged, revision.passages_changed)


def superseded() -> Select[int]:
    """Articles that have a newer version: lists, reports and exports show the newest only."""
    return select(ArticleRevision.previous_id)


class RevisionService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def for_article(self, article_id: int) -> RevisionInfo | None:
        with self._store.read() as s:
            rev = s.scalar(select(ArticleRevision).where(ArticleRevision.article_id == article_id))
            if rev is None:
                return None
            version, at = 2, rev.previous_id
            while (older := s.scalar(select(ArticleRevision.previous_id)
                                     .where(ArticleRevision.article_id == at))) is not None:
                version, at = version + 1, older
            return RevisionInfo(article_id, rev.previous_id, rev.revised_at, rev.passages_changed, version,
                                tuple(self._flagged(s, article_id)))

    def report_notes(self, article_ids: list[int] | None = None) -> dict[int, str]:
        """For each revised article among these (all when None), the line a report prints under it."""
        with self._store.read() as s:
            rows = s.execute(select(ArticleRevision.article_id, ArticleRevision.previous_id,
                                    ArticleRevision.revised_at, ArticleRevision.passages_changed)).all()
        previous = {r.article_id: r.previous_id for r in rows}
        wanted = None if article_ids is None else set(article_ids)
        notes = {}
        for r in rows:
            if wanted is not None and r.article_id not in wanted:
                continue
            version, at = 2, r.previous_id
            while at in previous:
                version, at = version + 1, previous[at]
            n = r.passages_changed
            notes[r.article_id] = (f"Version {version}, revised on {r.revised_at:%Y-%m-%d} "
                                   f"({n} passage{'s' if n != 1 else ''} changed): this report uses the newest version.")
        return notes

    @staticmethod
    def _flagged(s: Session, article_id: int) -> list[FlaggedClaim]:
        """The article's claims whose words changed in any revision and nobody has reviewed since;
        each with its words before the first such change."""
        rows = s.execute(select(ClaimCarry.claim_id, ClaimCarry.old_text, Claim.text)
                         .join(Claim, Claim.id == ClaimCarry.claim_id)
                         .where(Claim.article_id == article_id, ClaimCarry.changed.is_(True),
                                ClaimCarry.reviewed.is_(False))
                         .order_by(Claim.start, Claim.id, ClaimCarry.id))
        first: dict[int, FlaggedClaim] = {}
        for r in rows:
            first.setdefault(r.claim_id, FlaggedClaim(*r))
        return list(first.values())

    def flags(self, article_id: int) -> dict[int, str]:
        """Claim id -> "text changed: was '…'" for the article's claims still waiting for review."""
        info = self.for_article(article_id)
        return {f.claim_id: f.message for f in info.flagged} if info else {}

    def mark_reviewed(self, claim_id: int, reviewed: bool = True) -> None:
        with self._store.write("claim.revision_reviewed", claim_id=claim_id, reviewed=reviewed) as s:
            for carry in s.scalars(select(ClaimCarry).where(ClaimCarry.claim_id == claim_id)):
                carry.reviewed = reviewed

    def diff(self, article_id: int) -> RevisionDiff | None:
        """The previous and the current text with the passages that changed, for the differences view."""
        with self._store.read() as s:
            previous = s.scalar(select(ArticleRevision.previous_id).where(ArticleRevision.article_id == article_id))
            if previous is None:
                return None
            old, new = _body(s, previous), _body(s, article_id)
        from desktop.services.align import Alignment

        return RevisionDiff(old, new, tuple(Alignment(old, new).changes()))

    def revert(self, article_id: int) -> RevisionRecord:
        """Undo a revision: claims go back to the words they had, the newer version goes."""
        with self._store.write("article.revision.undo", article_id=article_id) as s:
            rev = s.scalar(select(ArticleRevision).where(ArticleRevision.article_id == article_id))
            if rev is None:
                raise NotFound(f"article {article_id} is not a revision")
            if s.scalar(select(ArticleRevision.id).where(ArticleRevision.previous_id == article_id)):
                raise UserError("a newer version of this article exists; undo that first")
            carries = {c.claim_id: c for c in s.scalars(select(ClaimCarry).where(ClaimCarry.revision_id == rev.id))}
            for claim in s.scalars(select(Claim).where(Claim.article_id == article_id)):
                carry = carries.get(claim.id)
                if carry is None:
                    raise UserError("claims were made on the newer version; undo or delete them first")
                claim.article_id, claim.start, claim.end, claim.text = (rev.previous_id, carry.old_start,
                                                                         carry.old_end, carry.old_text)
            article = s.get(Article, article_id)
            row = {c.key: getattr(article, c.key) for c in Article.__table__.columns
                   if c.key not in ("id", *USER_FIELDS, "analyser_version")}
            record = RevisionRecord(article_id, rev.previous_id, row, rev.revised_at)
            s.flush()
            s.delete(article)  # its revision row, carries, annotations and dismissals cascade
            return record

    def restore(self, record: RevisionRecord) -> Revised:
        """Redo of a reverted revision: the same version, with the same id, and its claims carried again."""
        with self._store.write("article.revision.redo", article_id=record.article_id) as s:
            # SQLite hands a deleted article's number out again: an article imported since the undo
            # may hold it, and then the version comes back under a new number.
            article_id = record.article_id if s.get(Article, record.article_id) is None else None
            return store_revision(s, record.previous_id, record.row, article_id, record.revised_at)


def _body(s: Session, article_id: int) -> str:
    body = s.scalar(select(Article.body).where(Article.id == article_id))
    if body is None:
        raise NotFound(f"no article with id {article_id}")
    return body


def take_revisions(s: Session, fresh: dict[str, tuple[str, ParsedArticle]], report: ImportReport,
                   row_values: Callable[[ParsedArticle, str], dict[str, object]]) -> dict[str, int]:
    """The import pipeline's hook: store the revisions among a batch's new articles, leave the rest in fresh.

    report gets (path, new id) in added, so the new versions are analysed with the others,
    and a Revised per revision in revised. Returns content hash -> new version's id.
    """
    stored: dict[str, int] = {}
    digests = list(fresh)
    found = previous_versions(s, [fresh[d][1] for d in digests])
    for n, previous_id in found.items():
        path, parsed = fresh.pop(digests[n])
        revised = store_revision(s, previous_id, row_values(parsed, digests[n]))
        report.added.append((path, revised.article_id))
        report.revised.append((path, revised))
        stored[digests[n]] = revised.article_id
    return stored
