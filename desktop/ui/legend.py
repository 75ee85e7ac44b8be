"""The reader's legend: one chip per entity type in its highlight colour, each a toggle for that type."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from desktop.ui import theme
from desktop.ui.flow_layout import FlowLayout

CHIP = ("QToolButton { background: COLOUR; color: TEXT; border-radius: 3px; padding: 1px 6px;"
        " text-decoration: none; }"
        " QToolButton:!checked { background: transparent; color: gray; text-decoration: line-through; }")


class Legend(QWidget):
    sig_hidden_changed = Signal(set)  # the entity types not to highlight

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self)
        layout.setContentsMargins(12, 0, 12, 4)
        self.toggles: dict[str, QToolButton] = {}
        for type_ in theme.ENTITY_TYPES:
            button = QToolButton()
            button.setText(theme.TYPE_LABELS[type_].replace("&", "&&"))
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolTip(f"Show or hide the highlighting of {theme.TYPE_LABELS[type_].lower()}")
            button.toggled.connect(lambda _on: self.sig_hidden_changed.emit(self.hidden()))
            self.toggles[type_] = button
            layout.addWidget(button)
        self.quote = QLabel()
        layout.addWidget(self.quote)
        self.hits = QLabel()  # shown only while the reader marks the library search's words
        self.hits.setToolTip("F3 / Shift+F3: next / previous hit; Esc clears them")
        self.hits.hide()
        layout.addWidget(self.hits)
        self.recolour()

    def recolour(self) -> None:
        """Follow the palette: dark mode has its own highlight colours."""
        text = "#f0f0f0" if theme.is_dark() else "#202020"
        for type_, button in self.toggles.items():
            button.setStyleSheet(CHIP.replace("COLOUR", theme.entity_colour(type_).name()).replace("TEXT", text))
        self.quote.setText(f"<i style='color:{theme.quote_colour().name()}'>“quotation”</i>")
        self.show_hits(self._hit_count if hasattr(self, "_hit_count") else 0)

    def show_hits(self, count: int) -> None:
        """'4 search hits · F3' in the hits' own colour, or nothing when the reader marks none."""
        self._hit_count = count
        self.hits.setVisible(count > 0)
        self.hits.setText(f"<span style='background:{theme.hit_colour().name()}; color:{'#fff' if theme.is_dark() else '#000'}'>&nbsp;{count} search "
                          f"hit{'' if count == 1 else 's'}&nbsp;</span> F3 next · Esc clears")

    def hidden(self) -> set[str]:
        return {t for t, b in self.toggles.items() if not b.isChecked()}

    def set_hidden(self, hidden: list[str] | set[str]) -> None:
        for type_, button in self.toggles.items():
            button.setChecked(type_ not in hidden)
