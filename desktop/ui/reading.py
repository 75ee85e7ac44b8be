"""The open article: showing it with its marks and panels, spotlights, find, zoom, and its status and details."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QWidget

from desktop.services.dto import ArticleDetail, MentionInfo
from desktop.services.errors import UserError
from desktop.ui import reading_ops, theme
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.db_executor import DbExecutor, Ticket
from desktop.ui.details_dialog import DetailsDialog
from desktop.ui.reading_ops import Marks, OpenedArticle
from desktop.ui.revision_view import mark_flagged, revision_line
from desktop.ui.settings import Settings
from desktop.ui.window_parts import ArticleList, ArticleView, Editor, HoldsLibrary, Say

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.revisions import RevisionInfo


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


@dataclass
class _MarksAsked:
    """A marks read on its way: which article and coder, and what its answer is for."""

    article_id: int
    coder: str | None
    keep: int | None  # the claim to choose in the panel once drawn
    thens: list[Callable[[], None] | None]
    ticket: Ticket[Marks] = field(default_factory=lambda: Ticket("marks"))


class Reading:
    """The open article. Every read goes to the database executor; what comes back is drawn only if
    it is still about the article shown (the person may have opened another meanwhile)."""

    def __init__(self, parent: QWidget, db: DbExecutor, view: ArticleView, articles: ArticleList,
                 codebook: CodebookActions, editor: Editor, settings: Settings, holder: HoldsLibrary,
                 coder: Callable[[], str | None], say: Say, preview: bool = False) -> None:
        self._parent, self._db, self._view, self._list = parent, db, view, articles
        self._codebook = codebook
        self._editor, self._settings, self._holder, self._say = editor, settings, holder, say
        self._coder = coder  # whose claims are shown: the team's blind coding or the list's coder filter
        self._preview = preview  # --screenshot: showing an article changes nothing in the library or the settings
        self._revision: RevisionInfo | None = None  # the open article's, for its header
        self._mentions: list[MentionInfo] = []  # the open article's, for spotlighting an entity
        self._marks_asked: _MarksAsked | None = None  # the last marks read submitted, until it answers
        self._latest: int | None = None  # the article asked for last

    def open_article(self, article_id: int, then: Callable[[], None] | None = None) -> None:
        self._latest = article_id
        coder, query = self._coder(), self._list.model.filter.text
        mark_read = not self._preview
        self._db.submit(lambda lib: reading_ops.open_article(lib, article_id, coder, query, mark_read),
                        on_done=lambda opened: self._show(opened, then),
                        on_failed=lambda exc: self._not_opened(exc), label="open article")

    def _not_opened(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self._db.report_failure(exc)
            return
        self._say(str(exc), 5000)

    def _show(self, opened: OpenedArticle, then: Callable[[], None] | None) -> None:
        article = opened.article
        self._view.claims.flush_note()
        self._view.reader.show_article(article)
        self._draw_marks(opened.marks)
        self._show_hits(opened.hits)
        if not self._preview:
            self._settings.set_last_article(self._holder.lib.location, article.id)
        row = self._list.model.row_of(article.id)
        # Only the article asked for last moves the list's cursor: keys pressed while the database was busy
        # (PageDown through the list) must not be undone by the earlier articles arriving after them.
        if row is not None and self._list.table.currentIndex().row() != row and article.id == self._latest:
            self._list.select_quietly(row)
        if article.status == "unread" and not self._preview and not self._holder.lib.read_only:
            self._list.model.refresh_article(article.id)  # marked read on the way
        if then is not None:
            then()

    @property
    def revision(self) -> RevisionInfo | None:
        """The open article's revision, as last read (None: never revised)."""
        return self._revision

    def refresh_header(self) -> None:
        """The header's muted colour follows the palette, so a switch to dark redraws it."""
        if self._view.reader.article is not None:
            self._view.header.setText(self._header(self._view.reader.article))

    def _header(self, article: ArticleDetail) -> str:
        return header_html(article) + revision_line(self._revision)

    def refresh_marks(self, keep_claim: int | None = None, then: Callable[[], None] | None = None) -> None:
        article = self._view.reader.article
        if article is None:
            return
        coder = self._coder()
        article_id = article.id
        asked = self._marks_asked
        if asked is not None and not asked.ticket.started and (asked.article_id, asked.coder) == (article_id, coder):
            # A read of the same marks still waits in the queue: it will see every write committed by
            # now, so it answers this call too (an edit's refresh and its follow-up ask twice at once).
            asked.keep = keep_claim if keep_claim is not None else asked.keep
            asked.thens.append(then)
            return
        wanted = _MarksAsked(article_id, coder, keep_claim, [then])
        wanted.ticket = self._db.submit(lambda lib: reading_ops.load_marks(lib, article_id, coder),
                                       on_done=lambda marks: self._marks_loaded(marks, wanted), label="marks")
        self._marks_asked = wanted

    def _marks_loaded(self, marks: Marks, asked: _MarksAsked) -> None:
        if self._marks_asked is asked:
            self._marks_asked = None
        if self._draw_marks(marks, asked.keep):
            for then in asked.thens:
                if then is not None:
                    then()

    def _draw_marks(self, marks: Marks, keep_claim: int | None = None) -> bool:
        """Draw the marks over the open article; False if another article is open by now."""
        article = self._view.reader.article
        if article is None or article.id != marks.article_id:
            return False
        self._revision = marks.revision
        self._view.header.setText(self._header(article))
        colours = {t.id: t.color for t in self._codebook.tags}
        self._view.reader.clear_spotlight()  # it may point at a claim just undone; a panel's choice spotlights again
        self._view.reader.set_marks(marks.mentions, marks.quotes, marks.claims, colours)
        self._mentions = marks.mentions
        self._view.claims.set_claims(marks.claims, colours, keep=keep_claim or self._view.claims.current_id())
        mark_flagged(self._view.claims, marks.flags)
        self._view.quotes.set_quotes(marks.quotes)
        self._view.suggestions.set_suggestions(marks.suggestions)
        self.refresh_entities()
        return True

    def refresh_entities(self) -> None:
        article = self._view.reader.article
        library = self._view.entities.library_scope.isChecked()
        if not library and article is None:
            self._view.entities.set_entities([])
            return
        article_id = article.id if article is not None and not library else None
        self._db.submit(lambda lib: reading_ops.entities(lib, article_id), on_done=self._entities_loaded,
                        label="entities")

    def _entities_loaded(self, entities) -> None:
        self._view.entities.set_entities(entities)

    def spotlight_entity(self, entity_id: int) -> None:
        if self._view.reader.article is not None:
            self._view.reader.spotlight([(m.start, m.end) for m in self._mentions
                                        if m.entity_id == entity_id])

    def claim_selected(self, claim_id: int) -> None:
        claim = self._view.claims.shown(claim_id)
        if claim is None:
            return
        self._view.reader.spotlight([(claim.start, claim.end)])
        self._db.submit(lambda lib: reading_ops.claim_links(lib, claim_id),
                        on_done=lambda links: self._links_loaded(claim_id, links), label="claim links")

    def _links_loaded(self, claim_id: int, links) -> None:
        if self._view.claims.current_id() == claim_id:
            self._view.claims.show_links(links)

    def claim_clicked(self, claim_id: int) -> None:
        self._view.tabs.setCurrentWidget(self._view.claims)
        self._view.claims.select(claim_id)

    def toggle_speaker_labels(self, shown: bool) -> None:
        self._view.reader.set_speaker_labels(shown)
        if not self._preview:
            self._settings.set("reader/speaker_labels", int(shown))

    def types_toggled(self, hidden: set[str]) -> None:
        self._view.reader.set_hidden_types(hidden)
        if not self._preview:
            self._settings.set("reader/hidden_types", sorted(hidden))

    # ---- the library search's hits in the open article
    def refresh_hits(self) -> None:
        article, query = self._view.reader.article, self._list.model.filter.text
        if article is None or not query:
            self._show_hits([])
            return
        article_id = article.id
        self._db.submit(lambda lib: (article_id, reading_ops.hits_in(lib, query, article_id)),
                        on_done=self._hits_loaded, label="search hits")

    def _hits_loaded(self, found: tuple[int, list[tuple[int, int]]]) -> None:
        article_id, spans = found
        article = self._view.reader.article
        if article is not None and article.id == article_id:
            self._show_hits(spans)

    def _show_hits(self, spans: list[tuple[int, int]]) -> None:
        self._view.reader.set_hits(spans)
        self._view.legend.show_hits(len(spans))

    def clear_hits(self) -> bool:
        """Esc: the hits go from the reader (the list stays filtered); False if there were none."""
        if not self._view.reader.hits:
            return False
        self._view.reader.set_hits([])
        self._view.legend.show_hits(0)
        return True

    def next_hit(self, backwards: bool = False) -> None:
        """F3 steps through the search hits, or through the find bar's matches when there are none."""
        if self._view.reader.next_hit(backwards):
            return
        if self._view.find_bar.text():
            self.find(backwards)
        else:
            self._say("No search hits here: type in the search box (Ctrl+K) or find (Ctrl+F)", 5000)

    # ---- find and zoom
    def show_find(self) -> None:
        bar = self._view.find_bar
        query = self._list.model.filter.text
        if not bar.text() and query and self._view.reader.hits:
            bar.setText(" ".join(query.replace('"', " ").replace("*", " ").split()))  # start from the search
        bar.show()
        bar.setFocus()
        bar.selectAll()

    def close_find(self) -> None:
        self._view.find_bar.hide()
        self._view.reader.setFocus()

    def find(self, backwards: bool = False) -> None:
        needle = self._view.find_bar.text()
        if needle and not self._view.reader.find_text(needle, backwards=backwards):
            self._say(f"“{needle}” is not in this article", 4000)

    def zoom(self, step: int) -> None:
        settings = self._settings
        current = settings.get("reader/zoom")
        target = 0 if step == 0 else max(-6, min(12, current + step))
        if target != current:
            self._view.reader.zoomIn(target - current)
        settings.set("reader/zoom", target)

    # ---- the article's own status and details
    def set_status(self, status: str) -> None:
        from desktop import edits  # loaded with the first edit, not at start-up (issue 19)

        article = self._view.reader.article
        if article is not None:
            self._editor.do(edits.SetArticleStatus(article.id, status))

    def correct_metadata(self) -> None:
        """One dialog for every detail; the changes are one step to undo."""
        from desktop import edits

        article = self._view.reader.article
        if article is None:
            self._say("Open an article first", 4000)
            return
        dialog = DetailsDialog(article, self._parent)
        changes = dialog.changes() if dialog.exec() else {}
        if changes:
            article_id = article.id
            model = self._list.model
            self._editor.do_all("Correct article details",
                                [edits.SetArticleMetadata(article_id, field, cast("str | dt.date | None", value))
                                 for field, value in changes.items()],
                                then=lambda: self.open_article(article_id, then=lambda: model.refresh_article(article_id)))
