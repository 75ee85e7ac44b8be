"""Who and what is named: in the open article or the whole library, merged across spellings."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
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
from desktop.ui.plain import plain_tooltip


class EntitiesPanel(QWidget):
    sig_spotlight = Signal(int)  # entity id: show its mentions in the reader
    sig_filter = Signal(int)  # entity id: filter the article list
    sig_merge = Signal(list, int)  # source ids, target id
    sig_rename = Signal(int)
    sig_split = Signal(int)
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
        row = QHBoxLayout()
        for label, tip, handler in (
                ("Merge…", "Fold the selected entities into one; you choose the name that stays",
                 self.merge_selected),
                ("Split…", "Move some spellings of the chosen entity to an entity of their own",
                 lambda: self._with_current(self.sig_split)),
                ("Rename…", "Rename the chosen entity", lambda: self._with_current(self.sig_rename)),
                ("Dossier…", "Every quote by the chosen entity and every claim about it, across articles",
                 lambda: self._with_current(self.sig_dossier))):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(handler)
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.library_scope)
        layout.addWidget(self.tree)
        layout.addLayout(row)
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
            item.setToolTip(0, plain_tooltip(e.name + (f"\nalso written: {', '.join(others[:8])}" if others else "")
                                             + f"\n{e.article_count} article(s) · double-click to list them"))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            groups[e.type].addChild(item)
        order = list(theme.ENTITY_TYPES)
        for type_ in sorted(groups, key=order.index):
            self.tree.addTopLevelItem(groups[type_])
            # How many entities, beside the type's name: the Mentions column counts mentions only.
            groups[type_].setText(0, f"{groups[type_].text(0)} ({groups[type_].childCount()})")
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

    def _with_current(self, signal) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._emit(item, signal)

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
        split = menu.addAction("Split off spellings…", lambda: self.sig_split.emit(entity_id))
        split.setEnabled(len(self._infos[entity_id].aliases) > 1)
        menu.addAction("Change type…", lambda: self.sig_retype.emit(entity_id))
        merge = menu.addAction("Merge selected", self.merge_selected)
        merge.setEnabled(len(self.selected_ids()) > 1)
        menu.exec(self.tree.viewport().mapToGlobal(pos))


class SplitDialog(QDialog):
    """Choose which spellings of one entity really name someone else, and what to call that one."""

    def __init__(self, entity: EntityInfo, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split {entity.name}")
        self.aliases = QListWidget()
        for alias in entity.aliases:
            item = QListWidgetItem(alias)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.aliases.addItem(item)
        self.name = QLineEdit()
        self.name.setPlaceholderText("the first spelling chosen")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.aliases.itemChanged.connect(lambda _i: self._enable())
        form = QFormLayout(self)
        form.addRow(QLabel("Tick the spellings that name a different person or thing:"))
        form.addRow(self.aliases)
        form.addRow("New entity's name", self.name)
        form.addRow(self.buttons)
        self._enable()

    def chosen(self) -> list[str]:
        return [self.aliases.item(i).text() for i in range(self.aliases.count())
                if self.aliases.item(i).checkState() == Qt.CheckState.Checked]

    def new_name(self) -> str | None:
        return self.name.text().strip() or None

    def _enable(self) -> None:
        """Some but not all spellings: splitting off every one would leave an empty entity."""
        ok = 0 < len(self.chosen()) < self.aliases.count()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
