"""The claims of the open article, and an editor for the chosen one's verdict, speaker and note."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dto import VERDICTS, ClaimInfo
from desktop.ui.entry_lists import entry_list
from desktop.ui.plain import plain_label

NOTE_DEBOUNCE_MS = 800


def swatch(colour: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(colour))
    return QIcon(pix)


class ClaimsPanel(QWidget):
    sig_selected = Signal(int)  # claim id
    sig_changed = Signal(int, dict)  # claim id, changes (verdict / note / speaker_text)
    sig_delete = Signal(int)
    sig_edit_tags = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._claims: dict[int, ClaimInfo] = {}
        self._current: int | None = None
        self.list = entry_list(QListWidget())
        self.list.currentItemChanged.connect(self._on_current)
        self.verdict = QComboBox()
        self.verdict.addItems(VERDICTS)
        self.verdict.activated.connect(lambda _i: self._commit("verdict", self.verdict.currentText()))
        self.speaker = QLineEdit()
        self.speaker.editingFinished.connect(lambda: self._commit("speaker_text", self.speaker.text().strip() or None))
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(110)
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_DEBOUNCE_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._note_timer.start)
        self.tags = plain_label(QLabel())  # tag names are typed by people and read from files
        self.tags.setWordWrap(True)
        self.note.setTabChangesFocus(True)  # Tab walks the editor; a note needs no tab characters
        self.tags_button = tags_button = QPushButton("Tags…")
        tags_button.clicked.connect(lambda: self._current and self.sig_edit_tags.emit(self._current))
        self.delete_button = delete = QPushButton("Delete claim")
        delete.clicked.connect(lambda: self._current and self.sig_delete.emit(self._current))
        self.editor = QWidget()
        form = QFormLayout(self.editor)
        form.setContentsMargins(0, 4, 0, 0)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tags, 1)
        tag_row.addWidget(tags_button)
        form.addRow("Tags", tag_row)
        form.addRow("Verdict", self.verdict)
        form.addRow("Speaker", self.speaker)
        form.addRow("Note", self.note)
        self.links = plain_label(QLabel())  # article text: never markup
        self.links.setWordWrap(True)
        form.addRow("Linked", self.links)
        form.addRow("", delete)
        self.editor.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.editor)

    def set_claims(self, claims: list[ClaimInfo], tag_colours: dict[int, str], keep: int | None = None) -> None:
        self.flush_note()
        self._claims = {c.id: c for c in claims}
        self.list.blockSignals(True)
        self.list.clear()
        for c in claims:
            text = c.text if len(c.text) < 140 else c.text[:137] + "…"
            label = f"{text}\n{', '.join(c.tag_names) or 'no tags'} · {c.verdict}"
            item = QListWidgetItem(swatch(tag_colours.get(c.tag_ids[0], "#999999") if c.tag_ids else "#999999"),
                                   label)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            if c.annotator:
                item.setToolTip(f"Coded by {c.annotator}")  # who made it, for a team's shared library
            self.list.addItem(item)
        self.list.blockSignals(False)
        target = keep if keep in self._claims else None
        self._current = None
        if target is not None:
            self.select(target)
        else:
            self._show(None)

    def select(self, claim_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == claim_id:
                self.list.setCurrentRow(i)
                return

    def _on_current(self, item: QListWidgetItem | None, _previous) -> None:
        self.flush_note()
        claim_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        self._show(self._claims.get(claim_id) if claim_id is not None else None)
        if claim_id is not None:
            self.sig_selected.emit(claim_id)

    def _show(self, claim: ClaimInfo | None) -> None:
        self._current = claim.id if claim else None
        self.editor.setEnabled(claim is not None)
        # Qt draws a disabled field's placeholder at full strength; with no claim chosen the
        # fields would look ready to type in while the rest of the editor is greyed out.
        self.speaker.setPlaceholderText("who made the claim" if claim else "")
        self.note.setPlaceholderText("Your note (saved as you type)" if claim else "")
        for w in (self.verdict, self.speaker, self.note):
            w.blockSignals(True)
        self.verdict.setCurrentText(claim.verdict if claim else VERDICTS[0])
        self.speaker.setText(claim.speaker or "" if claim else "")
        self.note.setPlainText(claim.note if claim else "")
        self.tags.setText((", ".join(claim.tag_names) or "—") if claim else "Choose a claim above to edit it")
        for w in (self.verdict, self.speaker, self.note):
            w.blockSignals(False)

    def flush_note(self) -> None:
        """Commit a note being typed now (on a pause, on leaving the field, on switching claims, on quit)."""
        self._note_timer.stop()
        if self._current is None or self._current not in self._claims:
            return
        text = self.note.toPlainText()
        if text != self._claims[self._current].note:
            self._commit("note", text)

    def _commit(self, field: str, value) -> None:
        claim = self._claims.get(self._current) if self._current is not None else None
        if claim is None:
            return
        current = {"verdict": claim.verdict, "note": claim.note, "speaker_text": claim.speaker}.get(field)
        if value != current:
            self.sig_changed.emit(claim.id, {field: value})

    def show_links(self, links) -> None:
        """Where the same claim appears elsewhere: 'contradicts: … (Osterlund Post article)'."""
        self.links.setText("\n".join(f"{lk.kind}: “{lk.other_text[:80]}” — {lk.other_article_title}"
                                      + (f" ({lk.note})" if lk.note else "") for lk in links) or "—")

    def replace(self, claim: ClaimInfo) -> None:
        """Take a changed claim without touching the editor (the person may still be typing in it)."""
        self._claims[claim.id] = claim
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == claim.id:
                text = claim.text if len(claim.text) < 140 else claim.text[:137] + "…"
                item.setText(f"{text}\n{', '.join(claim.tag_names) or 'no tags'} · {claim.verdict}")

    def tab_chain(self) -> list[QWidget]:
        """The list, then the fields a person changes most: verdict, speaker, note, tags, delete."""
        return [self.list, self.verdict, self.speaker, self.note, self.tags_button, self.delete_button]

    def current_id(self) -> int | None:
        return self._current

    def shown(self, claim_id: int) -> ClaimInfo | None:
        """The claim as this panel shows it (its version is what the person's edits are checked against)."""
        return self._claims.get(claim_id)

    def take_fresh(self, claim_id: int, claim: ClaimInfo | None) -> None:
        """A colleague's version (or deletion) replaces what was shown, the editor included."""
        self._note_timer.stop()
        if claim is None:
            self._claims.pop(claim_id, None)
        else:
            self.replace(claim)
        if self._current == claim_id:
            self._show(claim)
