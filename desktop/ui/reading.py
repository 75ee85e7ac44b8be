"""The open article: showing it with its marks and panels, spotlights, find, zoom, and its status and details."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import cast

from desktop import edits
from desktop.services.dto import ArticleDetail, MentionInfo
from desktop.services.errors import UserError
from desktop.services.revisions import RevisionInfo
from desktop.ui import reading_ops, theme
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.details_dialog import DetailsDialog
from desktop.ui.reading_ops import Marks, OpenedArticle
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
    """The open article. Every read goes to the database executor; what comes back is drawn only if
    it is still about the article shown (the person may have opened another meanwhile)."""

    def __init__(self, win, codebook: CodebookActions) -> None:
        self._win = win
        self._codebook = codebook
        self._revision: RevisionInfo | None = None  # the open article's, for its header
        self._mentions: list[MentionInfo] = []  # the open article's, for spotlighting an entity
        self._latest: int | None = None  # the article asked for last

    def open_article(self, article_id: int, then: Callable[[], None] | None = None) -> None:
        win = self._win
        self._latest = article_id
        coder, query = win.team.visible_coder(), win.model.filter.text
        mark_read = not win.preview
        win.db.submit(lambda lib: reading_ops.open_article(lib, article_id, coder, query, mark_read),
                      on_done=lambda opened: self._show(opened, then),
                      on_failed=lambda exc: self._not_opened(exc), label="open article")

    def _not_opened(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self._win.db.report_failure(exc)
            return
        self._win.statusBar().showMessage(str(exc), 5000)

    def _show(self, opened: OpenedArticle, then: Callable[[], None] | None) -> None:
        win = self._win
        article = opened.article
        win.claims_panel.flush_note()
        win.reader.show_article(article)
        self._draw_marks(opened.marks)
        self._show_hits(opened.hits)
        if not win.preview:
            win.settings.set_last_article(win.lib.location, article.id)
        row = win.model.row_of(article.id)
        # Only the article asked for last moves the list's cursor: keys pressed while the database was busy
        # (PageDown through the list) must not be undone by the earlier articles arriving after them.
        if row is not None and win.table.currentIndex().row() != row and article.id == self._latest:
            win.select_row_quietly(row)
        if article.status == "unread" and not win.preview and not win.lib.read_only:
            win.model.refresh_article(article.id)  # marked read on the way
        if then is not None:
            then()

    @property
    def revision(self) -> RevisionInfo | None:
        """The open article's revision, as last read (None: never revised)."""
        return self._revision

    def refresh_header(self) -> None:
        """The header's muted colour follows the palette, so a switch to dark redraws it."""
        if self._win.reader.article is not None:
            self._win.article_header.setText(self._header(self._win.reader.article))

    def _header(self, article: ArticleDetail) -> str:
        return header_html(article) + revision_line(self._revision)

    def refresh_marks(self, keep_claim: int | None = None, then: Callable[[], None] | None = None) -> None:
        win = self._win
        article = win.reader.article
        if article is None:
            return
        coder = win.team.visible_coder()
        article_id = article.id
        win.db.submit(lambda lib: reading_ops.load_marks(lib, article_id, coder),
                      on_done=lambda marks: self._marks_loaded(marks, keep_claim, then), label="marks")

    def _marks_loaded(self, marks: Marks, keep_claim: int | None, then: Callable[[], None] | None) -> None:
        if self._draw_marks(marks, keep_claim) and then is not None:
            then()

    def _draw_marks(self, marks: Marks, keep_claim: int | None = None) -> bool:
        """Draw the marks over the open article; False if another article is open by now."""
        win = self._win
        article = win.reader.article
        if article is None or article.id != marks.article_id:
            return False
        self._revision = marks.revision
        win.article_header.setText(self._header(article))
        colours = {t.id: t.color for t in self._codebook.tags}
        win.reader.clear_spotlight()  # it may point at a claim just undone; a panel's choice spotlights again
        win.reader.set_marks(marks.mentions, marks.quotes, marks.claims, colours)
        self._mentions = marks.mentions
        win.claims_panel.set_claims(marks.claims, colours, keep=keep_claim or win.claims_panel.current_id())
        win.revision_actions.mark_flagged(marks.flags)
        win.quotes_panel.set_quotes(marks.quotes)
        win.suggestions_panel.set_suggestions(marks.suggestions)
        self.refresh_entities()
        return True

    def refresh_entities(self) -> None:
        win = self._win
        article = win.reader.article
        library = win.entities_panel.library_scope.isChecked()
        if not library and article is None:
            win.entities_panel.set_entities([])
            return
        article_id = None if library else article.id
        win.db.submit(lambda lib: reading_ops.entities(lib, article_id), on_done=self._entities_loaded,
                      label="entities")

    def _entities_loaded(self, entities) -> None:
        self._win.entities_panel.set_entities(entities)

    def spotlight_entity(self, entity_id: int) -> None:
        if self._win.reader.article is not None:
            self._win.reader.spotlight([(m.start, m.end) for m in self._mentions
                                        if m.entity_id == entity_id])

    def claim_selected(self, claim_id: int) -> None:
        win = self._win
        claim = win.claims_panel.shown(claim_id)
        if claim is None:
            return
        win.reader.spotlight([(claim.start, claim.end)])
        win.db.submit(lambda lib: reading_ops.claim_links(lib, claim_id),
                      on_done=lambda links: self._links_loaded(claim_id, links), label="claim links")

    def _links_loaded(self, claim_id: int, links) -> None:
        if self._win.claims_panel.current_id() == claim_id:
            self._win.claims_panel.show_links(links)

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
        if article is None or not query:
            self._show_hits([])
            return
        article_id = article.id
        win.db.submit(lambda lib: (article_id, reading_ops.hits_in(lib, query, article_id)),
                      on_done=self._hits_loaded, label="search hits")

    def _hits_loaded(self, found: tuple[int, list[tuple[int, int]]]) -> None:
        article_id, spans = found
        article = self._win.reader.article
        if article is not None and article.id == article_id:
            self._show_hits(spans)

    def _show_hits(self, spans: list[tuple[int, int]]) -> None:
        self._win.reader.set_hits(spans)
        self._win.legend.show_hits(len(spans))

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
        if changes:
            article_id = article.id
            win.do_all("Correct article details",
                       [edits.SetArticleMetadata(article_id, field, cast("str | dt.date | None", value))
                        for field, value in changes.items()],
                       then=lambda: self.open_article(article_id, then=lambda: win.model.refresh_article(article_id)))
