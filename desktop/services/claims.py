"""Claims: a person's marked passages with tags, verdict, speaker and note."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from db.ids import in_ids
from db.models import Annotator, Article, Claim, ClaimLink, Entity, Tag, claim_tags, utcnow
from db.upsert import insert_if_absent
from desktop.services.dto import LINK_KINDS, VERDICTS, ClaimInfo, ClaimLinkInfo, ClaimSnapshot
from desktop.services.errors import NotFound, StaleEdit, UserError
from desktop.services.history import last_change, local_time
from desktop.services.sql_types import SelectT
from desktop.services.store import Store

if TYPE_CHECKING:
    from sqlalchemy import Select

    ClaimSelect = Select[Claim]

EDITABLE = ("verdict", "note", "speaker_entity_id", "speaker_text")


def _info(c: Claim, speaker_name: str | None, coder: str | None = None) -> ClaimInfo:
    return ClaimInfo(
        id=c.id,
        article_id=c.article_id,
        start=c.start,
        end=c.end,
        text=c.text,
        verdict=c.verdict,
        tag_ids=tuple(t.id for t in c.tags),
        tag_names=tuple(t.name for t in c.tags),
        speaker_entity_id=c.speaker_entity_id,
        speaker=speaker_name or c.speaker_text,
        note=c.note,
        created_at=c.created_at,
        updated_at=c.updated_at,
        article_title=c.article.title_user or c.article.title,
        annotator=coder,
        version=c.version,
    )


def find_passage(body: str, passage: str, occurrence: int | None = None) -> tuple[int, int]:
    """The span of an exact passage; ambiguity needs an explicit occurrence (1-based)."""
    if not passage:
        raise UserError("the passage is empty")
    starts, i = [], body.find(passage)
    while i >= 0:
        starts.append(i)
        i = body.find(passage, i + 1)
    if not starts:
        raise UserError("the passage does not occur in the article (it must match the text exactly)")
    if occurrence is None:
        if len(starts) > 1:
            raise UserError(f"the passage occurs {len(starts)} times; choose one with --occurrence 1..{len(starts)}")
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise UserError(f"--occurrence must be between 1 and {len(starts)}")
    start = starts[occurrence - 1]
    return start, start + len(passage)


class ClaimService:
    def __init__(self, store: Store) -> None:
        self._store = store
        # claim id -> the version this library last wrote: undo and redo expect to find it.
        self._written: dict[int, int] = {}

    def written(self, claim_id: int) -> int | None:
        return self._written.get(claim_id)

    # ---- reading
    def for_article(self, article_id: int, coder: str | None = None) -> list[ClaimInfo]:
        """The article's claims; with a coder, only the ones that person made (blind coding)."""
        return self._query(lambda q: _by_coder(q.where(Claim.article_id == article_id), coder)
                           .order_by(Claim.start, Claim.id))

    def all(self, tag_id: int | None = None, article_ids: list[int] | None = None,
            coder: str | None = None) -> list[ClaimInfo]:
        def narrow(q: ClaimSelect) -> ClaimSelect:
            q = _by_coder(q, coder)
            if tag_id is not None:
                q = q.where(Claim.id.in_(select(claim_tags.c.claim_id).where(claim_tags.c.tag_id == tag_id)))
            if article_ids is not None:
                q = q.where(in_ids(Claim.article_id, article_ids))
            return q.order_by(Claim.article_id, Claim.start, Claim.id)

        return self._query(narrow)

    def get(self, claim_id: int) -> ClaimInfo:
        found = self._query(lambda q: q.where(Claim.id == claim_id))
        if not found:
            raise NotFound(f"no claim with id {claim_id}")
        return found[0]

    def by_ids(self, claim_ids: Iterable[int]) -> list[ClaimInfo]:
        """The given claims in reading order: by article, then position."""
        ids = list(claim_ids)
        return self._query(lambda q: q.where(in_ids(Claim.id, ids)).order_by(Claim.article_id, Claim.start, Claim.id))

    def _query(self, narrow: Callable[[ClaimSelect], ClaimSelect]) -> list[ClaimInfo]:
        with self._store.read() as s:
            q = narrow(select(Claim).options(selectinload(Claim.tags), selectinload(Claim.article)))
            claims = list(s.scalars(q))
            names = _speaker_names(s, {c.speaker_entity_id for c in claims if c.speaker_entity_id})
            coders = _coder_names(s, {c.annotator_id for c in claims if c.annotator_id})
            return [_info(c, names.get(c.speaker_entity_id), coders.get(c.annotator_id)) for c in claims]

    def count(self) -> int:
        with self._store.read() as s:
            return s.scalar(select(func.count(Claim.id))) or 0

    # ---- writing
    def create(
        self,
        article_id: int,
        start: int,
        end: int,
        tag_ids: tuple[int, ...] | list[int] = (),
        verdict: str = "unverified",
        note: str = "",
        speaker_entity_id: int | None = None,
        speaker_text: str | None = None,
        claim_id: int | None = None,
    ) -> ClaimInfo:
        _check_verdict(verdict)
        _check_speaker(speaker_text)
        with self._store.write("claim.create", article_id=article_id, start=start, end=end) as s:
            article = s.get(Article, article_id)
            if article is None:
                raise NotFound(f"no article with id {article_id}")
            if not (0 <= start < end <= len(article.body)):
                raise UserError(f"the span {start}-{end} is outside the article (length {len(article.body)})")
            claim = Claim(
                id=claim_id,
                article_id=article_id,
                start=start,
                end=end,
                text=article.body[start:end],
                verdict=verdict,
                note=note,
                speaker_entity_id=speaker_entity_id,
                speaker_text=speaker_text,
                annotator_id=_annotator_id(s, self._store.annotator),
                tags=_tags(s, tag_ids),
            )
            s.add(claim)
            s.flush()
            new_id = s.info["claim_id"] = claim.id
        return self._remember(self.get(new_id))

    def _remember(self, info: ClaimInfo) -> ClaimInfo:
        self._written[info.id] = info.version
        return info

    def update(self, claim_id: int, expected_version: int | None = None, **changes: object) -> dict[str, object]:
        """Set verdict, note or speaker; returns the previous values for undo.

        With expected_version (the version the person was looking at) the edit is refused when a
        colleague changed or deleted the claim since: StaleEdit carries the claim as it is now.
        """
        if set(changes) - set(EDITABLE):
            raise UserError(f"cannot change {', '.join(sorted(set(changes) - set(EDITABLE)))} of a claim")
        if "verdict" in changes:
            _check_verdict(str(changes["verdict"]))
        if isinstance(changes.get("speaker_text"), str):
            _check_speaker(str(changes["speaker_text"]))
        with self._store.write("claim.update", claim_id=claim_id, **changes) as s:
            claim = self._require_fresh(s, claim_id, expected_version)
            speaker = changes.get("speaker_entity_id")
            if speaker is not None and s.get(Entity, speaker) is None:  # merged away since it was chosen
                raise UserError("that speaker is no longer in the library (merged or removed); "
                                "your change was not saved")
            old = {k: getattr(claim, k) for k in changes}
            for k, v in changes.items():
                setattr(claim, k, v)
            claim.updated_at = utcnow()
            s.flush()
            version = claim.version
        self._written[claim_id] = version
        return old

    def set_tags(self, claim_id: int, tag_ids: list[int] | tuple[int, ...],
                 expected_version: int | None = None) -> tuple[int, ...]:
        """Replace a claim's tags; returns the previous ones. expected_version as in update()."""
        with self._store.write("claim.tags", claim_id=claim_id, tag_ids=list(tag_ids)) as s:
            claim = self._require_fresh(s, claim_id, expected_version)
            old = tuple(t.id for t in claim.tags)
            claim.tags = _tags(s, tag_ids)
            claim.updated_at = utcnow()
            s.flush()
            version = claim.version
        self._written[claim_id] = version
        return old

    def delete(self, claim_id: int, expected_version: int | None = None) -> ClaimSnapshot:
        with self._store.write("claim.delete", claim_id=claim_id) as s:
            claim = self._require_fresh(s, claim_id, expected_version)
            links = s.scalars(
                select(ClaimLink).where((ClaimLink.from_claim_id == claim_id) | (ClaimLink.to_claim_id == claim_id))
            )
            snap = ClaimSnapshot(
                id=claim.id,
                article_id=claim.article_id,
                start=claim.start,
                end=claim.end,
                text=claim.text,
                verdict=claim.verdict,
                tag_ids=tuple(t.id for t in claim.tags),
                speaker_entity_id=claim.speaker_entity_id,
                speaker_text=claim.speaker_text,
                note=claim.note,
                annotator_id=claim.annotator_id,
                created_at=claim.created_at,
                links=tuple((lk.from_claim_id, lk.to_claim_id, lk.kind, lk.note) for lk in links),
            )
            s.delete(claim)
            s.flush()  # the versioned DELETE runs here, so a colleague's change in between refuses it
        self._written.pop(claim_id, None)
        return snap

    def restore(self, snap: ClaimSnapshot) -> ClaimInfo:
        """Put a deleted claim back with its id, tags and links (undo of delete)."""
        with self._store.write("claim.restore", claim_id=snap.id) as s:
            if s.get(Claim, snap.id) is not None:  # SQLite hands the highest number out again
                raise StaleEdit("a claim made since (in another window or by a colleague) has taken this "
                                "claim's place; it cannot come back", None)
            s.add(
                Claim(
                    id=snap.id,
                    article_id=snap.article_id,
                    start=snap.start,
                    end=snap.end,
                    text=snap.text,
                    verdict=snap.verdict,
                    speaker_entity_id=snap.speaker_entity_id,
                    speaker_text=snap.speaker_text,
                    note=snap.note,
                    annotator_id=snap.annotator_id,
                    created_at=snap.created_at,
                    tags=_tags(s, snap.tag_ids, missing_ok=True),
                )
            )
            s.flush()
            for frm, to, kind, note in snap.links:
                if s.get(Claim, frm) and s.get(Claim, to):
                    s.add(ClaimLink(from_claim_id=frm, to_claim_id=to, kind=kind, note=note))
        return self._remember(self.get(snap.id))

    def version(self, claim_id: int) -> int | None:
        """The claim's current version, None when it no longer exists."""
        with self._store.read() as s:
            return s.scalar(select(Claim.version).where(Claim.id == claim_id))

    def _require_fresh(self, s: Session, claim_id: int, expected_version: int | None) -> Claim:
        """The claim to edit, unless a colleague deleted it or changed it since the person saw it."""
        claim = s.get(Claim, claim_id)
        if claim is None:
            if expected_version is None:
                raise NotFound(f"no claim with id {claim_id}")
            last = last_change(s, claim_id)
            who = _who(last.who if last else None, self._store.annotator)
            when = f" at {local_time(last.at)}" if last else ""
            raise StaleEdit(f"{who} deleted this claim{when}; your change was not saved", None)
        if expected_version is not None and claim.version != expected_version:
            last = last_change(s, claim_id)
            who = _who(last.who if last else None, self._store.annotator)
            when = f" at {local_time(last.at)}" if last else ""
            current = _info(claim, _speaker_names(s, {claim.speaker_entity_id} - {None}).get(claim.speaker_entity_id),
                            _coder_names(s, {claim.annotator_id} - {None}).get(claim.annotator_id))
            raise StaleEdit(f"{who} changed this claim{when} — here is {_whose(who)} version; "
                            "your change was not saved", current)
        return claim

    # ---- links across articles
    def link(self, from_id: int, to_id: int, kind: str = "repeats", note: str = "") -> int:
        if kind not in LINK_KINDS:
            raise UserError(f"unknown link {kind!r}; choose one of {', '.join(LINK_KINDS)}")
        if from_id == to_id:
            raise UserError("a claim cannot be linked to itself")
        with self._store.write("claim.link", from_id=from_id, to_id=to_id, kind=kind) as s:
            _require(s, from_id)
            _require(s, to_id)
            # The link dialog offers every other claim, linked or not: a second link of the same kind
            # is refused in words, not by the database's unique constraint.
            if s.scalar(select(ClaimLink.id).where(ClaimLink.from_claim_id == from_id, ClaimLink.to_claim_id == to_id,
                                                   ClaimLink.kind == kind)) is not None:
                raise UserError(f"these claims are already linked ({kind})")
            link = ClaimLink(from_claim_id=from_id, to_claim_id=to_id, kind=kind, note=note)
            s.add(link)
            s.flush()
            return link.id

    def unlink(self, link_id: int) -> None:
        with self._store.write("claim.unlink", link_id=link_id) as s:
            s.execute(delete(ClaimLink).where(ClaimLink.id == link_id))

    def links(self, claim_id: int) -> list[ClaimLinkInfo]:
        with self._store.read() as s:
            rows = s.scalars(
                select(ClaimLink).where((ClaimLink.from_claim_id == claim_id) | (ClaimLink.to_claim_id == claim_id))
            )
            out = []
            for lk in rows:
                other = _require(s, lk.to_claim_id if lk.from_claim_id == claim_id else lk.from_claim_id)
                out.append(
                    ClaimLinkInfo(
                        lk.id, lk.from_claim_id, lk.to_claim_id, lk.kind, lk.note,
                        other.article_id, other.article.title_user or other.article.title, other.text,
                    )
                )
            return out


def _check_verdict(verdict: str) -> None:
    if verdict not in VERDICTS:
        raise UserError(f"unknown verdict {verdict!r}; choose one of {', '.join(VERDICTS)}")


SPEAKER_MAX = 1000  # the column's length: PostgreSQL refuses a longer value outright


def _check_speaker(speaker: str | None) -> None:
    if speaker is not None and len(speaker) > SPEAKER_MAX:
        raise UserError(f"the speaker is too long ({len(speaker):,} characters; at most {SPEAKER_MAX:,})")


def _require(s: Session, claim_id: int) -> Claim:
    claim = s.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def _tags(s: Session, tag_ids: Iterable[int], missing_ok: bool = False) -> list[Tag]:
    ids = list(dict.fromkeys(tag_ids))
    tags = list(s.scalars(select(Tag).where(Tag.id.in_(ids)))) if ids else []
    if len(tags) != len(ids) and not missing_ok:
        missing = set(ids) - {t.id for t in tags}
        raise NotFound(f"no tag with id {', '.join(map(str, sorted(missing)))}")
    return tags


def _speaker_names(s: Session, ids: set[int | None]) -> dict[int | None, str]:
    if not ids:
        return {}
    return dict(s.execute(select(Entity.id, Entity.name).where(Entity.id.in_(ids))).all())


def _by_coder(q: SelectT, coder: str | None) -> SelectT:
    if coder is None:
        return q
    return q.where(Claim.annotator_id.in_(select(Annotator.id).where(Annotator.name == coder)))


def _coder_names(s: Session, ids: set[int | None]) -> dict[int | None, str]:
    if not ids:
        return {}
    return dict(s.execute(select(Annotator.id, Annotator.name).where(Annotator.id.in_(ids))).all())


def _who(name: str | None, me: str | None) -> str:
    if name is None:
        return "Someone else"
    return "You (in another window)" if name == me else name


def _whose(who: str) -> str:
    return "that" if who.startswith("You") or who == "Someone else" else "their"


def _annotator_id(s: Session, name: str | None) -> int | None:
    if not name:
        return None
    found = s.scalar(select(Annotator.id).where(Annotator.name == name))
    if found is not None:
        return found
    insert_if_absent(s, Annotator, {"name": name, "created_at": utcnow()})  # another client may be first
    return s.scalar(select(Annotator.id).where(Annotator.name == name))
