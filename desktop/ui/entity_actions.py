"""A person's changes to entities from the panel (rename, split, retype, merge) and an entity's dossier."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from desktop import edits
from desktop.services import UserError
from desktop.ui import theme
from desktop.ui.dialogs import TextDialog, dossier_html
from desktop.ui.entities_panel import SplitDialog


class EntityActions:
    def __init__(self, win) -> None:
        self._win = win

    def rename(self, entity_id: int) -> None:
        info = self._win.lib.entities.get(entity_id)
        name, ok = QInputDialog.getText(self._win, "Rename entity", "Name:", text=info.name)
        if ok and name.strip():
            self._win.do(edits.RenameEntity(entity_id, name))

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
            self._win.do(edits.RetypeEntity(entity_id, type_))

    def merge(self, source_ids: list[int], target_id: int) -> None:
        self._win.do(edits.MergeEntities(source_ids, target_id))

    def show_dossier(self, entity_id: int) -> None:
        try:
            dossier = self._win.lib.dossiers.get(entity_id)
        except UserError:  # merged away since the panel was drawn
            return
        TextDialog(f"Dossier: {dossier.entity.name}", dossier_html(dossier), self._win).exec()
