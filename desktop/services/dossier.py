"""One entity's dossier: every quotation by it and every claim about it, across the library."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from db.models import Claim, EntityMention
from desktop.services.claims import ClaimService
from desktop.services.dto import ClaimInfo, EntityInfo, QuoteInfo
from desktop.services.entities import EntityService
from desktop.services.store import Store
from desktop.services.trail import Trail, TrailService

# A spelling this short ("EU", "UN") is only the entity in capitals; "us" in a sentence is not the US.
SHORT_SPELLING = 3


@dataclass(frozen=True)
class Dossier:
    entity: EntityInfo
    quotes: tuple[QuoteInfo, ...]
    claims: tuple[ClaimInfo, ...]
    trails: tuple[Trail, ...] = ()  # the entity's claims that are linked across articles


class DossierService:
    def __init__(self, store: Store, entities: EntityService, claims: ClaimService) -> None:
        self._store = store
        self._entities = entities
        self._claims = claims

    def get(self, entity_id: int) -> Dossier:
        entity = self._entities.get(entity_id)  # NotFound for an entity merged away meanwhile
        quotes = tuple(q for q in self._entities.quotes(speaker_id=entity_id) if not q.is_scare)
        claims = tuple(self._claims.by_ids(self.claim_ids_about(entity)))
        trails = tuple(TrailService(self._store).trails_for(c.id for c in claims))
        return Dossier(entity, quotes, claims, trails)

    def claim_ids_about(self, entity: EntityInfo) -> set[int]:
        """Claims spoken by the entity, covering one of its mentions, or naming it in so many words
        (in the claim or as its typed-in speaker).

        The spelling check catches what analysis missed: a claim in an article analysed before a
        merge taught the library a new spelling, or a name the model did not recognise there.
        """
        with self._store.read() as s:
            ids = set(s.scalars(select(Claim.id).where(Claim.speaker_entity_id == entity.id)))
            ids |= set(s.scalars(
                select(Claim.id).join(EntityMention, EntityMention.article_id == Claim.article_id)
                .where(EntityMention.entity_id == entity.id, EntityMention.start >= Claim.start,
                       EntityMention.end <= Claim.end)))
            spellings = {a.strip() for a in (entity.name, *entity.aliases) if a.strip()}
            if spellings:
                # The claim's words, or the speaker a person typed in ("Tomas Brenn").
                written = func.coalesce(Claim.speaker_text, "") + " " + Claim.text
                rough = or_(*(func.lower(written).contains(a.lower(), autoescape=True) for a in spellings))
                ids |= {cid for cid, text in s.execute(select(Claim.id, written).where(rough))
                        if names(text, spellings)}
        return ids


def names(text: str, spellings: Iterable[str]) -> bool:
    """Whether the text names one of the spellings as a word of its own ('Veltra' is not in 'Veltran')."""
    for spelling in spellings:
        flags = 0 if len(spelling) < SHORT_SPELLING else re.IGNORECASE
        if re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", text, flags):
            return True
    return False
