"""Making and editing claims: number keys, the tag picker, suggestions accepted, the claim editor's changes."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QWidget

from desktop.ui.claim_tags_dialog import ClaimTagsDialog
from desktop.ui.claims_panel import ClaimsPanel
from desktop.ui.codebook import TagPicker
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.reader import Reader
from desktop.ui.window_parts import Editor, Say


class Tagging:
    def __init__(self, parent: QWidget, editor: Editor, reader: Reader, claims_panel: ClaimsPanel,
                 codebook: CodebookActions, show_claims: Callable[[int | None], None], say: Say) -> None:
        self._parent, self._editor, self._reader, self._panel = parent, editor, reader, claims_panel
        self._codebook = codebook  # the tags as the codebook panel shows them, with their number keys
        self._show_claims = show_claims  # the Claims tab brought forward, this claim chosen once listed
        self._say = say

    def with_key(self, number: int) -> None:
        tag = next((t for t, n in self._codebook.keys().items() if n == number), None)
        if tag is None:
            self._say(f"No tag has the key {number}: the codebook's first nine tags have keys 1–9 "
                      "(Ctrl+T picks any tag)", 6000)
            return
        self.selection(tag)

    def selection(self, tag_id: int) -> None:
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        span = self._reader.selected_span()
        article = self._reader.article
        if span is None or article is None:
            self._say("Select a passage first (drag over it, or Shift+arrow keys), then press a number key to tag it",
                      6000)
            return
        edit = edits.CreateClaim(article.id, span[0], span[1], (tag_id,))
        self._editor.do(edit, then=lambda: self._show_claims(edit.claim_id))

    def _pick(self, title: str) -> int | None:
        picker = TagPicker(self._codebook.tags, self._parent, title)
        return picker.chosen() if picker.exec() else None

    def pick_for_selection(self) -> None:
        if self._reader.selected_span() is None:
            self._say("Select a passage first", 4000)
            return
        tag = self._pick("Tag the selection")
        if tag is not None:
            self.selection(tag)

    def accept_suggestion(self, suggestion) -> None:
        from desktop import edits

        tag = self._pick("Tag the suggested sentence")
        if tag is not None:
            self._editor.do(edits.CreateClaim(suggestion.article_id, suggestion.start, suggestion.end, (tag,)))

    def update_claim(self, claim_id: int, changes: dict) -> None:
        from desktop import edits

        note = set(changes) == {"note"}
        seen = self._panel.shown(claim_id)
        self._editor.do(edits.UpdateClaim(claim_id, changes, label="Edit note" if note else "Edit claim",
                                       expected_version=seen.version if seen else None))
        if seen is not None:
            # What the panel shows is what this edit leaves, version included, until the library's
            # answer arrives: a second edit made before it (the note flushed on leaving) is not refused.
            shown = {"speaker_text": "speaker"}
            self._panel.replace(replace(seen, version=seen.version + 1,
                                                   **{shown.get(k, k): v for k, v in changes.items()}))

    def _seen(self, claim_id: int) -> int | None:
        """The version of the claim the person is looking at: an edit of an older one is refused."""
        shown = self._panel.shown(claim_id)
        return shown.version if shown is not None else None

    def edit_claim_tags(self, claim_id: int) -> None:
        """The claim's tags as a checklist; what changed is one step to undo."""
        from desktop import edits

        claim = self._panel.shown(claim_id)
        if claim is None:
            return
        dialog = ClaimTagsDialog(self._codebook.tags, claim.tag_ids, claim.text, self._parent)
        if dialog.exec() and dialog.chosen() != claim.tag_ids:
            self._editor.do(edits.SetClaimTags(claim_id, dialog.chosen(), expected_version=self._seen(claim_id)))

    def delete_claim(self, claim_id: int) -> None:
        from desktop import edits

        self._editor.do(edits.DeleteClaim(claim_id, expected_version=self._seen(claim_id)))

    def delete_current_claim(self) -> None:
        claim_id = self._panel.current_id()
        if claim_id is not None:
            self.delete_claim(claim_id)

    def dismiss_suggestion(self, suggestion) -> None:
        from desktop import edits

        self._editor.do(edits.DismissSuggestion(suggestion.article_id, suggestion.text))
