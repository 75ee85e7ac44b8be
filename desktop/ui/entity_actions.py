"""A person's changes to entities from the panel (rename, split, retype, merge) and an entity's dossier."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.services import Library, UserError
from desktop.services.dto import EntityInfo
from desktop.ui import theme
from desktop.ui.db_executor import DbExecutor
from desktop.ui.dialogs import TextDialog, dossier_html, parse_place
from desktop.ui.entities_panel import SplitDialog
from desktop.ui.reader import Reader
from desktop.ui.window_parts import ArticleOpener, Editor, Say

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.edits import Edit
    from desktop.services.dossier import Dossier


class EntityActions:
    def __init__(self, parent: QWidget, db: DbExecutor, editor: Editor, reader: Reader, say: Say,
                 open_article: ArticleOpener) -> None:
        self._parent, self._db, self._editor, self._reader = parent, db, editor, reader
        self._say, self._open_article = say, open_article

    def _with_entities(self, entity_ids: list[int], then: Callable[[list[EntityInfo]], None]) -> None:
        """The entities as they are now (read on the database thread), to ask about; none if one was
        merged away since the panel was drawn."""
        def read(lib: Library) -> list[EntityInfo]:
            return [lib.entities.get(i) for i in entity_ids]
        self._db.submit(read, on_done=then, on_failed=self._gone, label="entities to edit")

    def _gone(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self._db.report_failure(exc)
            return
        self._say(str(exc), 5000)

    def rename(self, entity_id: int) -> None:
        self._with_entities([entity_id], lambda infos: self._rename(infos[0]))

    def _rename(self, info: EntityInfo) -> None:
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        entity_id = info.id
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        name, ok = QInputDialog.getText(self._parent, "Rename entity", "Name:", text=info.name)
        if ok and name.strip():
            self._editor.do(edits.RenameEntity(entity_id, name, expected_version=info.version))

    def split(self, entity_id: int) -> None:
        self._with_entities([entity_id], lambda infos: self._split(infos[0]))

    def _split(self, info: EntityInfo) -> None:
        from desktop import edits

        dialog = SplitDialog(info, self._parent)
        if dialog.exec() and dialog.chosen():
            self._editor.do(edits.SplitEntity(info.id, dialog.chosen(), dialog.new_name()))

    def retype(self, entity_id: int) -> None:
        self._with_entities([entity_id], lambda infos: self._retype(infos[0]))

    def _retype(self, info: EntityInfo) -> None:
        from desktop import edits

        entity_id = info.id
        types = list(theme.ENTITY_TYPES)
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        type_, ok = QInputDialog.getItem(self._parent, "Change type", f"{info.name} is a…", types,
                                         types.index(info.type) if info.type in types else 0, False)
        if ok:
            self._editor.do(edits.RetypeEntity(entity_id, type_, expected_version=info.version))

    def merge(self, source_ids: list[int], target_id: int) -> None:
        """Ask which name stays (the most frequent full name is offered), then merge as one step to undo."""
        self._with_entities(list(dict.fromkeys([target_id, *source_ids])), self._merge)

    def _merge(self, infos: list[EntityInfo]) -> None:
        from desktop import edits

        name = self._ask_name(infos)
        if name is None:
            return
        keep = next((e for e in infos if e.name == name), max(infos, key=lambda e: e.mention_count))
        steps: list[Edit] = [edits.MergeEntities([e.id for e in infos if e.id != keep.id], keep.id)]
        if keep.name != name:
            steps.append(edits.RenameEntity(keep.id, name))
        self._editor.do_all("Merge entities", steps)

    def _ask_name(self, infos) -> str | None:
        names = [e.name for e in sorted(infos, key=lambda e: (len(e.name.split()), e.mention_count), reverse=True)]
        from PySide6.QtWidgets import QInputDialog  # not at start-up: issue 19

        dialog = QInputDialog(self._parent)
        dialog.setWindowTitle("Merge entities")
        dialog.setLabelText(f"Merge {len(infos)} entities under the name:")
        dialog.setComboBoxItems(names)
        dialog.setComboBoxEditable(True)  # or type another name
        dialog.setTextValue(names[0])
        if not dialog.exec():
            return None
        return dialog.textValue().strip() or None

    def show_dossier(self, entity_id: int) -> None:
        self._db.submit(lambda lib: lib.dossiers.get(entity_id), on_done=self._show_dossier,
                            on_failed=lambda exc: None if isinstance(exc, UserError) else  # merged away meanwhile
                            self._db.report_failure(exc), label="dossier")

    def _show_dossier(self, dossier: Dossier) -> None:
        dialog = TextDialog(f"Dossier: {dossier.entity.name}", dossier_html(dossier), self._parent)
        dialog.view.anchorClicked.connect(lambda url: self._open_place(dialog, url.toString()))
        dialog.exec()

    def _open_place(self, dialog, link: str) -> None:
        """A quotation or claim clicked in the dossier: its article opens with the passage selected."""
        place = parse_place(link)
        if place is None:
            return
        article_id, start, end = place
        dialog.accept()
        self._open_article(article_id, then=lambda: self._select(article_id, start, end))

    def _select(self, article_id: int, start: int, end: int) -> None:
        if self._reader.article is not None and self._reader.article.id == article_id:
            self._reader.select_span(start, end)
            self._reader.setFocus()
