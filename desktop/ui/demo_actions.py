"""Help ▸ Add demo articles / Remove demo articles: the invented demo in any library, and out of it again."""
from __future__ import annotations

from desktop.services import Library, UserError
from desktop.services.demo import DemoRemoval, add_demo, remove_demo
from desktop.services.importer import ImportReport


class DemoActions:
    def __init__(self, win) -> None:
        self._win = win

    def add(self) -> None:
        self._win.db.submit(add_demo, on_done=self._added, label="add the demo")

    def _added(self, report: ImportReport) -> None:
        win = self._win
        win.refresh_library_views()
        win.codebook_actions.refresh()
        win.statusBar().showMessage(f"Demo articles: {len(report.added)} added, "
                                    f"{len(report.duplicates)} already in the library", 8000)
        win.imports.analyse_pending()

    def remove(self) -> None:
        open_article = self._win.reader.article
        shown = open_article.id if open_article is not None else None

        def remove(lib: Library) -> tuple[DemoRemoval, bool]:
            result = remove_demo(lib)
            if shown is None:
                return result, False
            try:
                lib.articles.get(shown)
            except UserError:
                return result, False
            return result, True

        self._win.db.submit(remove, on_done=self._removed, on_failed=self._refused, label="remove the demo")

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._win.statusBar().showMessage(str(exc), 8000)
        else:
            self._win.db.report_failure(exc)

    def _removed(self, outcome: tuple[DemoRemoval, bool]) -> None:
        win = self._win
        result, still_there = outcome
        if win.reader.article is not None and not still_there:
            win.reader.show_article(None)
            win.article_header.clear()
        win.refresh_library_views()
        kept = f"; {result.kept} kept because they carry your claims" if result.kept else ""
        win.statusBar().showMessage(f"Removed {result.removed} demo article{'s' * (result.removed != 1)}{kept}",
                                    8000)
