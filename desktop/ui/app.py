"""Starting the application: logging, the library, first-start demo, the window (or a screenshot)."""
from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.logs import setup_logging
from desktop.services import APP_NAME, Library, LibraryOpenError, UserError
from desktop.ui.dialogs import show_error

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    """An unexpected error is logged and explained in a dialog; the app keeps running."""
    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        if QApplication.instance() is not None:
            show_error(None, "Something went wrong, but your work is saved. The details are in the log.", details)

    sys.excepthook = hook


def _app_icon() -> QIcon:
    from importlib import resources

    icon = QIcon()
    folder = resources.files("resources").joinpath("icons")
    for name in ("claimdesk.svg", "claimdesk-256.png"):
        path = folder.joinpath(name)
        if path.is_file():
            icon.addFile(str(path))
    return icon


def run_app(db: str | None, screenshot: str | None = None, article_id: int | None = None,
            user: str | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(_app_icon())
    setup_logging()
    if not screenshot:
        from desktop.ui.identity_prompt import ask_name_once

        ask_name_once(user)
    from desktop.services.identity import display_name
    from desktop.ui.db_executor import DbExecutor

    executor = DbExecutor(None)  # the window's database thread, from the start: opening migrates and backs up
    lib = _open_library(executor, db, screenshot is None, display_name(user))
    if lib is None:
        executor.shutdown()
        return 1
    executor.set_library(lib)
    if lib.created:
        executor.call(seed_demo, label="seed the demo")
    from desktop.ui.main_window import MainWindow

    window = MainWindow(lib, preview=bool(screenshot), db=executor)
    if screenshot:
        return _screenshot(app, window, screenshot, article_id, analyse=lib.created)
    install_excepthook()
    window.show()
    QTimer.singleShot(300, window.imports.analyse_pending)  # after the window is up
    code = app.exec()
    window.runner.wait(10_000)
    executor.shutdown()
    lib.close()
    return code


def _open_library(executor, db: str | None, interactive: bool, annotator: str | None = None) -> Library | None:
    """The library (opened on the database thread), or None after saying why not (offering its backups)."""
    from desktop.ui.backup_dialog import offer_restore, on_database_thread

    def open_it(_none: object) -> Library:
        return Library.open(db, annotator=annotator)

    try:
        return executor.call(open_it, label="open the library")
    except (LibraryOpenError, UserError) as exc:
        if not interactive:
            print(f"claimdesk: {exc}", file=sys.stderr)
            return None
        if not offer_restore(db, str(exc), run=on_database_thread(executor)):
            return None
    try:
        return executor.call(open_it, label="open the library")
    except (LibraryOpenError, UserError) as exc:
        show_error(None, str(exc))
        return None


def seed_demo(lib: Library) -> None:
    try:
        from desktop.services.demo import seed_demo as seed
    except ImportError:
        return
    try:
        seed(lib)
    except Exception:  # the demo is a courtesy; a failure must not stop the app from opening
        log.exception("could not seed the demo library")


def _screenshot(app: QApplication, window, out: str, article_id: int | None, analyse: bool) -> int:
    """Render the window with an article open and its highlights, save it, and exit.

    It changes nothing a person made or chose: no article is marked read or remembered as last opened, no
    setting is written; only a library this very command created (and filled with the demo) is analysed.
    """
    window.imports.quiet = True
    window.resize(1500, 920)
    window.show()
    window.default_split()  # the same picture for everyone, whatever layout this user saved
    if analyse:
        done = QEventLoop()
        window.imports.analyse_pending(on_done=lambda _ids: done.quit())
        done.exec()
        window.runner.wait()
    _settle(app, window)
    target = article_id or window.settings.last_article(window.lib.location) or window.model.article_id(0)
    if target is not None:
        try:
            window.db.call(lambda lib: lib.articles.get(target), label="the article to show")
        except UserError as exc:
            print(f"claimdesk: {exc}", file=sys.stderr)
            window.close()  # nothing to picture; the window must not stay behind
            return 1
        window.open_article(target)
        _settle(app, window)
        _show_a_claim(window)
        _settle(app, window)
    for _ in range(5):
        app.processEvents()
    ok = window.grab().save(out)
    window.close()
    if not ok:
        print(f"claimdesk: could not write {out}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def _settle(app: QApplication, window) -> None:
    """Let the window's reads arrive (they run on its database thread) before the picture is taken."""
    while not window.db.idle():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _show_a_claim(window) -> None:
    claim_id = window.claims_panel.list.item(0).data(256) if window.claims_panel.list.count() else None
    if claim_id is not None:
        window.claims_panel.select(claim_id)
