"""Making and editing claims: number keys, the tag picker, suggestions accepted, the claim editor's changes."""
from __future__ import annotations

from dataclasses import replace

from desktop import edits
from desktop.ui.claim_tags_dialog import ClaimTagsDialog
from desktop.ui.codebook import TagPicker
from desktop.ui.codebook_actions import CodebookActions


class Tagging:
    def __init__(self, win, codebook: CodebookActions) -> None:
        self._win = win
        self._codebook = codebook  # the tags as the codebook panel shows them, with their number keys

    def with_key(self, number: int) -> None:
        tag = next((t for t, n in self._codebook.keys().items() if n == number), None)
        if tag is None:
            self._win.statusBar().showMessage(f"No tag has the key {number}: the codebook's first nine tags "
                                              "have keys 1–9 (Ctrl+T picks any tag)", 6000)
            return
        self.selection(tag)

    def selection(self, tag_id: int) -> None:
        win = self._win
        span = win.reader.selected_span()
        article = win.reader.article
        if span is None or article is None:
            win.statusBar().showMessage("Select a passage first (drag over it, or Shift+arrow keys), "
                                        "then press a number key to tag it", 6000)
            return
        edit = edits.CreateClaim(article.id, span[0], span[1], (tag_id,))
        win.do(edit, then=lambda: self._made(edit))

    def _made(self, edit: edits.CreateClaim) -> None:
        """The new claim chosen in its panel, once the refresh after the edit has listed it."""
        win = self._win
        win.tabs.setCurrentWidget(win.claims_panel)
        win.reading.refresh_marks(keep_claim=edit.claim_id)

    def _pick(self, title: str) -> int | None:
        picker = TagPicker(self._codebook.tags, self._win, title)
        return picker.chosen() if picker.exec() else None

    def pick_for_selection(self) -> None:
        if self._win.reader.selected_span() is None:
            self._win.statusBar().showMessage("Select a passage first", 4000)
            return
        tag = self._pick("Tag the selection")
        if tag is not None:
            self.selection(tag)

    def accept_suggestion(self, suggestion) -> None:
        tag = self._pick("Tag the suggested sentence")
        if tag is not None:
            self._win.do(edits.CreateClaim(suggestion.article_id, suggestion.start, suggestion.end, (tag,)))

    def update_claim(self, claim_id: int, changes: dict) -> None:
        note = set(changes) == {"note"}
        seen = self._win.claims_panel.shown(claim_id)
        self._win.do(edits.UpdateClaim(claim_id, changes, label="Edit note" if note else "Edit claim",
                                       expected_version=seen.version if seen else None))
        if seen is not None:
            # What the panel shows is what this edit leaves, version included, until the library's
            # answer arrives: a second edit made before it (the note flushed on leaving) is not refused.
            shown = {"speaker_text": "speaker"}
            self._win.claims_panel.replace(replace(seen, version=seen.version + 1,
                                                   **{shown.get(k, k): v for k, v in changes.items()}))

    def _seen(self, claim_id: int) -> int | None:
        """The version of the claim the person is looking at: an edit of an older one is refused."""
        shown = self._win.claims_panel.shown(claim_id)
        return shown.version if shown is not None else None

    def edit_claim_tags(self, claim_id: int) -> None:
        """The claim's tags as a checklist; what changed is one step to undo."""
        claim = self._win.claims_panel.shown(claim_id)
        if claim is None:
            return
        dialog = ClaimTagsDialog(self._codebook.tags, claim.tag_ids, claim.text, self._win)
        if dialog.exec() and dialog.chosen() != claim.tag_ids:
            self._win.do(edits.SetClaimTags(claim_id, dialog.chosen(), expected_version=self._seen(claim_id)))

    def delete_claim(self, claim_id: int) -> None:
        self._win.do(edits.DeleteClaim(claim_id, expected_version=self._seen(claim_id)))

    def delete_current_claim(self) -> None:
        claim_id = self._win.claims_panel.current_id()
        if claim_id is not None:
            self.delete_claim(claim_id)

    def dismiss_suggestion(self, suggestion) -> None:
        self._win.do(edits.DismissSuggestion(suggestion.article_id, suggestion.text))
