"""Help ▸ Add demo articles / Remove demo articles: the invented demo in any library, and out of it again."""
from __future__ import annotations

from desktop.services import UserError
from desktop.services.demo import add_demo, remove_demo


class DemoActions:
    def __init__(self, win) -> None:
        self._win = win

    def add(self) -> None:
        win = self._win
        report = add_demo(win.lib)
        win.refresh_library_views()
        win.codebook_actions.refresh()
        win.statusBar().showMessage(f"Demo articles: {len(report.added)} added, "
                                    f"{len(report.duplicates)} already in the library", 8000)
        win.imports.analyse_pending()

    def remove(self) -> None:
        win = self._win
        try:
            result = remove_demo(win.lib)
        except UserError as exc:
            win.statusBar().showMessage(str(exc), 8000)
            return
        open_article = win.reader.article
        if open_article is not None and win.model.row_of(open_article.id) is not None:
            try:
                win.lib.articles.get(open_article.id)
            except UserError:
                win.reader.show_article(None)
                win.article_header.clear()
        win.refresh_library_views()
        kept = f"; {result.kept} kept because they carry your claims" if result.kept else ""
        win.statusBar().showMessage(f"Removed {result.removed} demo article{'s' * (result.removed != 1)}{kept}",
                                    8000)
