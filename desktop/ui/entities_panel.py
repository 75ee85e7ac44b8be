"""Who and what is named: in the open article or the whole library, merged across spellings."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dto import EntityInfo
from desktop.ui import theme
from desktop.ui.claims_panel import swatch


class EntitiesPanel(QWidget):
    sig_spotlight = Signal(int)  # entity id: show its mentions in the reader
    sig_filter = Signal(int)  # entity id: filter the article list
    sig_merge = Signal(list, int)  # source ids, target id
    sig_rename = Signal(int)
    sig_retype = Signal(int)
    sig_dossier = Signal(int)
    sig_scope_changed = Signal(bool)  # True: whole library

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Name", "Mentions"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setRootIsDecorated(True)
        self.tree.setColumnWidth(0, 230)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._emit(item, self.sig_filter))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.library_scope = QCheckBox("Whole library")
        self.library_scope.toggled.connect(self.sig_scope_changed)
        merge = QPushButton("Merge selected")
        merge.setToolTip("Fold the selected entities into the most mentioned one")
        merge.clicked.connect(self.merge_selected)
        row = QHBoxLayout()
        row.addWidget(self.library_scope)
        row.addStretch()
        row.addWidget(merge)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self._infos: dict[int, EntityInfo] = {}

    def set_entities(self, entities: list[EntityInfo]) -> None:
        self._infos = {e.id: e for e in entities}
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for e in entities:
            if e.type not in theme.ENTITY_TYPES:
                continue
            if e.type not in groups:
                group = QTreeWidgetItem([theme.TYPE_LABELS.get(e.type, e.type), ""])
                group.setIcon(0, swatch(theme.entity_colour(e.type).name()))
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                groups[e.type] = group
            item = QTreeWidgetItem([e.name, str(e.mention_count)])
            item.setData(0, Qt.ItemDataRole.UserRole, e.id)
            others = [a for a in e.aliases if a != e.name]
            item.setToolTip(0, e.name + (f"\nalso written: {', '.join(others[:8])}" if others else "")
                            + f"\n{e.article_count} article(s) · double-click to list them")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            groups[e.type].addChild(item)
        order = list(theme.ENTITY_TYPES)
        for type_ in sorted(groups, key=order.index):
            self.tree.addTopLevelItem(groups[type_])
            groups[type_].setText(1, str(groups[type_].childCount()))
        self.tree.expandAll()

    def selected_ids(self) -> list[int]:
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in self.tree.selectedItems()
                if i.data(0, Qt.ItemDataRole.UserRole) is not None]

    def merge_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) < 2:
            return
        target = max(ids, key=lambda i: self._infos[i].mention_count)
        self.sig_merge.emit([i for i in ids if i != target], target)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._emit(item, self.sig_spotlight)

    @staticmethod
    def _emit(item: QTreeWidgetItem, signal) -> None:
        entity_id = item.data(0, Qt.ItemDataRole.UserRole)
        if entity_id is not None:
            signal.emit(entity_id)

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        entity_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if entity_id is None:
            return
        menu = QMenu(self)
        menu.addAction("Show articles naming it", lambda: self.sig_filter.emit(entity_id))
        menu.addAction("Dossier: quotes and claims…", lambda: self.sig_dossier.emit(entity_id))
        menu.addSeparator()
        menu.addAction("Rename…", lambda: self.sig_rename.emit(entity_id))
        menu.addAction("Change type…", lambda: self.sig_retype.emit(entity_id))
        merge = menu.addAction("Merge selected", self.merge_selected)
        merge.setEnabled(len(self.selected_ids()) > 1)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
