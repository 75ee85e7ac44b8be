"""Help ▸ Add demo articles / Remove demo articles: the invented demo in any library, and out of it again."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.services import Library, UserError
from desktop.ui.codebook_actions import CodebookActions
from desktop.ui.db_executor import DbExecutor
from desktop.ui.window_parts import ArticleView, LibraryViews, Say

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.demo import DemoRemoval
    from desktop.services.importer import ImportReport


class DemoActions:
    def __init__(self, db: DbExecutor, view: ArticleView, refresh_views: LibraryViews, codebook: CodebookActions,
                 analyse_pending: Callable[[], None], say: Say) -> None:
        self._db, self._view, self._refresh_views, self._codebook = db, view, refresh_views, codebook
        self._analyse_pending, self._say = analyse_pending, say

    def add(self) -> None:
        from desktop.services.demo import add_demo  # the demo's texts and importer: when asked for

        self._db.submit(add_demo, on_done=self._added, label="add the demo")

    def _added(self, report: ImportReport) -> None:
        self._refresh_views()
        self._codebook.refresh()
        self._say(f"Demo articles: {len(report.added)} added, {len(report.duplicates)} already in the library", 8000)
        self._analyse_pending()

    def remove(self) -> None:
        open_article = self._view.reader.article
        shown = open_article.id if open_article is not None else None

        def remove(lib: Library) -> tuple[DemoRemoval, bool]:
            from desktop.services.demo import remove_demo

            result = remove_demo(lib)
            if shown is None:
                return result, False
            try:
                lib.articles.get(shown)
            except UserError:
                return result, False
            return result, True

        self._db.submit(remove, on_done=self._removed, on_failed=self._refused, label="remove the demo")

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._say(str(exc), 8000)
        else:
            self._db.report_failure(exc)

    def _removed(self, outcome: tuple[DemoRemoval, bool]) -> None:
        result, still_there = outcome
        if self._view.reader.article is not None and not still_there:
            self._view.reader.show_article(None)
            self._view.header.clear()
        self._refresh_views()
        kept = f"; {result.kept} kept because they carry your claims" if result.kept else ""
        self._say(f"Removed {result.removed} demo article{'s' * (result.removed != 1)}{kept}", 8000)
