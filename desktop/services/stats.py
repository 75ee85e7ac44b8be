"""Counts behind the charts, for the whole library or a set of articles."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import extract, func, select
from sqlalchemy.sql.elements import Extract

from db.ids import in_ids
from db.models import Article, Claim, Entity, EntityMention, Quote, Tag, claim_tags
from desktop.palette import ENTITY_TYPES
from desktop.services.dto import Count, Undated
from desktop.services.revisions import superseded
from desktop.services.sql_types import AnyRow, AnySelect, IdColumn, SelectT
from desktop.services.store import Store

Bars = list[Count]
# Peoples ("Veltran", "Western") are adjectives more than names: counted, they crowd out the
# people, organisations and places a reader looks for among the most named.
MOST_NAMED_TYPES = tuple(t for t in ENTITY_TYPES if t != "NORP")


class StatsService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def claims_per_tag(self, article_ids: list[int] | None = None) -> Bars:
        q = (select(Tag.name, func.count(claim_tags.c.claim_id), Tag.id)
             .join(claim_tags, claim_tags.c.tag_id == Tag.id).join(Claim, Claim.id == claim_tags.c.claim_id)
             .group_by(Tag.id).order_by(func.count(claim_tags.c.claim_id).desc(), Tag.name))
        return self._bars(_scoped(q, Claim.article_id, article_ids))

    def claims_per_verdict(self, article_ids: list[int] | None = None) -> Bars:
        q = (select(Claim.verdict, func.count(Claim.id)).group_by(Claim.verdict)
             .order_by(func.count(Claim.id).desc(), Claim.verdict))  # ties in one order, whatever the plan
        return [Count(label, n) for label, n in self._rows(_scoped(q, Claim.article_id, article_ids))]

    def top_entities(self, article_ids: list[int] | None = None, limit: int = 12) -> Bars:
        # Counted per entity_id first, in the order of the (entity_id, article_id) index, then joined
        # to the names: grouping by the joined entity made SQLite sort 3 million rows (3x slower).
        counted = _scoped(select(EntityMention.entity_id,
                                 func.count(func.distinct(EntityMention.article_id)).label("articles"),
                                 func.count().label("mentions"))
                          .group_by(EntityMention.entity_id), EntityMention.article_id, article_ids).subquery()
        q = (select(Entity.name, counted.c.articles, Entity.id).join(counted, counted.c.entity_id == Entity.id)
             .where(Entity.type.in_(MOST_NAMED_TYPES))
             .order_by(counted.c.articles.desc(), counted.c.mentions.desc(), Entity.name).limit(limit))
        return self._bars(q)

    def top_speakers(self, article_ids: list[int] | None = None, limit: int = 12) -> Bars:
        q = (select(Entity.name, func.count(Quote.id), Entity.id).join(Quote, Quote.speaker_entity_id == Entity.id)
             .where(Quote.is_scare.is_(False)).group_by(Entity.id)
             .order_by(func.count(Quote.id).desc(), Entity.name).limit(limit))
        return self._bars(_scoped(q, Quote.article_id, article_ids))

    def articles_per_month(self, article_ids: list[int] | None = None) -> Bars:
        year, month = _year_month()
        q = (select(year, month, func.count(Article.id)).where(year.is_not(None))
             .group_by(year, month).order_by(year, month))
        return _months(self._rows(_scoped(q, Article.id, article_ids)))

    def claims_per_month(self, article_ids: list[int] | None = None) -> Bars:
        year, month = _year_month()
        q = (select(year, month, func.count(Claim.id)).join(Article, Article.id == Claim.article_id)
             .where(year.is_not(None)).group_by(year, month).order_by(year, month))
        return _months(self._rows(_scoped(q, Claim.article_id, article_ids)))

    def article_ids_with_verdict(self, verdict: str, article_ids: list[int] | None = None) -> list[int]:
        q = select(Claim.article_id).where(Claim.verdict == verdict).distinct()
        return [r[0] for r in self._rows(_scoped(q, Claim.article_id, article_ids))]

    def undated(self, article_ids: list[int] | None = None) -> Undated:
        published = func.coalesce(Article.published_user, Article.published)
        articles = select(func.count(Article.id)).where(published.is_(None))
        claims = (select(func.count(Claim.id)).join(Article, Article.id == Claim.article_id)
                  .where(published.is_(None)))
        return Undated(self._rows(_scoped(articles, Article.id, article_ids))[0][0],
                       self._rows(_scoped(claims, Claim.article_id, article_ids))[0][0])

    def undated_article_ids(self, article_ids: list[int] | None = None) -> list[int]:
        published = func.coalesce(Article.published_user, Article.published)
        q = select(Article.id).where(published.is_(None)).order_by(Article.id)
        return [r[0] for r in self._rows(_scoped(q, Article.id, article_ids))]

    def _rows(self, q: AnySelect) -> Sequence[AnyRow]:
        with self._store.read() as s:
            return s.execute(q).all()

    def _bars(self, q: AnySelect) -> Bars:
        return [Count(label, n, ident) for label, n, ident in self._rows(q)]


def _scoped(q: SelectT, column: IdColumn, article_ids: list[int] | None) -> SelectT:
    if column is Article.id:
        # An article revised since counts once, as its newest version, as in the list: the whole
        # library's charts counted both versions. (Its claims move to the new version and its
        # names and quotations are dropped, so the other counts need no such filter.)
        q = q.where(Article.id.not_in(superseded()))
    return q if article_ids is None else q.where(in_ids(column, article_ids))


def _year_month() -> tuple[Extract, Extract]:
    """Year and month of the date the user set, else the one found: EXTRACT works on SQLite and
    PostgreSQL alike (a string slice of a date does not exist on PostgreSQL)."""
    published = func.coalesce(Article.published_user, Article.published)
    return extract("year", published), extract("month", published)


def _months(rows: Sequence[AnyRow]) -> Bars:
    return [Count(f"{int(y):04d}-{int(m):02d}", n) for y, m, n in rows]
