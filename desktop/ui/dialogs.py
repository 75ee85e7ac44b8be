"""Small dialogs: errors with details on demand, the dossier of one entity, shortcuts, import results."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.services.dto import ClaimInfo, EntityInfo, QuoteInfo


def show_error(parent: QWidget | None, message: str, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ClaimDesk")
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.exec()


class TextDialog(QDialog):
    def __init__(self, title: str, html: str, parent=None, size=(640, 520)) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*size)
        view = QTextBrowser()
        view.setOpenExternalLinks(False)
        view.setHtml(html)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(box)


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def dossier_html(entity: EntityInfo, quotes: list[QuoteInfo], claims: list[ClaimInfo]) -> str:
    parts = [f"<h2>{_esc(entity.name)}</h2>",
             f"<p>{_esc(entity.type)} · {entity.mention_count} mentions in {entity.article_count} article(s)</p>"]
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        parts.append(f"<p><i>Also written:</i> {_esc(', '.join(others))}</p>")
    parts.append(f"<h3>Quoted ({len(quotes)})</h3>")
    parts += [f"<p>“{_esc(q.text)}”<br><small>{_esc(q.article_title)}</small></p>" for q in quotes] or ["<p>—</p>"]
    parts.append(f"<h3>Claims ({len(claims)})</h3>")
    parts += [f"<p>{_esc(c.text)}<br><small>{_esc(', '.join(c.tag_names))} · {_esc(c.verdict)} · "
              f"{_esc(c.article_title)}</small></p>" for c in claims] or ["<p>—</p>"]
    return "".join(parts)


def import_report_html(summary: str, failed: list[tuple[str, str]], duplicates: list[tuple[str, int]]) -> str:
    parts = [f"<p><b>{_esc(summary)}</b></p>"]
    if failed:
        parts.append("<h3>Not imported</h3><ul>")
        parts += [f"<li><b>{_esc(p)}</b>: {_esc(r)}</li>" for p, r in failed]
        parts.append("</ul>")
    if duplicates:
        parts.append("<h3>Already in the library</h3><ul>")
        parts += [f"<li>{_esc(p)}</li>" for p, _ in duplicates[:200]]
        parts.append("</ul>")
    return "".join(parts)


SHORTCUTS = [
    ("1 – 9", "Tag the selected passage with one of the first nine tags"),
    ("Ctrl+T", "Tag the selected passage with any tag (searchable)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo any edit"),
    ("Ctrl+F", "Find in the article; Enter / Shift+Enter for next / previous"),
    ("Ctrl+K", "Search the library"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom the reader in / out / back"),
    ("Ctrl+I", "Import files"),
    ("Ctrl+Shift+I", "Import a folder"),
    ("Ctrl+O", "Open another library"),
    ("Ctrl+D", "Mark the article done"),
    ("Ctrl+U", "Mark the article unread"),
    ("Delete", "Delete the chosen claim"),
    ("Ctrl+Q", "Quit (everything is already saved)"),
]


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td><b>{_esc(k)}</b></td><td>{_esc(v)}</td></tr>" for k, v in SHORTCUTS)
    return f"<h2>Keyboard shortcuts</h2><table cellpadding='6'>{rows}</table>"
