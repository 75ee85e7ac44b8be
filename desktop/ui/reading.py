"""The open article: showing it with its marks and panels, spotlights, find, zoom, and its status and details."""
from __future__ import annotations

import html

from desktop import edits
from desktop.services import UserError
from desktop.services.dto import ArticleDetail
from desktop.ui import theme
from desktop.ui.details_dialog import DetailsDialog
from desktop.ui.revision_view import revision_line


def header_html(article: ArticleDetail) -> str:
    meta = " · ".join(x for x in (article.outlet, article.published.isoformat() if article.published else None,
                                  article.author) if x)
    pending = "" if article.analyser_version else " · <i>analysing…</i>"
    if article.analysis_error:
        pending = f" · <i>not analysed: {esc(article.analysis_error)}</i>"
    return (f"<span style='font-size:15pt; font-weight:600'>{esc(article.title)}</span>"
            f"<br><span style='color:{theme.muted().name()}'>{esc(meta)}{pending}</span>")


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=False)


class Reading:
    def __init__(self, win) -> None:
        self._win = win

    def open_article(self, article_id: int) -> None:
        win = self._win
        try:
            article = win.lib.articles.get(article_id)
        except UserError as exc:
            win.statusBar().showMessage(str(exc), 5000)
            return
        win.claims_panel.flush_note()
        win.reader.show_article(article)
        win.article_header.setText(self._header(article))
        self.refresh_marks()
        self.refresh_hits()
        if not win.preview:
            win.settings.set_last_article(win.lib.location, article_id)
        row = win.model.row_of(article_id)
        if row is not None and win.table.currentIndex().row() != row:
            win.select_row_quietly(row)
        if article.status == "unread" and not win.preview and not win.lib.read_only:
            win.lib.articles.set_status(article_id, "read")  # opening is not an edit worth undoing
            win.model.refresh_article(article_id)

    def refresh_header(self) -> None:
        """The header's muted colour follows the palette, so a switch to dark redraws it."""
        if self._win.reader.article is not None:
            self._win.article_header.setText(self._header(self._win.reader.article))

    def _header(self, article: ArticleDetail) -> str:
        return header_html(article) + revision_line(self._win.lib.revisions.for_article(article.id))

    def refresh_marks(self, keep_claim: int | None = None) -> None:
        win = self._win
        article = win.reader.article
        if article is None:
            return
        colours = {t.id: t.color for t in win.codebook_actions.tags}
        claims = win.lib.claims.for_article(article.id, coder=win.team.visible_coder())
        quotes = win.lib.entities.quotes(article_id=article.id)
        win.reader.clear_spotlight()  # it may point at a claim just undone; a panel's choice spotlights again
        win.reader.set_marks(win.lib.entities.mentions(article.id), quotes, claims, colours)
        win.claims_panel.set_claims(claims, colours, keep=keep_claim or win.claims_panel.current_id())
        win.revision_actions.mark_flagged(article.id)
        win.quotes_panel.set_quotes(quotes)
        win.suggestions_panel.set_suggestions(win.lib.suggestions.for_article(article.id))
        self.refresh_entities()

    def refresh_entities(self) -> None:
        win = self._win
        article = win.reader.article
        library = win.entities_panel.library_scope.isChecked()
        if not library and article is None:
            win.entities_panel.set_entities([])
            return
        win.entities_panel.set_entities(win.lib.entities.list(None if library else article.id,
                                                              types=theme.ENTITY_TYPES, limit=500))

    def spotlight_entity(self, entity_id: int) -> None:
        article = self._win.reader.article
        if article is not None:
            mentions = self._win.lib.entities.mentions(article.id)
            self._win.reader.spotlight([(m.start, m.end) for m in mentions if m.entity_id == entity_id])

    def claim_selected(self, claim_id: int) -> None:
        win = self._win
        article = win.reader.article
        claim = next((c for c in win.lib.claims.for_article(article.id) if c.id == claim_id), None) \
            if article else None
        if claim is not None:
            win.reader.spotlight([(claim.start, claim.end)])
            win.claims_panel.show_links(win.lib.claims.links(claim_id))

    def claim_clicked(self, claim_id: int) -> None:
        self._win.tabs.setCurrentWidget(self._win.claims_panel)
        self._win.claims_panel.select(claim_id)

    def toggle_speaker_labels(self, shown: bool) -> None:
        self._win.reader.set_speaker_labels(shown)
        if not self._win.preview:
            self._win.settings.set("reader/speaker_labels", int(shown))

    def types_toggled(self, hidden: set[str]) -> None:
        self._win.reader.set_hidden_types(hidden)
        if not self._win.preview:
            self._win.settings.set("reader/hidden_types", sorted(hidden))

    # ---- the library search's hits in the open article
    def refresh_hits(self) -> None:
        win = self._win
        article, query = win.reader.article, win.model.filter.text
        spans = win.lib.searcher.in_article(query, article.id) if article is not None and query else []
        win.reader.set_hits(spans)
        win.legend.show_hits(len(spans))

    def clear_hits(self) -> bool:
        """Esc: the hits go from the reader (the list stays filtered); False if there were none."""
        if not self._win.reader.hits:
            return False
        self._win.reader.set_hits([])
        self._win.legend.show_hits(0)
        return True

    def next_hit(self, backwards: bool = False) -> None:
        """F3 steps through the search hits, or through the find bar's matches when there are none."""
        win = self._win
        if win.reader.next_hit(backwards):
            return
        if win.find_bar.text():
            self.find(backwards)
        else:
            win.statusBar().showMessage("No search hits here: type in the search box (Ctrl+K) or find (Ctrl+F)",
                                        5000)

    # ---- find and zoom
    def show_find(self) -> None:
        bar = self._win.find_bar
        query = self._win.model.filter.text
        if not bar.text() and query and self._win.reader.hits:
            bar.setText(" ".join(query.replace('"', " ").replace("*", " ").split()))  # start from the search
        bar.show()
        bar.setFocus()
        bar.selectAll()

    def close_find(self) -> None:
        self._win.find_bar.hide()
        self._win.reader.setFocus()

    def find(self, backwards: bool = False) -> None:
        needle = self._win.find_bar.text()
        if needle and not self._win.reader.find_text(needle, backwards=backwards):
            self._win.statusBar().showMessage(f"“{needle}” is not in this article", 4000)

    def zoom(self, step: int) -> None:
        settings = self._win.settings
        current = settings.get("reader/zoom")
        target = 0 if step == 0 else max(-6, min(12, current + step))
        if target != current:
            self._win.reader.zoomIn(target - current)
        settings.set("reader/zoom", target)

    # ---- the article's own status and details
    def set_status(self, status: str) -> None:
        article = self._win.reader.article
        if article is not None:
            self._win.do(edits.SetArticleStatus(article.id, status))

    def correct_metadata(self) -> None:
        """One dialog for every detail; the changes are one step to undo."""
        win = self._win
        article = win.reader.article
        if article is None:
            win.statusBar().showMessage("Open an article first", 4000)
            return
        dialog = DetailsDialog(article, win)
        changes = dialog.changes() if dialog.exec() else {}
        if changes and win.do_all("Correct article details", [edits.SetArticleMetadata(article.id, field, value)
                                                             for field, value in changes.items()]):
            self.open_article(article.id)
            win.model.refresh_article(article.id)
