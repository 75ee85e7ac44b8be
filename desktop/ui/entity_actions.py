"""A person's changes to entities from the panel (rename, split, retype, merge) and an entity's dossier."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from desktop import edits
from desktop.services import UserError
from desktop.ui import theme
from desktop.ui.dialogs import TextDialog, dossier_html, parse_place
from desktop.ui.entities_panel import SplitDialog


class EntityActions:
    def __init__(self, win) -> None:
        self._win = win

    def rename(self, entity_id: int) -> None:
        info = self._win.lib.entities.get(entity_id)
        name, ok = QInputDialog.getText(self._win, "Rename entity", "Name:", text=info.name)
        if ok and name.strip():
            self._win.do(edits.RenameEntity(entity_id, name, expected_version=info.version))

    def split(self, entity_id: int) -> None:
        dialog = SplitDialog(self._win.lib.entities.get(entity_id), self._win)
        if dialog.exec() and dialog.chosen():
            self._win.do(edits.SplitEntity(entity_id, dialog.chosen(), dialog.new_name()))

    def retype(self, entity_id: int) -> None:
        info = self._win.lib.entities.get(entity_id)
        types = list(theme.ENTITY_TYPES)
        type_, ok = QInputDialog.getItem(self._win, "Change type", f"{info.name} is a…", types,
                                         types.index(info.type) if info.type in types else 0, False)
        if ok:
            self._win.do(edits.RetypeEntity(entity_id, type_, expected_version=info.version))

    def merge(self, source_ids: list[int], target_id: int) -> None:
        """Ask which name stays (the most frequent full name is offered), then merge as one step to undo."""
        infos = [self._win.lib.entities.get(i) for i in dict.fromkeys([target_id, *source_ids])]
        name = self._ask_name(infos)
        if name is None:
            return
        keep = next((e for e in infos if e.name == name), max(infos, key=lambda e: e.mention_count))
        steps = [edits.MergeEntities([e.id for e in infos if e.id != keep.id], keep.id)]
        if keep.name != name:
            steps.append(edits.RenameEntity(keep.id, name))
        self._win.do_all("Merge entities", steps)

    def _ask_name(self, infos) -> str | None:
        names = [e.name for e in sorted(infos, key=lambda e: (len(e.name.split()), e.mention_count), reverse=True)]
        dialog = QInputDialog(self._win)
        dialog.setWindowTitle("Merge entities")
        dialog.setLabelText(f"Merge {len(infos)} entities under the name:")
        dialog.setComboBoxItems(names)
        dialog.setComboBoxEditable(True)  # or type another name
        dialog.setTextValue(names[0])
        if not dialog.exec():
            return None
        return dialog.textValue().strip() or None

    def show_dossier(self, entity_id: int) -> None:
        try:
            dossier = self._win.lib.dossiers.get(entity_id)
        except UserError:  # merged away since the panel was drawn
            return
        dialog = TextDialog(f"Dossier: {dossier.entity.name}", dossier_html(dossier), self._win)
        dialog.view.anchorClicked.connect(lambda url: self._open_place(dialog, url.toString()))
        dialog.exec()

    def _open_place(self, dialog, link: str) -> None:
        """A quotation or claim clicked in the dossier: its article opens with the passage selected."""
        place = parse_place(link)
        if place is None:
            return
        article_id, start, end = place
        dialog.accept()
        self._win.open_article(article_id)
        if self._win.reader.article is not None and self._win.reader.article.id == article_id:
            self._win.reader.select_span(start, end)
            self._win.reader.setFocus()
