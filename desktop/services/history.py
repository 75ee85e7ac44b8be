"""The audit trail read back: who did what to a claim and when, in plain words."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from db.models import Annotator, AuditEntry
from desktop.services.store import Store

_WORDS = {
    "claim.create": "tagged the passage",
    "claim.delete": "deleted the claim",
    "claim.restore": "restored the claim",
    "claim.tags": "set the tags",
    "claim.link": "linked it",
    "claim.unlink": "removed a link",
}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime  # UTC, naive, as stored
    who: str | None
    action: str
    detail: dict[str, Any]  # the audit entry's JSON
    what: str  # "changed the verdict to disputed"


def describe(action: str, detail: dict[str, Any], tag_names: dict[int, str] | None = None) -> str:
    """One edit as a person would say it."""
    if action == "claim.update":
        parts = []
        for key, value in detail.items():
            if key == "verdict":
                parts.append(f"set the verdict to {value}")
            elif key == "note":
                parts.append("changed the note" if value else "cleared the note")
            elif key in ("speaker_text", "speaker_entity_id"):
                parts.append("changed the speaker")
        return "; ".join(parts) or "edited the claim"
    if action == "claim.tags":
        names = [(tag_names or {}).get(t, f"tag {t}") for t in detail.get("tag_ids", [])]
        return "set the tags to " + (", ".join(names) if names else "none")
    if action == "claim.link" and "kind" in detail:
        return f"linked it ({detail['kind']}) with claim {detail.get('to_id')}"
    return _WORDS.get(action, action.replace(".", " "))


def local_time(at: dt.datetime) -> str:
    """A stored UTC time as the person's clock shows it: '10:42' today, '2026-11-30 10:42' before."""
    local = at.replace(tzinfo=dt.UTC).astimezone()
    if local.date() == dt.datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def _entry(row: AuditEntry, tag_names: dict[int, str] | None) -> HistoryEntry:
    try:
        detail = json.loads(row.detail or "{}")
    except ValueError:
        detail = {}
    return HistoryEntry(row.at, row.annotator, row.action, detail, describe(row.action, detail, tag_names))


def claim_trail(s: Session, claim_id: int) -> Select[AuditEntry]:
    return select(AuditEntry).where(or_(AuditEntry.claim_id == claim_id, AuditEntry.other_claim_id == claim_id))


def last_change(s: Session, claim_id: int) -> HistoryEntry | None:
    row = s.scalar(claim_trail(s, claim_id).order_by(AuditEntry.id.desc()).limit(1))
    return _entry(row, None) if row else None


def last_change_of(s: Session, prefix: str, key: str, value: int, look_back: int = 500) -> HistoryEntry | None:
    """The newest edit of a tag or entity ("tag.", "tag_id", 7), from the recent audit entries."""
    rows = s.scalars(select(AuditEntry).where(AuditEntry.action.like(prefix + "%"))
                     .order_by(AuditEntry.id.desc()).limit(look_back))
    for row in rows:
        entry = _entry(row, None)
        if entry.detail.get(key) == value or value in (entry.detail.get("sources") or ()) \
                or entry.detail.get("target") == value:
            return entry
    return None


def refusal(last: HistoryEntry | None, me: str | None, what: str, gone: bool = False) -> str:
    """'Mara Veld changed this tag at 10:42 — here is their version; your change was not saved'."""
    who = "Someone else" if last is None or last.who is None else \
        ("You (in another window)" if last.who == me else last.who)
    when = f" at {local_time(last.at)}" if last else ""
    if gone:
        return f"{who} deleted or merged away this {what}{when}; your change was not saved"
    whose = "their" if who != "Someone else" and not who.startswith("You") else "that"
    return f"{who} changed this {what}{when} — here is {whose} version; your change was not saved"


class HistoryService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def for_claim(self, claim_id: int, tag_names: dict[int, str] | None = None) -> list[HistoryEntry]:
        """Every recorded edit of a claim, oldest first; kept after the claim itself is deleted."""
        with self._store.read() as s:
            return [_entry(r, tag_names) for r in s.scalars(claim_trail(s, claim_id).order_by(AuditEntry.id))]

    def recent(self, limit: int = 200) -> list[HistoryEntry]:
        with self._store.read() as s:
            rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
            return [_entry(r, None) for r in rows]

    def coders(self) -> list[str]:
        """Everyone who has made a claim in this library, by name."""
        with self._store.read() as s:
            return sorted(s.scalars(select(Annotator.name)), key=str.lower)
