"""Every edit a person makes, as a command that can be applied and reverted.

One mechanism for undo/redo, autosave and the audit trail: apply() commits the change
through a service (which also writes the audit entry), revert() commits its inverse.
The GUI wraps each in a QUndoCommand; the CLI and tests use EditHistory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from desktop.services import Library
from desktop.services.dto import ClaimSnapshot, DeletedTag, TagInfo

if TYPE_CHECKING:  # records the services return: the window starts before those modules load (issue 19)
    from desktop.services.entities import MergeRecord, RenameRecord, RetypeRecord
    from desktop.services.revisions import RevisionRecord
    from desktop.services.similar import Candidate


class Edit(Protocol):
    label: str

    def apply(self, lib: Library) -> None: ...

    def revert(self, lib: Library) -> None: ...


@dataclass
class CreateClaim:
    article_id: int
    start: int
    end: int
    tag_ids: tuple[int, ...] = ()
    verdict: str = "unverified"
    note: str = ""
    speaker_text: str | None = None
    claim_id: int | None = None  # kept after the first apply, so redo brings back the same claim
    label: str = "Tag passage"
    _snapshot: ClaimSnapshot | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        if self._snapshot is not None:
            lib.claims.restore(self._snapshot)
            return
        info = lib.claims.create(self.article_id, self.start, self.end, self.tag_ids, self.verdict, self.note,
                                 speaker_text=self.speaker_text, claim_id=self.claim_id)
        self.claim_id = info.id

    def revert(self, lib: Library) -> None:
        assert self.claim_id is not None
        # Undo removes the claim as this window left it, never a colleague's later edit of it.
        self._snapshot = lib.claims.delete(self.claim_id, expected_version=lib.claims.written(self.claim_id))


# No lost update: the first apply of an edit to an existing claim carries the version the person
# was looking at (expected_version, given by the window); undo and redo carry the version this
# library last wrote. Either is refused with StaleEdit when a colleague changed or deleted the
# claim in between.


@dataclass
class DeleteClaim:
    claim_id: int
    label: str = "Delete claim"
    expected_version: int | None = None
    _snapshot: ClaimSnapshot | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        seen = self.expected_version if self._snapshot is None else lib.claims.written(self.claim_id)
        self._snapshot = lib.claims.delete(self.claim_id, expected_version=seen)

    def revert(self, lib: Library) -> None:
        assert self._snapshot is not None
        lib.claims.restore(self._snapshot)


@dataclass
class UpdateClaim:
    claim_id: int
    changes: dict[str, object]
    label: str = "Edit claim"
    expected_version: int | None = None
    _old: dict[str, object] | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        seen = self.expected_version if self._old is None else lib.claims.written(self.claim_id)
        self._old = lib.claims.update(self.claim_id, expected_version=seen, **self.changes)

    def revert(self, lib: Library) -> None:
        assert self._old is not None
        lib.claims.update(self.claim_id, expected_version=lib.claims.written(self.claim_id), **self._old)


@dataclass
class SetClaimTags:
    claim_id: int
    tag_ids: tuple[int, ...]
    label: str = "Change tags"
    expected_version: int | None = None
    _old: tuple[int, ...] | None = None

    def apply(self, lib: Library) -> None:
        seen = self.expected_version if self._old is None else lib.claims.written(self.claim_id)
        self._old = lib.claims.set_tags(self.claim_id, self.tag_ids, expected_version=seen)

    def revert(self, lib: Library) -> None:
        assert self._old is not None
        lib.claims.set_tags(self.claim_id, self._old, expected_version=lib.claims.written(self.claim_id))


@dataclass
class LinkClaims:
    from_claim_id: int
    to_claim_id: int
    kind: str = "repeats"
    label: str = "Link claims"
    note: str = ""
    _link_id: int | None = None

    def apply(self, lib: Library) -> None:
        self._link_id = lib.claims.link(self.from_claim_id, self.to_claim_id, self.kind, self.note)

    def revert(self, lib: Library) -> None:
        assert self._link_id is not None
        lib.claims.unlink(self._link_id)


@dataclass
class CreateTag:
    name: str
    parent_id: int | None = None
    color: str | None = None
    description: str = ""
    label: str = "New tag"
    tag: TagInfo | None = None
    _deleted: DeletedTag | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        if self._deleted is not None:
            lib.tags.restore(self._deleted)
            return
        self.tag = lib.tags.create(self.name, self.parent_id, self.color, self.description)

    def revert(self, lib: Library) -> None:
        assert self.tag is not None
        self._deleted = lib.tags.delete(self.tag.id)


@dataclass
class UpdateTag:
    tag_id: int
    changes: dict[str, object]
    label: str = "Edit tag"
    expected_version: int | None = None  # the tag as the person saw it (first apply only)
    _old: dict[str, object] | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        seen = self.expected_version if self._old is None else None
        self._old = lib.tags.update(self.tag_id, expected_version=seen, **self.changes)

    def revert(self, lib: Library) -> None:
        assert self._old is not None, "reverted before it was applied"
        lib.tags.update(self.tag_id, expected_version=None, **self._old)


@dataclass
class DeleteTag:
    tag_id: int
    label: str = "Delete tag"
    _deleted: DeletedTag | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        self._deleted = lib.tags.delete(self.tag_id)

    def revert(self, lib: Library) -> None:
        assert self._deleted is not None
        lib.tags.restore(self._deleted)


@dataclass
class MergeEntities:
    source_ids: list[int]
    target_id: int
    label: str = "Merge entities"
    _record: MergeRecord | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        self._record = lib.entities.merge(self.source_ids, self.target_id)

    def revert(self, lib: Library) -> None:
        assert self._record is not None
        lib.entities.unmerge(self._record)


@dataclass
class SplitEntity:
    entity_id: int
    aliases: list[str]
    name: str | None = None
    label: str = "Split entity"
    new_id: int | None = None

    def apply(self, lib: Library) -> None:
        self.new_id = lib.entities.split(self.entity_id, self.aliases, self.name)

    def revert(self, lib: Library) -> None:
        assert self.new_id is not None
        lib.entities.merge([self.new_id], self.entity_id)


@dataclass
class RenameEntity:
    entity_id: int
    name: str
    label: str = "Rename entity"
    expected_version: int | None = None  # the entity as the person saw it (first apply only)
    _old: RenameRecord | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        seen, self.expected_version = self.expected_version, None
        self._old = lib.entities.rename(self.entity_id, self.name, expected_version=seen)

    def revert(self, lib: Library) -> None:
        assert self._old is not None
        lib.entities.undo_rename(self.entity_id, self._old)


@dataclass
class RetypeEntity:
    entity_id: int
    type: str
    label: str = "Change entity type"
    expected_version: int | None = None  # the entity as the person saw it (first apply only)
    _old: RetypeRecord | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        seen, self.expected_version = self.expected_version, None
        self._old = lib.entities.retype(self.entity_id, self.type, expected_version=seen)

    def revert(self, lib: Library) -> None:
        assert self._old is not None
        lib.entities.undo_retype(self.entity_id, self._old)


@dataclass
class SetArticleStatus:
    article_id: int
    status: str
    label: str = "Mark article"
    _old: str = "unread"

    def apply(self, lib: Library) -> None:
        self._old = lib.articles.set_status(self.article_id, self.status)

    def revert(self, lib: Library) -> None:
        lib.articles.set_status(self.article_id, self._old)


@dataclass
class SetArticleMetadata:
    article_id: int
    field_name: str
    value: str | dt.date | None
    label: str = "Correct article details"
    _old: str | dt.date | None = None

    def apply(self, lib: Library) -> None:
        self._old = lib.articles.set_metadata(self.article_id, self.field_name, self.value)

    def revert(self, lib: Library) -> None:
        lib.articles.set_metadata(self.article_id, self.field_name, self._old)


@dataclass
class DismissSuggestion:
    article_id: int
    text: str
    label: str = "Dismiss suggestion"

    def apply(self, lib: Library) -> None:
        lib.suggestions.dismiss(self.article_id, self.text)

    def revert(self, lib: Library) -> None:
        lib.suggestions.undismiss(self.article_id, self.text)


@dataclass
class ImportRevision:
    """The import of a revised article, for undo: the claims go back to the older version's words and
    the newer version is removed. The import itself applied it; redo stores the same version again.
    Either way one version is left unanalysed (pending_analysis), which the caller analyses."""

    article_id: int
    label: str = "Import revised article"
    _record: RevisionRecord | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        if self._record is not None:  # the number may have changed (see RevisionService.restore)
            self.article_id = lib.revisions.restore(self._record).article_id

    def revert(self, lib: Library) -> None:
        self._record = lib.revisions.revert(self.article_id)


@dataclass
class AcceptCandidate:
    """A passage found in another article becomes a claim there, with the same tags, linked to this one."""

    claim_id: int
    article_id: int
    start: int
    end: int
    kind: str = "repeats"
    label: str = "Accept candidate"
    _create: CreateClaim | None = field(default=None, repr=False)
    _link: LinkClaims | None = field(default=None, repr=False)

    def apply(self, lib: Library) -> None:
        if self._create is None:
            source = lib.claims.get(self.claim_id)
            self._create = CreateClaim(self.article_id, self.start, self.end, source.tag_ids)
        self._create.apply(lib)
        assert self._create.claim_id is not None
        self._link = LinkClaims(self.claim_id, self._create.claim_id, self.kind, note="found by ClaimDesk")
        self._link.apply(lib)

    def revert(self, lib: Library) -> None:
        assert self._create is not None and self._link is not None
        # The link first, so the claim's snapshot holds none and a redo links exactly once.
        self._link.revert(lib)
        self._create.revert(lib)

    @property
    def new_claim_id(self) -> int | None:
        return self._create.claim_id if self._create else None


@dataclass
class DismissCandidate:
    claim_id: int
    candidate: Candidate
    label: str = "Dismiss candidate"

    def apply(self, lib: Library) -> None:
        lib.similar.dismiss(self.claim_id, self.candidate)

    def revert(self, lib: Library) -> None:
        lib.similar.undismiss(self.claim_id, self.candidate)


class EditHistory:
    """A plain undo stack for headless use; the GUI uses QUndoStack with the same edits."""

    def __init__(self, lib: Library) -> None:
        self._lib = lib
        self._done: list[Edit] = []
        self._undone: list[Edit] = []

    def push(self, edit: Edit) -> None:
        edit.apply(self._lib)
        self._done.append(edit)
        self._undone.clear()

    def undo(self) -> Edit | None:
        if not self._done:
            return None
        edit = self._done.pop()
        edit.revert(self._lib)
        self._undone.append(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self._undone:
            return None
        edit = self._undone.pop()
        edit.apply(self._lib)
        self._done.append(edit)
        return edit
