"""The codebook as the window uses it: the tags in order, their number keys, and a person's edits to them."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop.services.dto import TagInfo
from desktop.ui import reading_ops
from desktop.ui.codebook import CodebookPanel
from desktop.ui.db_executor import DbExecutor
from desktop.ui.filter_bar import FilterBar
from desktop.ui.reader import Reader
from desktop.ui.reading_ops import Codebook
from desktop.ui.window_parts import Editor, Say


class CodebookActions:
    def __init__(self, parent: QWidget, db: DbExecutor, editor: Editor, panel: CodebookPanel, filters: FilterBar,
                 reader: Reader, say: Say) -> None:
        self._parent, self._db, self._editor, self._say = parent, db, editor, say
        self._panel, self._filters, self._reader = panel, filters, reader
        self.tags: list[TagInfo] = []

    def keys(self) -> dict[int, int]:
        """Number keys 1-9 for the first nine tags in codebook order."""
        return {t.id: n for n, t in enumerate(self.tags[:9], start=1)}

    def refresh(self) -> None:
        self._db.submit(reading_ops.codebook, on_done=self._show, label="codebook")

    def _show(self, codebook: Codebook) -> None:
        self.tags = codebook.tags
        keys = self.keys()
        self._panel.set_tags(self.tags, codebook.usage, keys)
        self._filters.set_tags(self.tags)
        self._reader.set_menu_tags([(t.id, f"&{keys[t.id]}  {t.path}" if t.id in keys else t.path.replace("&", "&&"),
                                   t.color) for t in self.tags])

    def move(self, tag_id: int, parent_id: int | None, place: int) -> None:
        """Put a tag at a place among its new siblings, renumbering them; one step to undo."""
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        if self._inside(parent_id, tag_id):
            self._say("A tag cannot go inside itself or one of its own children", 5000)
            return
        siblings = [t for t in self.tags if t.parent_id == parent_id and t.id != tag_id]
        moved = next(t for t in self.tags if t.id == tag_id)
        siblings.insert(max(0, min(place, len(siblings))), moved)
        order = {tag.id: n for n, tag in enumerate(siblings, start=1)}
        # The moved tag first: it is the change the library may refuse (a sibling already has its name).
        changes = [edits.UpdateTag(tag_id, {"parent_id": parent_id, "sort_order": order[tag_id]}, label="Move tag")]
        changes += [edits.UpdateTag(t.id, {"sort_order": order[t.id]}, label="Move tag")
                    for t in siblings if t.id != tag_id and t.sort_order != order[t.id]]
        self._editor.do_all("Move tag", changes)

    def _inside(self, parent_id: int | None, tag_id: int) -> bool:
        parents = {t.id: t.parent_id for t in self.tags}
        while parent_id is not None:
            if parent_id == tag_id:
                return True
            parent_id = parents.get(parent_id)
        return False

    def add(self, parent_id: int | None) -> None:
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        from desktop import edits

        name, ok = QInputDialog.getText(self._parent, "New tag", "Name:")
        if ok and name.strip():
            self._editor.do(edits.CreateTag(name, parent_id))

    def rename(self, tag_id: int) -> None:
        from desktop import edits

        seen = self._seen(tag_id)
        if seen is None:
            return
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        name, ok = QInputDialog.getText(self._parent, "Rename tag", "Name:", text=seen.name)
        if ok and name.strip():
            self._editor.do(edits.UpdateTag(tag_id, {"name": name}, label="Rename tag", expected_version=seen.version))

    def recolour(self, tag_id: int) -> None:
        from desktop import edits

        seen = self._seen(tag_id)
        if seen is None:
            return
        from PySide6.QtWidgets import QColorDialog  # not at start-up: issue 19

        colour = QColorDialog.getColor(QColor(seen.color), self._parent, "Tag colour")
        if colour.isValid():
            self._editor.do(edits.UpdateTag(tag_id, {"color": colour.name()}, label="Recolour tag",
                                         expected_version=seen.version))

    def describe(self, tag_id: int) -> None:
        from desktop import edits

        seen = self._seen(tag_id)
        if seen is None:
            return
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        text, ok = QInputDialog.getMultiLineText(self._parent, "Describe tag", "When to use this tag:", seen.description)
        if ok:
            self._editor.do(edits.UpdateTag(tag_id, {"description": text}, label="Describe tag",
                                         expected_version=seen.version))

    def _seen(self, tag_id: int) -> TagInfo | None:
        """The tag as the codebook shows it: its version is what the person's edit is checked against."""
        return next((t for t in self.tags if t.id == tag_id), None)

    def delete(self, tag_id: int) -> None:
        from desktop import edits

        self._editor.do(edits.DeleteTag(tag_id))
