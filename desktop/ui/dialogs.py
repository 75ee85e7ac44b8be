"""Small dialogs: errors with details on demand, the dossier of one entity, shortcuts, import results."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.dossier import Dossier



def show_error(parent: QWidget | None, message: str, details: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox  # not at start-up: issue 19

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ClaimDesk")
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote file names and article text
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.exec()


class TextDialog(QDialog):
    def __init__(self, title: str, html: str, parent=None, size=(640, 520)) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(*size)
        self.view = view = QTextBrowser()
        view.setOpenExternalLinks(False)
        view.setOpenLinks(False)  # links are the app's own ("open this article here"), handled by the caller
        view.setHtml(html)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(box)


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


KIND = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Country or city", "LOC": "Place", "NORP": "Group",
        "FAC": "Facility", "EVENT": "Event", "LAW": "Law"}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def dossier_html(dossier: Dossier) -> str:
    entity, quotes, claims = dossier.entity, dossier.quotes, dossier.claims
    kind = KIND.get(entity.type, entity.type)
    parts = [f"<h2>{_esc(entity.name)}</h2>",
             f"<p>{_esc(kind)} · {_plural(entity.mention_count, 'mention')} in "
             f"{_plural(entity.article_count, 'article')}</p>"]
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        parts.append(f"<p><i>Also written:</i> {_esc(', '.join(others))}</p>")
    parts.append(f"<h3>Quoted ({len(quotes)})</h3>")
    parts += [f"<p><a href='{place_link(q)}'>“{_esc(q.text)}”</a><br><small>{_esc(q.article_title)}</small></p>"
              for q in quotes] or ["<p>—</p>"]
    parts.append(f"<h3>Claims about or by {_esc(entity.name)} ({len(claims)})</h3>")
    parts += [f"<p><a href='{place_link(c)}'>{_esc(c.text)}</a><br><small>{_esc(_about(c))}</small></p>"
              for c in claims] or ["<p>—</p>"]
    if dossier.trails:
        parts.append(f"<h3>Claims across articles ({len(dossier.trails)})</h3>")
        parts += [_trail_html(t) for t in dossier.trails]
    parts.append("<p><small>Click a quotation or a claim to open its article there.</small></p>")
    return "".join(parts)


def place_link(item) -> str:
    """A link to a passage of an article: 'place:ARTICLE:START:END'."""
    return f"place:{item.article_id}:{item.start}:{item.end}"


def parse_place(link: str) -> tuple[int, int, int] | None:
    parts = link.split(":")
    if len(parts) != 4 or parts[0] != "place" or not all(p.isdigit() for p in parts[1:]):
        return None
    return int(parts[1]), int(parts[2]), int(parts[3])


def _trail_html(trail) -> str:
    """A trail as its summary and one line a stop: date, outlet, who said it, the words."""
    rows = "".join(
        f"<li>{_esc(s.published.isoformat() if s.published else 'undated')} · {_esc(s.outlet or s.title)}"
        f"{' · ' + _esc(s.speaker) if s.speaker else ''}: “{_esc(s.text)}”"
        f"{' <b>(figure changed)</b>' if s.figure_changed else ''}</li>" for s in trail.stops)
    return f"<p><small>{_esc(trail.summary())}</small></p><ul>{rows}</ul>"


def _about(claim) -> str:
    return " · ".join(x for x in (", ".join(claim.tag_names), claim.verdict, claim.article_title) if x)


def import_report_html(summary: str, failed: list[tuple[str, str]], duplicates: list[tuple[str, int]],
                       notes: list[tuple[str, str]] | None = None) -> str:
    parts = [f"<p><b>{_esc(summary)}</b></p>"]
    if failed:
        parts.append("<h3>Not imported</h3><ul>")
        parts += [f"<li><b>{_esc(p)}</b>: {_esc(r)}</li>" for p, r in failed]
        parts.append("</ul>")
    if notes:
        parts.append("<h3>Imported, with a warning</h3><ul>")
        parts += [f"<li><b>{_esc(p)}</b>: {_esc(r)}</li>" for p, r in notes]
        parts.append("</ul>")
    if duplicates:
        parts.append("<h3>Already in the library</h3><ul>")
        parts += [f"<li>{_esc(p)}</li>" for p, _ in duplicates[:200]]
        parts.append("</ul>")
    return "".join(parts)


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td><b>{_esc(k)}</b></td><td>{_esc(v)}</td></tr>" for k, v in rows)
    return f"<h2>Keyboard shortcuts</h2><table cellpadding='4'>{cells}</table>"
