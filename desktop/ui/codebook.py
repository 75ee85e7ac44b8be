"""The codebook: tags in a tree, dragged to re-parent or reorder, with colours and descriptions."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dto import TagInfo
from desktop.ui.claims_panel import swatch
from desktop.ui.plain import plain_label, plain_tooltip

TAG_MIME = "application/x-claimdesk-tag"

DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain description the label under the tree shows


class CodebookTree(QTreeWidget):
    """Dragging a tag asks the library to move it; the tree is then redrawn from the library.

    Every drop goes through the model's dropMimeData, so a test can drop exactly as a person does.
    """

    sig_moved = Signal(int, object, int)  # tag id, new parent id (or None), place among the new siblings

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Tag", "Key", "Claims"])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)  # names get the room, no sideways scrolling
        for col in (1, 2):
            header.setSectionResizeMode(col, header.ResizeMode.ResizeToContents)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def mimeTypes(self) -> list[str]:
        return [TAG_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(TAG_MIME, QByteArray(str(items[0].data(0, Qt.ItemDataRole.UserRole)).encode()))
        return data

    def dropMimeData(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, _action) -> bool:
        if not data.hasFormat(TAG_MIME):
            return False
        tag_id = int(bytes(data.data(TAG_MIME).data()).decode())
        parent = None if parent is self.invisibleRootItem() else parent
        siblings = parent or self.invisibleRootItem()
        others = [item for i in range(siblings.childCount()) if (item := siblings.child(i)) is not None]
        ids = [item.data(0, Qt.ItemDataRole.UserRole) for item in others]
        place = len(others) if index < 0 else index
        if tag_id in ids[:place]:
            place -= 1  # the dragged tag leaves its old place above the drop point
        parent_id = parent.data(0, Qt.ItemDataRole.UserRole) if parent is not None else None
        self.sig_moved.emit(tag_id, parent_id, max(0, min(place, len(others) - (tag_id in ids))))
        return True

    def dropEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint()).siblingAtColumn(0)
        where = self.dropIndicatorPosition()
        if where == QAbstractItemView.DropIndicatorPosition.OnItem:
            parent, row = index, -1
        elif where in (QAbstractItemView.DropIndicatorPosition.AboveItem,
                       QAbstractItemView.DropIndicatorPosition.BelowItem):
            below = where == QAbstractItemView.DropIndicatorPosition.BelowItem
            parent, row = index.parent(), index.row() + below
        else:
            parent, row = QModelIndex(), -1
        if self.model().dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, row, -1 if row < 0 else 0, parent):
            # Reported as a copy so Qt does not delete the dragged row; the library's redraw moves it.
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()


class CodebookPanel(QWidget):
    sig_moved = Signal(int, object, int)
    sig_add = Signal(object)  # parent id or None
    sig_rename = Signal(int)
    sig_colour = Signal(int)
    sig_describe = Signal(int)
    sig_delete = Signal(int)
    sig_filter = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree = CodebookTree()
        self.tree.sig_moved.connect(self.sig_moved)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.sig_filter.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        buttons = QGridLayout()
        actions = (("Add", lambda: self.sig_add.emit(None)),
                   ("Add child", lambda: self._with_current(lambda t: self.sig_add.emit(t))),
                   ("Rename", lambda: self._with_current(self.sig_rename.emit)),
                   ("Colour", lambda: self._with_current(self.sig_colour.emit)),
                   ("Describe", lambda: self._with_current(self.sig_describe.emit)),
                   ("Delete", lambda: self._with_current(self.sig_delete.emit)))
        for n, (label, handler) in enumerate(actions):
            button = QPushButton(label)
            button.clicked.connect(handler)
            buttons.addWidget(button, n // 3, n % 3)  # two rows, so the panel can be narrow
        self.description = plain_label(QLabel())
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: palette(mid);")
        self.tree.currentItemChanged.connect(self._describe_current)
        hint = QLabel("Drag a tag onto another to nest it, between two to reorder. Double-click: list its articles.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid); font-size: small;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(self.description)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def _describe_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self.description.setText(item.data(0, DESCRIPTION_ROLE) if item is not None else "")

    def _with_current(self, fn) -> None:
        item = self.tree.currentItem()
        if item is not None:
            fn(item.data(0, Qt.ItemDataRole.UserRole))

    def set_tags(self, tags: list[TagInfo], usage: dict[int, int], keys: dict[int, int]) -> None:
        current = self.tree.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for t in tags:
            item = QTreeWidgetItem([t.name, str(keys[t.id]) if t.id in keys else "", str(usage.get(t.id, "") or "")])
            item.setIcon(0, swatch(t.color))
            item.setToolTip(0, plain_tooltip(t.description or t.path))
            item.setData(0, DESCRIPTION_ROLE, t.description or t.path)
            item.setData(0, Qt.ItemDataRole.UserRole, t.id)
            parent = items.get(t.parent_id) if t.parent_id is not None else None
            (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
            items[t.id] = item
        self.tree.expandAll()
        if keep in items:  # an edit rebuilds the tree; the person's place in it stays
            self.tree.setCurrentItem(items[keep])


class TagPicker(QDialog):
    """Ctrl+T: type to find a tag among all of them, Enter to choose."""

    def __init__(self, tags: list[TagInfo], parent=None, title: str = "Tag the selection") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 460)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type to filter tags…")
        self.list = QListWidget()
        for t in tags:
            item = QListWidgetItem(swatch(t.color), t.path)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(plain_tooltip(t.description))
            self.list.addItem(item)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.accept)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(box)
        self._filter("")

    def _filter(self, text: str) -> None:
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = text.lower() not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None
