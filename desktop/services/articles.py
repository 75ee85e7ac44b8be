"""Articles: add, list a page at a time, read, correct metadata, mark read/done."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import ScalarSelect, exists, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from db import search as fts
from db.ids import in_ids
from db.models import Annotator, Article, Claim, EntityMention, claim_tags, utcnow
from db.sort_text import sort_text
from desktop.ingest.types import ParsedArticle
from desktop.services.dto import STATUSES, ArticleDetail, ArticleFilter, ArticleRow
from desktop.services.errors import NotFound, UserError
from desktop.services.revisions import superseded
from desktop.services.sql_types import SelectT
from desktop.services.store import Store
from desktop.services.tags import subtree_ids

SORT_KEYS: dict[str, Callable[[], ColumnElement[Any] | ScalarSelect[int] | InstrumentedAttribute[Any]]] = {
    # Text sorts ignore case, the same on SQLite and PostgreSQL, and are read off an index (migration 0009).
    "title": lambda: sort_text(Article.title_user, Article.title),
    "outlet": lambda: sort_text(Article.outlet_user, Article.outlet),
    "author": lambda: sort_text(Article.author_user, Article.author),
    "published": lambda: func.coalesce(Article.published_user, Article.published),
    "status": lambda: Article.status,
    # Ids grow with import order, and the primary key needs no index of its own to sort 100,000 rows.
    "imported": lambda: Article.id,
    "claims": lambda: _claim_count(),
    "id": lambda: Article.id,
}
EDITABLE_META = ("title", "author", "outlet", "published")
META_MAX = {"title": 1000, "author": 500, "outlet": 500}  # the columns' lengths


def _claim_count() -> ScalarSelect[int]:
    return select(func.count(Claim.id)).where(Claim.article_id == Article.id).correlate(Article).scalar_subquery()


def _row_columns() -> tuple[ColumnElement[Any] | ScalarSelect[Any] | InstrumentedAttribute[Any], ...]:
    return (
        Article.id,
        func.coalesce(Article.title_user, Article.title),
        func.coalesce(Article.outlet_user, Article.outlet),
        func.coalesce(Article.author_user, Article.author),
        func.coalesce(Article.published_user, Article.published),
        Article.status,
        _claim_count(),
        Article.imported_at,
        Article.analysis_error,
    )


def apply_filter(stmt: SelectT, flt: ArticleFilter | None, session: Session) -> SelectT:
    stmt = stmt.where(Article.id.not_in(superseded()))  # an article revised since shows as its newest version
    if flt is None:
        return stmt
    if flt.status:
        stmt = stmt.where(Article.status == flt.status)
    if flt.outlet:
        stmt = stmt.where(func.coalesce(Article.outlet_user, Article.outlet) == flt.outlet)
    if flt.date_from:
        stmt = stmt.where(func.coalesce(Article.published_user, Article.published) >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(func.coalesce(Article.published_user, Article.published) <= flt.date_to)
    if flt.tag_id is not None:
        tagged = (
            select(Claim.id)
            .join(claim_tags, claim_tags.c.claim_id == Claim.id)
            .where(Claim.article_id == Article.id, claim_tags.c.tag_id.in_(subtree_ids(session, flt.tag_id)))
        )
        stmt = stmt.where(exists(tagged))
    if flt.entity_id is not None:
        named = select(EntityMention.id).where(
            EntityMention.article_id == Article.id, EntityMention.entity_id == flt.entity_id
        )
        stmt = stmt.where(exists(named))
    if flt.article_ids is not None:
        stmt = stmt.where(in_ids(Article.id, flt.article_ids))
    if flt.coder is not None:
        coded = select(Claim.id).join(Annotator, Annotator.id == Claim.annotator_id).where(
            Claim.article_id == Article.id, Annotator.name == flt.coder)
        stmt = stmt.where(exists(coded))
    if flt.text:
        stmt = _apply_text(stmt, flt.text, session)
    return stmt


def _apply_text(stmt: SelectT, query: str, session: Session) -> SelectT:
    match = fts.build_match(query, prefix_last=True)
    if match is None:
        return stmt
    if fts.fts_available(session):
        return stmt.where(Article.id.in_(text(fts.matching_article_ids_sql()).bindparams(fts=match)))
    hits = fts.search_like(session, query, limit=100_000)
    return stmt.where(Article.id.in_([h.article_id for h in hits]))


def _detail(a: Article) -> ArticleDetail:
    return ArticleDetail(
        id=a.id,
        title=a.title_user or a.title,
        outlet=a.outlet_user or a.outlet,
        author=a.author_user or a.author,
        published=a.published_user or a.published,
        status=a.status,
        body=a.body,
        source_path=a.source_path,
        source_url=a.source_url,
        source_format=a.source_format,
        analyser_version=a.analyser_version,
        analysis_error=a.analysis_error,
        word_count=a.word_count,
        found={"title": a.title, "author": a.author, "outlet": a.outlet, "published": a.published},
    )


class ArticleService:
    def __init__(self, store: Store) -> None:
        self._store = store

    @staticmethod
    def row_values(parsed: ParsedArticle, content_hash: str) -> dict[str, object]:
        """The column values of a new article; the body is never written again after this."""
        return {
            "title": (parsed.title or "(untitled)")[:META_MAX["title"]],
            # What a reader found is cut to the columns' lengths: PostgreSQL refuses a longer value,
            # and with it the whole batch (a page's author meta tag can hold anything).
            "author": parsed.author[:META_MAX["author"]] if parsed.author else parsed.author,
            "outlet": parsed.outlet[:META_MAX["outlet"]] if parsed.outlet else parsed.outlet,
            "published": parsed.published,
            "source_path": parsed.source_path,
            "source_url": parsed.source_url,
            "source_format": parsed.format,
            "original_text": parsed.original_text,
            "body": parsed.body,
            "content_hash": content_hash,
            "word_count": len(parsed.body.split()),
            "imported_at": utcnow(),
            "status": "unread",
        }

    def add(self, session: Session, parsed: ParsedArticle, content_hash: str) -> Article:
        """Stage one parsed article in the caller's transaction."""
        article = Article(**self.row_values(parsed, content_hash))
        session.add(article)
        return article

    def id_for_hash(self, content_hash: str) -> int | None:
        with self._store.read() as s:
            return s.scalar(select(Article.id).where(Article.content_hash == content_hash))

    def count(self, flt: ArticleFilter | None = None) -> int:
        with self._store.read() as s:
            stmt = apply_filter(select(func.count(Article.id)), flt, s)
            return s.scalar(stmt) or 0

    def ids(self, flt: ArticleFilter | None = None, sort: str = "imported", descending: bool = False,
            limit: int | None = None) -> list[int]:
        """Every matching id in order (or the first `limit`): rows are fetched by page. The list's own
        order (by date) is read off an index, so its first page costs the same in any library."""
        with self._store.read() as s:
            stmt = apply_filter(select(Article.id), flt, s).order_by(*self._order(sort, descending)).limit(limit)
            return list(s.scalars(stmt))

    def rows(
        self,
        flt: ArticleFilter | None = None,
        sort: str = "imported",
        descending: bool = False,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        with self._store.read() as s:
            stmt = apply_filter(select(*_row_columns()), flt, s).order_by(*self._order(sort, descending))
            stmt = stmt.offset(offset).limit(limit)
            return [ArticleRow(*r) for r in s.execute(stmt)]

    def rows_by_id(self, ids: list[int]) -> dict[int, ArticleRow]:
        with self._store.read() as s:
            rows = s.execute(select(*_row_columns()).where(in_ids(Article.id, ids)))
            return {r[0]: ArticleRow(*r) for r in rows}

    @staticmethod
    def _order(sort: str, descending: bool) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
        if sort not in SORT_KEYS:
            raise UserError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_KEYS)}")
        key = SORT_KEYS[sort]()
        return (key.desc() if descending else key.asc(), Article.id.desc() if descending else Article.id.asc())

    def get(self, article_id: int) -> ArticleDetail:
        with self._store.read() as s:
            article = s.get(Article, article_id)
            if article is None:
                raise NotFound(f"no article with id {article_id}")
            return _detail(article)

    def get_many(self, article_ids: list[int]) -> list[ArticleDetail]:
        """Several articles in the order asked, in one read; unknown ids are left out."""
        with self._store.read() as s:
            found = {a.id: _detail(a) for a in s.scalars(select(Article).where(in_ids(Article.id, article_ids)))}
        return [found[i] for i in article_ids if i in found]

    def outlets(self) -> list[str]:
        with self._store.read() as s:
            col = func.coalesce(Article.outlet_user, Article.outlet)
            found = s.scalars(select(col).where(col.is_not(None)).distinct())
            return sorted(found, key=lambda o: (o.casefold(), o))  # as the list sorts them: case ignored

    def newest_date(self) -> dt.date | None:
        """The latest publication date in the library: where a date filter's calendar should open."""
        with self._store.read() as s:
            return s.scalar(select(func.max(func.coalesce(Article.published_user, Article.published))))

    def set_status(self, article_id: int, status: str) -> str:
        """Returns the previous status, for undo."""
        if status not in STATUSES:
            raise UserError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
        with self._store.write("article.status", article_id=article_id, status=status) as s:
            article = self._require(s, article_id)
            old, article.status = article.status, status
            return old

    def set_metadata(self, article_id: int, field: str, value: str | dt.date | None) -> str | dt.date | None:
        """Record a person's correction beside what the reader found; returns the previous correction."""
        if field not in EDITABLE_META:
            raise UserError(f"{field!r} cannot be edited")
        if field == "published" and isinstance(value, str):
            value = _parse_date(value)
        elif isinstance(value, str):
            value = value.strip()  # a correction of spaces only clears it, as an empty one does
            limit = META_MAX[field]
            if len(value) > limit:  # PostgreSQL refuses a longer value outright
                raise UserError(f"the {field} is too long ({len(value):,} characters; at most {limit:,})")
        with self._store.write("article.metadata", article_id=article_id, field=field, value=value) as s:
            article = self._require(s, article_id)
            old: str | dt.date | None = getattr(article, f"{field}_user")
            setattr(article, f"{field}_user", value or None)
            return old

    def delete(self, article_id: int) -> None:
        """Remove an article that nobody has annotated; a person's claims block it."""
        with self._store.write("article.delete", article_id=article_id) as s:
            article = self._require(s, article_id)
            if s.scalar(select(func.count(Claim.id)).where(Claim.article_id == article_id)):
                raise UserError("this article has claims; delete them first")
            s.delete(article)

    @staticmethod
    def _require(s: Session, article_id: int) -> Article:
        article = s.get(Article, article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id}")
        return article


def _parse_date(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise UserError(f"not a date (YYYY-MM-DD): {value}") from exc
