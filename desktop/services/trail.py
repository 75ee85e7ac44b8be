"""A claim's trail: it and every claim linked to it, by article date, with who said it and where
the figure changed."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from db.ids import in_ids
from db.models import Article, Claim, ClaimLink, Entity
from desktop.services.dto import LinkedClaim, OutletTrail
from desktop.services.errors import NotFound
from desktop.services.store import Store


@dataclass(frozen=True)
class TrailStop:
    claim_id: int
    article_id: int
    title: str
    outlet: str | None
    published: dt.date | None
    speaker: str | None
    text: str
    figures: tuple[str, ...]  # as written ("less than 5%")
    figure_changed: bool  # other figures than the stop before it that gave any


@dataclass(frozen=True)
class Trail:
    claim_id: int
    stops: tuple[TrailStop, ...]  # dated stops oldest first, undated ones last

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.outlet for s in self.stops if s.outlet))

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.speaker for s in self.stops if s.speaker))

    @property
    def first_seen(self) -> TrailStop | None:
        return next((s for s in self.stops if s.published), self.stops[0] if self.stops else None)

    @property
    def changes(self) -> tuple[TrailStop, ...]:
        return tuple(s for s in self.stops if s.figure_changed)

    def summary(self) -> str:
        """One line: 'In 3 articles, 2 outlets · first seen 3 Mar 2026, Coastal Ledger · figure changed …'."""
        if len(self.stops) < 2:
            return "Not linked to a claim elsewhere yet"
        parts = [f"In {len(self.stops)} articles, {len(self.outlets) or 'no'} outlet"
                 f"{'' if len(self.outlets) == 1 else 's'}"]
        first = self.first_seen
        if first and first.published:
            parts.append(f"first seen {first.published:%-d %b %Y}" + (f", {first.outlet}" if first.outlet else ""))
        for stop in self.changes:
            parts.append(f"figure changed to {', '.join(stop.figures)} ({stop.outlet or stop.title})")
        return " · ".join(parts)


class TrailService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def linked_ids(self, claim_id: int) -> set[int]:
        """The claim and everything reachable from it through links, either way."""
        with self._store.read() as s:
            if s.get(Claim, claim_id) is None:
                raise NotFound(f"no claim with id {claim_id}")
            seen, frontier = {claim_id}, {claim_id}
            while frontier:
                rows = s.execute(select(ClaimLink.from_claim_id, ClaimLink.to_claim_id).where(
                    ClaimLink.from_claim_id.in_(frontier) | ClaimLink.to_claim_id.in_(frontier))).all()
                frontier = {x for row in rows for x in row} - seen
                seen |= frontier
            return seen

    def get(self, claim_id: int) -> Trail:
        from desktop.claims_match.features import figure_phrases, quantities  # numpy & co. only when needed

        ids = self.linked_ids(claim_id)
        with self._store.read() as s:
            rows = s.execute(
                select(Claim.id, Claim.article_id, Claim.text, Claim.speaker_text, Entity.name,
                       Article.title_user, Article.title, Article.outlet_user, Article.outlet,
                       Article.published_user, Article.published)
                .join(Article, Article.id == Claim.article_id)
                .outerjoin(Entity, Entity.id == Claim.speaker_entity_id)
                .where(Claim.id.in_(ids))).all()
        rows = sorted(rows, key=lambda r: (r.published_user or r.published or dt.date.max, r.id))
        stops, before = [], None
        for r in rows:
            values = frozenset(quantities(r.text))
            changed = bool(values and before is not None and values != before)
            if values:
                before = values
            stops.append(TrailStop(
                claim_id=r.id, article_id=r.article_id, title=r.title_user or r.title,
                outlet=r.outlet_user or r.outlet, published=r.published_user or r.published,
                speaker=r.name or r.speaker_text, text=r.text, figures=tuple(figure_phrases(r.text)),
                figure_changed=changed))
        return Trail(claim_id, tuple(stops))

    def trails_for(self, claim_ids: Iterable[int]) -> list[Trail]:
        """The distinct trails (two claims or more) that pass through any of the given claims."""
        linked = self.links_by_claim(claim_ids)
        seen: set[int] = set()
        out = []
        for claim_id in sorted(linked):
            if claim_id in seen:
                continue
            trail = self.get(claim_id)
            seen |= {s.claim_id for s in trail.stops}
            out.append(trail)
        return out

    def links_by_claim(self, claim_ids: Iterable[int]) -> dict[int, list[LinkedClaim]]:
        """(kind, other claim id, note) for every linked claim among the given ones, read in one query."""
        ids = set(claim_ids)
        if not ids:
            return {}
        out: dict[int, list[LinkedClaim]] = {}
        with self._store.read() as s:
            rows = s.execute(select(ClaimLink.from_claim_id, ClaimLink.to_claim_id, ClaimLink.kind, ClaimLink.note)
                             .where(in_ids(ClaimLink.from_claim_id, ids) | in_ids(ClaimLink.to_claim_id, ids))
                             .order_by(ClaimLink.id)).all()
        for frm, to, kind, note in rows:
            for mine, other in ((frm, to), (to, frm)):
                if mine in ids:
                    out.setdefault(mine, []).append(LinkedClaim(kind, other, note))
        return out

    def claims_per_outlet(self, article_ids: list[int] | None = None) -> list[OutletTrail]:
        """(outlet, linked claims, their articles) for claims linked across articles, most first:
        which outlets carry the claims that travel. Scoped to the given articles when given."""
        with self._store.read() as s:
            pairs = s.execute(select(ClaimLink.from_claim_id, ClaimLink.to_claim_id)).all()
            linked = {x for pair in pairs for x in pair}
            if not linked:
                return []
            q = (select(Claim.id, Claim.article_id, func.coalesce(Article.outlet_user, Article.outlet, "no outlet"))
                 .join(Article, Article.id == Claim.article_id).where(in_ids(Claim.id, linked)))
            if article_ids is not None:
                q = q.where(in_ids(Claim.article_id, article_ids))
            rows = s.execute(q).all()
        per: dict[str, tuple[int, set[int]]] = {}
        for _cid, aid, outlet in rows:
            n, ids = per.get(outlet, (0, set()))
            per[outlet] = (n + 1, ids | {aid})
        return sorted((OutletTrail(o, n, tuple(sorted(ids))) for o, (n, ids) in per.items()),
                      key=lambda r: (-r.claims, r.outlet))
