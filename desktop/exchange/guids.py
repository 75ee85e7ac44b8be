"""GUIDs for REFI-QDA files that stay the same from one export to the next.

A row made in this library is named uuid5(library namespace, "kind:id"); the namespace is
drawn once per library and stored, so two libraries never share GUIDs by accident. A row
that came in from a project keeps the GUID it arrived with (stored in exchange_ids), so
exporting it again, here or after a round trip, names it as its first tool did.
Things that are not rows (codings, detail notes, variables, links) are derived from the
GUIDs of the rows they belong to, so they are stable too.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import ExchangeId

KINDS = ("article", "tag", "claim", "user")
# Fixed, so the variables ClaimDesk writes have the same GUIDs in every library's export.
CLAIMDESK_NAMESPACE = uuid.UUID("6f1c0d52-5b0e-4d7c-9a51-3c1f2e8e7a15")


def derived(parent: str, *parts: object) -> str:
    """A GUID for something that belongs to another GUID (a coding, a claim's detail note)."""
    return str(uuid.uuid5(uuid.UUID(parent), ":".join(map(str, parts))))


def variable_guid(name: str) -> str:
    return str(uuid.uuid5(CLAIMDESK_NAMESPACE, f"variable:{name}"))


def normalise(guid: str) -> str | None:
    """The canonical lower-case form of a GUID as tools write it ({…} or bare), or None."""
    try:
        return str(uuid.UUID(guid.strip().strip("{}")))
    except (ValueError, AttributeError):
        return None


# Some tools (and documents copied from the standard's PDF) write hyphens as Unicode dashes.
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
# For identifiers that are not GUIDs at all: each gets a GUID of its own, the same wherever it is named.
_FOREIGN_NAMESPACE = uuid.UUID("0c5e7d9a-2f41-4b8e-9d63-7a1f0b4c8e21")


def guid_key(value: str) -> str:
    """The GUID a file's identifier stands for: its canonical form, or, for an identifier that is
    not a GUID, one derived from it, so every reference to it still meets it."""
    found = normalise(value.translate(_DASHES))
    if found is not None:
        return found
    return str(uuid.uuid5(_FOREIGN_NAMESPACE, value.strip().strip("{}").lower()))


class GuidMap:
    """Every GUID of one library, read once for an export or an import."""

    def __init__(self, session: Session) -> None:
        self._session = session
        stored = session.execute(select(ExchangeId.kind, ExchangeId.local_id, ExchangeId.guid)).all()
        self._by_row = {(kind, local): guid for kind, local, guid in stored}
        self._by_guid = {(kind, guid): local for kind, local, guid in stored}
        self._derived: dict[str, dict[str, int]] = {}
        self._pending: list[dict] = []
        namespace = self._by_row.get(("library", 0))
        if namespace is None:
            namespace = str(uuid.uuid4())
            self._remember("library", 0, namespace)
        self._namespace = uuid.UUID(namespace)

    def guid(self, kind: str, local_id: int) -> str:
        found = self._by_row.get((kind, local_id))
        return found or str(uuid.uuid5(self._namespace, f"{kind}:{local_id}"))

    def index(self, kind: str, local_ids: Iterable[int]) -> None:
        """Make the rows of a kind findable by GUID, those named here as well as those that arrived."""
        found = self._derived.setdefault(kind, {})
        for local_id in local_ids:
            found[self.guid(kind, local_id)] = local_id

    def local(self, kind: str, guid: str) -> int | None:
        """The row that carries this GUID (index() the kind first for rows named here)."""
        return self._by_guid.get((kind, guid), self._derived.get(kind, {}).get(guid))

    def keep(self, kind: str, local_id: int, guid: str) -> None:
        """Remember the GUID a row arrived with, unless it already has one."""
        if (kind, local_id) in self._by_row or self.guid(kind, local_id) == guid:
            return
        self._remember(kind, local_id, guid)

    def save(self) -> None:
        """Write the GUIDs remembered since the last save, in one statement."""
        if self._pending:
            self._session.execute(insert(ExchangeId), self._pending)
            self._pending = []

    def _remember(self, kind: str, local_id: int, guid: str) -> None:
        self._pending.append({"kind": kind, "local_id": local_id, "guid": guid})
        self._by_row[(kind, local_id)] = guid
        self._by_guid[(kind, guid)] = local_id
        self._derived.setdefault(kind, {})[guid] = local_id
