"""Analysed names to library entities for a batch of articles: the spellings read once, written in bulk.

The rule is resolve_entity's, applied in memory to the batch's spellings so that a thousand
names cost a few queries rather than a few thousand: through any known spelling (longest
first, the analysed type before its kindred types, the oldest spelling on ties), else a new
entity. Spellings and entities made earlier in the batch take part exactly as if they had
been written already, so a batch gives the same library as its articles written one by one.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from db.models import Entity, EntityAlias
from desktop.analysis.aliases import alias_norm
from desktop.services.sql_types import table_of

# The small model calls one place a country here and an organisation there ("Veltra" banned
# exports); across the library such a name is one entity.
KINDRED: dict[str, tuple[str, ...]] = {"GPE": ("ORG", "LOC"), "ORG": ("GPE", "LOC"), "LOC": ("GPE", "ORG")}
NORMS_PER_QUERY = 500

EntityKey = int  # a stored entity's id, or (negative) one this batch makes


@dataclass
class _Spelling:
    order: tuple[int, int]  # (0, id) stored, (1, n) made here: the oldest wins a tie, as by id
    entity: EntityKey
    type: str


@dataclass
class _Entity:
    type: str
    type_by_user: bool
    retyped: bool = False  # made a place here (stored entities are updated at flush)


class EntityResolver:
    def __init__(self, s: Session) -> None:
        self._s = s
        self._by_norm: dict[str, list[_Spelling]] = {}
        self._loaded: set[str] = set()
        self._entities: dict[EntityKey, _Entity] = {}
        self._new_entities: list[tuple[EntityKey, str]] = []  # (key, name) in the order made
        self._new_spellings: list[tuple[EntityKey, str, str, str]] = []  # (entity, spelling, norm, type)
        self._made = 0  # spellings made by this resolver, flushed or not: their age among themselves
        self._norms: dict[str, str] = {}

    def norm(self, form: str) -> str:
        hit = self._norms.get(form)
        if hit is None:
            hit = self._norms[form] = alias_norm(form)
        return hit

    def load(self, names: Iterable[str]) -> None:
        """Read the stored spellings of these names (and their entities) once, before resolving."""
        wanted = sorted({n for n in map(self.norm, names) if n} - self._loaded)
        self._loaded.update(wanted)
        for start in range(0, len(wanted), NORMS_PER_QUERY):
            rows = self._s.execute(
                select(EntityAlias.id, EntityAlias.entity_id, EntityAlias.norm, EntityAlias.type, Entity.type,
                       Entity.type_by_user)
                .join(Entity, Entity.id == EntityAlias.entity_id)
                .where(EntityAlias.norm.in_(wanted[start:start + NORMS_PER_QUERY])))
            for alias_id, entity_id, norm, type_, entity_type, by_user in rows:
                self._by_norm.setdefault(norm, []).append(_Spelling((0, alias_id), entity_id, type_))
                # An entity already known here keeps what this batch made of it.
                self._entities.setdefault(entity_id, _Entity(entity_type, bool(by_user)))

    def resolve(self, name: str, type_: str, aliases: tuple[str, ...]) -> EntityKey:
        """The entity for an analysed one; its spellings must have been load()ed."""
        # Longest first; equal lengths in a fixed order, so that every process tries them alike.
        forms = sorted(dict.fromkeys((name, *aliases)), key=len, reverse=True)
        self.load(forms)
        norms = [n for n in map(self.norm, forms) if n]
        # A full name is better evidence than a lone surname shared by two people.
        for types in ((type_,), KINDRED.get(type_, ())):
            for n in norms:
                hit = self._best(n, types)
                if hit is not None:
                    self._add_spellings(hit, forms, type_)
                    if type_ == "GPE":
                        self._as_place(hit)
                    return hit
        key = -(len(self._new_entities) + 1)
        self._new_entities.append((key, name))
        self._entities[key] = _Entity(type_, False)
        self._add_spellings(key, forms, type_)
        return key

    def _best(self, norm: str, types: tuple[str, ...]) -> EntityKey | None:
        """The spelling's type as analysed, or the entity's as a person set it: "Marenhal" retyped
        from PERSON to GPE stays one entity when a later analyser says GPE too."""
        best: tuple[bool, tuple[int, int]] | None = None
        found = None
        for sp in self._by_norm.get(norm, ()):
            if sp.type in types or self._entities[sp.entity].type in types:
                rank = (sp.type not in types, sp.order)
                if best is None or rank < best:
                    best, found = rank, sp.entity
        return found

    def _as_place(self, key: EntityKey) -> None:
        """A name called a country anywhere is the country: "Veltra banned exports" makes the model
        say ORG, but an organisation is seldom taken for a country. A person's retype stands."""
        entity = self._entities[key]
        if entity.type in ("ORG", "LOC") and not entity.type_by_user:
            entity.type, entity.retyped = "GPE", True

    def _add_spellings(self, key: EntityKey, forms: list[str], type_: str) -> None:
        for form in forms:
            n = self.norm(form)
            if n and not any(sp.type == type_ for sp in self._by_norm.get(n, ())):
                self._by_norm.setdefault(n, []).append(_Spelling((1, self._made), key, type_))
                self._new_spellings.append((key, form, n, type_))
                self._made += 1

    def flush(self) -> dict[EntityKey, int]:
        """Write what this batch made (entities, spellings, places) and return every key's id."""
        ids: dict[EntityKey, int] = {k: k for k in self._entities if k > 0}
        if self._new_entities:
            # Made, then made a place: the version a one-by-one write gives it (each write bumps it).
            rows = [{"name": name, "type": self._entities[key].type, "version": 2 if self._entities[key].retyped else 1}
                    for key, name in self._new_entities]
            table = table_of(Entity)  # Core: the ORM's bulk INSERT sets the version column itself
            made = self._s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).all()
            ids.update(zip([k for k, _n in self._new_entities], made, strict=True))
        if self._new_spellings:
            self._s.execute(insert(table_of(EntityAlias)), [
                {"entity_id": ids[key], "alias": form, "norm": n, "type": type_, "by_user": False}
                for key, form, n, type_ in self._new_spellings])
        places = [k for k, e in self._entities.items() if k > 0 and e.retyped]  # stored before this batch
        if places:
            # Guarded as the ORM's version check would be: a person's retype since the read stands.
            self._s.execute(update(Entity).where(Entity.id.in_(places), Entity.type.in_(("ORG", "LOC")),
                                                 Entity.type_by_user.isnot(True))
                            .values(type="GPE", version=Entity.version + 1)
                            .execution_options(synchronize_session=False))
            for entity_id in places:  # an entity object this session holds would be stale
                held = self._s.identity_map.get(identity_key(Entity, entity_id))
                if held is not None:
                    self._s.expire(held)
        self._remember(ids)
        return ids

    def _remember(self, ids: dict[EntityKey, int]) -> None:
        """After a flush the batch's entities are stored ones: the resolver can go on."""
        self._entities = {ids[k]: e for k, e in self._entities.items()}
        for e in self._entities.values():
            e.retyped = False
        for spellings in self._by_norm.values():
            for sp in spellings:
                sp.entity = ids[sp.entity]
        self._new_entities, self._new_spellings = [], []
