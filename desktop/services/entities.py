"""Entities across the library: resolving analysed names, and a person's merges, splits, renames."""
from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, literal, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from db.ids import in_ids
from db.models import Article, Claim, Entity, EntityAlias, EntityMention, Quote
from desktop.analysis.aliases import alias_norm
from desktop.services.dto import ArticleCounts, EntityInfo, MentionInfo, QuoteInfo
from desktop.services.entity_resolver import EntityResolver
from desktop.services.errors import NotFound, StaleEdit, UserError
from desktop.services.history import last_change_of, refusal
from desktop.services.store import Store

if TYPE_CHECKING:
    from sqlalchemy import Select

    QuoteSelect = Select[Quote, str | None, str]

HIGHLIGHTED_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW")


def resolve_entity(s: Session, name: str, type_: str, aliases: tuple[str, ...]) -> int:
    """The library entity for an analysed one: through any known alias, else a new entity.

    Aliases a person attached by merging take part like any other, which is how a merge
    survives re-analysis. The rule is EntityResolver's; an analysis resolves a batch at once.
    """
    resolver = EntityResolver(s)
    key = resolver.resolve(name, type_, aliases)
    return resolver.flush()[key]


def _add_aliases(s: Session, entity_id: int, forms: list[str], type_: str) -> None:
    for form in forms:
        n = alias_norm(form)
        if n and s.scalar(select(EntityAlias.id).where(EntityAlias.norm == n, EntityAlias.type == type_)) is None:
            s.add(EntityAlias(entity_id=entity_id, alias=form, norm=n, type=type_))
    s.flush()


class EntityService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self, article_id: int | None = None, types: tuple[str, ...] | None = None,
             limit: int | None = None) -> list[EntityInfo]:
        """Entities with counts, most mentioned first; for one article or the whole library."""
        # Counted per entity_id in the order of the (entity_id, article_id) index, then joined to
        # the entities: grouping by the joined entity sorted every mention of a large library.
        counting = select(EntityMention.entity_id, func.count().label("mentions"),
                          func.count(func.distinct(EntityMention.article_id)).label("articles"))
        if article_id is not None:
            counting = counting.where(EntityMention.article_id == article_id)
        counted = counting.group_by(EntityMention.entity_id).subquery()
        q = (select(Entity.id, Entity.name, Entity.type, counted.c.mentions, counted.c.articles, Entity.version)
             .join(counted, counted.c.entity_id == Entity.id)
             .order_by(counted.c.mentions.desc(), Entity.name))
        if types:
            q = q.where(Entity.type.in_(types))
        with self._store.read() as s:
            rows = s.execute(q.limit(limit)).all()
            aliases = _aliases(s, [r[0] for r in rows])
            return [EntityInfo(r[0], r[1], r[2], aliases.get(r[0], ()), r[3], r[4], r[5]) for r in rows]

    def get(self, entity_id: int) -> EntityInfo:
        with self._store.read() as s:
            e = s.get(Entity, entity_id)
            if e is None:
                raise NotFound(f"no entity with id {entity_id}")
            n, arts = s.execute(
                select(func.count(EntityMention.id), func.count(func.distinct(EntityMention.article_id)))
                .where(EntityMention.entity_id == entity_id)
            ).one()
            return EntityInfo(e.id, e.name, e.type, _aliases(s, [e.id]).get(e.id, ()), n, arts, e.version)

    def mentions(self, article_id: int) -> builtins.list[MentionInfo]:
        return self.mentions_by_article([article_id]).get(article_id, [])

    def mentions_by_article(self, article_ids: builtins.list[int] | None) -> dict[int, builtins.list[MentionInfo]]:
        """Entity mentions of many articles (None: all) in one read, in reading order."""
        found: dict[int, builtins.list[MentionInfo]] = {}
        q = (select(EntityMention.article_id, EntityMention.entity_id, Entity.name, Entity.type,
                    EntityMention.start, EntityMention.end, EntityMention.text)
             .join(Entity, Entity.id == EntityMention.entity_id)
             .order_by(EntityMention.article_id, EntityMention.start))
        if article_ids is not None:
            q = q.where(in_ids(EntityMention.article_id, article_ids))
        with self._store.read() as s:
            for article_id, entity_id, name, type_, start, end, text in s.execute(q):
                found.setdefault(article_id, []).append(MentionInfo(entity_id, name, type_, start, end, text))
        return found

    def quotes_by_article(self, article_ids: builtins.list[int] | None) -> dict[int, builtins.list[QuoteInfo]]:
        """Quotations of many articles (None: all) in one read, in reading order."""
        found: dict[int, builtins.list[QuoteInfo]] = {}
        def narrow(q: QuoteSelect) -> QuoteSelect:
            return q if article_ids is None else q.where(in_ids(Quote.article_id, article_ids))

        for quote in self._quotes(narrow):
            found.setdefault(quote.article_id, []).append(quote)
        return found

    def quotes(self, article_id: int | None = None, speaker_id: int | None = None) -> builtins.list[QuoteInfo]:
        def narrow(q: QuoteSelect) -> QuoteSelect:
            if article_id is not None:
                q = q.where(Quote.article_id == article_id)
            if speaker_id is not None:
                q = q.where(Quote.speaker_entity_id == speaker_id)
            return q

        return self._quotes(narrow)

    def _quotes(self, narrow: Callable[[QuoteSelect], QuoteSelect]) -> builtins.list[QuoteInfo]:
        with self._store.read() as s:
            q = (
                select(Quote, Entity.name, func.coalesce(Article.title_user, Article.title))
                .outerjoin(Entity, Entity.id == Quote.speaker_entity_id)
                .join(Article, Article.id == Quote.article_id)
                .order_by(Quote.article_id, Quote.start)
            )
            return [
                QuoteInfo(qt.id, qt.article_id, qt.start, qt.end, qt.text, qt.speaker_entity_id,
                          name or qt.speaker_text, qt.speaker_text, qt.cue, qt.is_scare, title)
                for qt, name, title in s.execute(narrow(q))
            ]

    def article_counts(self, article_ids: Iterable[int]) -> dict[int, ArticleCounts]:
        """Distinct entities and quotes per article, for list views; any number of articles
        (in_ids: a plain IN of more than 65,535 ids fails on PostgreSQL)."""
        ids = list(article_ids)
        if not ids:
            return {}
        with self._store.read() as s:
            entities = dict(s.execute(
                select(EntityMention.article_id, func.count(func.distinct(EntityMention.entity_id)))
                .where(in_ids(EntityMention.article_id, ids)).group_by(EntityMention.article_id)
            ).all())
            quotes = dict(s.execute(
                select(Quote.article_id, func.count(Quote.id))
                .where(in_ids(Quote.article_id, ids), Quote.is_scare.is_(False)).group_by(Quote.article_id)
            ).all())
        return {i: ArticleCounts(entities.get(i, 0), quotes.get(i, 0)) for i in ids}

    # ---- a person's decisions
    def rename(self, entity_id: int, name: str, expected_version: int | None = None) -> RenameRecord:
        """Rename; the new name also becomes a spelling of the entity. Returns what undo_rename needs."""
        name = " ".join(name.split())
        if not name:
            raise UserError("an entity needs a name")
        if len(name) > 500:  # the column's length: PostgreSQL refuses a longer value outright
            raise UserError(f"the name is too long ({len(name):,} characters; at most 500)")
        with self._store.write("entity.rename", entity_id=entity_id, name=name) as s:
            e = self._require_fresh(s, entity_id, expected_version)
            before = set(_alias_ids(s, e.id))
            old_name, old_by_user = e.name, e.name_by_user
            e.name, e.name_by_user = name, True
            _add_aliases(s, e.id, [name], _alias_type(s, e))
            added = tuple(i for i in _alias_ids(s, e.id) if i not in before)
            return RenameRecord(old_name, old_by_user, added)

    def undo_rename(self, entity_id: int, record: RenameRecord) -> None:
        """The name as it was, whether it was the person's, and without the spelling the rename added
        (else a later article with that spelling would still be read as this entity)."""
        with self._store.write("entity.rename", entity_id=entity_id, name=record.old_name) as s:
            e = _require(s, entity_id)
            e.name, e.name_by_user = record.old_name, record.old_by_user
            if record.added_alias_ids:
                s.execute(delete(EntityAlias).where(EntityAlias.id.in_(record.added_alias_ids)))

    def retype(self, entity_id: int, type_: str, expected_version: int | None = None) -> RetypeRecord:
        type_ = type_.strip().upper()
        if not re.fullmatch(r"[A-Z_]{2,20}", type_):
            raise UserError(f"not an entity type: {type_}")
        with self._store.write("entity.retype", entity_id=entity_id, type=type_) as s:
            e = self._require_fresh(s, entity_id, expected_version)
            record = RetypeRecord(e.type, e.type_by_user)
            e.type, e.type_by_user = type_, True
            return record

    def undo_retype(self, entity_id: int, record: RetypeRecord) -> None:
        """The type as it was, and whether a person had chosen it (that decides how it is read later)."""
        with self._store.write("entity.retype", entity_id=entity_id, type=record.old_type) as s:
            e = _require(s, entity_id)
            e.type, e.type_by_user = record.old_type, record.old_by_user

    def _require_fresh(self, s: Session, entity_id: int, expected_version: int | None) -> Entity:
        """The entity to change, unless a colleague renamed, retyped or merged it since the person saw it."""
        e = s.get(Entity, entity_id)
        if expected_version is not None and (e is None or e.version != expected_version):
            last = last_change_of(s, "entity.", "entity_id", entity_id)
            raise StaleEdit(refusal(last, self._store.annotator, "entity", gone=e is None), None, kind="entity")
        return _require(s, entity_id)

    def merge(self, source_ids: builtins.list[int], target_id: int) -> MergeRecord:
        """Fold entities into one; their spellings become the target's, so re-analysis keeps the merge.

        Returns what moved, so the merge can be undone exactly.
        """
        sources = [i for i in dict.fromkeys(source_ids) if i != target_id]
        if not sources:
            raise UserError("choose at least two different entities to merge")
        with self._store.write("entity.merge", sources=sources, target=target_id) as s:
            _require(s, target_id)
            record = MergeRecord(
                target_id=target_id,
                entities=tuple((e.id, e.name, e.type, e.name_by_user, e.type_by_user)
                               for e in (_require(s, i) for i in sources)),
                aliases=_moved(s, EntityAlias, EntityAlias.entity_id, sources, extra=EntityAlias.by_user),
                mentions=_moved(s, EntityMention, EntityMention.entity_id, sources),
                quotes=_moved(s, Quote, Quote.speaker_entity_id, sources),
                claims=_moved(s, Claim, Claim.speaker_entity_id, sources),
            )
            s.execute(update(EntityAlias).where(EntityAlias.entity_id.in_(sources))
                      .values(entity_id=target_id, by_user=True))
            for model, col in ((EntityMention, EntityMention.entity_id), (Quote, Quote.speaker_entity_id),
                               (Claim, Claim.speaker_entity_id)):
                s.execute(update(model).where(col.in_(sources)).values({col.key: target_id}))
            s.execute(delete(Entity).where(Entity.id.in_(sources)))
            return record

    def unmerge(self, record: MergeRecord) -> None:
        """Undo a merge: the entities come back with their ids, and every moved row goes home."""
        with self._store.write("entity.unmerge", target=record.target_id) as s:
            taken = any(s.get(Entity, entity[0]) is not None for entity in record.entities)
            if taken or s.get(Entity, record.target_id) is None:  # numbers handed out again, or merged on
                raise StaleEdit("the library changed since the merge (entities were made, merged or re-analysed); "
                                "it cannot be undone", None, kind="entity")
            for eid, name, type_, name_by_user, type_by_user in record.entities:
                s.add(Entity(id=eid, name=name, type=type_, name_by_user=name_by_user, type_by_user=type_by_user))
            s.flush()
            for row_id, owner, by_user in record.aliases:
                s.execute(update(EntityAlias).where(EntityAlias.id == row_id)
                          .values(entity_id=owner, by_user=by_user))
            for model, col, rows in ((EntityMention, EntityMention.entity_id, record.mentions),
                                     (Quote, Quote.speaker_entity_id, record.quotes),
                                     (Claim, Claim.speaker_entity_id, record.claims)):
                for row_id, owner, _ in rows:
                    s.execute(update(model).where(model.id == row_id).values({col.key: owner}))

    def split(self, entity_id: int, aliases: builtins.list[str], name: str | None = None) -> int:
        """Move some spellings (and the mentions written that way) to a new entity."""
        wanted = {alias_norm(a) for a in aliases}
        with self._store.write("entity.split", entity_id=entity_id, aliases=aliases) as s:
            e = _require(s, entity_id)
            rows = [a for a in s.scalars(select(EntityAlias).where(EntityAlias.entity_id == entity_id))
                    if a.norm in wanted]
            remaining = s.scalar(select(func.count(EntityAlias.id)).where(EntityAlias.entity_id == entity_id)) or 0
            if not rows or len(rows) >= remaining:
                raise UserError("choose some, but not all, of the entity's spellings to split off")
            new = Entity(name=name or rows[0].alias, type=e.type, name_by_user=True)
            s.add(new)
            s.flush()
            for a in rows:
                a.entity_id, a.by_user = new.id, True
            for m in s.scalars(select(EntityMention).where(EntityMention.entity_id == entity_id)):
                if alias_norm(m.text) in wanted:
                    m.entity_id = new.id
            return new.id


@dataclass(frozen=True)
class RenameRecord:
    """What a rename changed, for its undo: the old name, whether a person had given it, the spellings added."""
    old_name: str
    old_by_user: bool
    added_alias_ids: tuple[int, ...]


@dataclass(frozen=True)
class RetypeRecord:
    old_type: str
    old_by_user: bool


@dataclass(frozen=True)
class MergeRecord:
    target_id: int
    entities: tuple[tuple[int, str, str, bool, bool], ...]
    aliases: tuple[tuple[int, int, bool], ...]  # (row id, former entity, former by_user)
    mentions: tuple[tuple[int, int, bool], ...]
    quotes: tuple[tuple[int, int, bool], ...]
    claims: tuple[tuple[int, int, bool], ...]


def _moved(s: Session, model: type[EntityAlias | EntityMention | Quote | Claim],
           col: InstrumentedAttribute[int] | InstrumentedAttribute[int | None], sources: list[int],
           extra: InstrumentedAttribute[bool] | None = None) -> tuple[tuple[int, int, bool], ...]:
    flag = extra if extra is not None else literal(False)
    rows = s.execute(select(model.id, col, flag).where(col.in_(sources)))
    # (row id, owner, flag); the owner is one of sources, never NULL
    return tuple((row_id, owner, bool(flag)) for row_id, owner, flag in rows if owner is not None)


def _require(s: Session, entity_id: int) -> Entity:
    e = s.get(Entity, entity_id)
    if e is None:
        raise NotFound(f"no entity with id {entity_id}")
    return e


def _alias_ids(s: Session, entity_id: int) -> list[int]:
    return list(s.scalars(select(EntityAlias.id).where(EntityAlias.entity_id == entity_id)))


def _alias_type(s: Session, e: Entity) -> str:
    first = s.scalar(select(EntityAlias.type).where(EntityAlias.entity_id == e.id).limit(1))
    return first or e.type


def _aliases(s: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    if ids:
        for eid, alias in s.execute(
            select(EntityAlias.entity_id, EntityAlias.alias).where(EntityAlias.entity_id.in_(ids))
        ):
            out.setdefault(eid, []).append(alias)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in out.items()}
