"""A library: one database and the services that work on it. The GUI and the CLI start here."""
from __future__ import annotations

import logging
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from db.library_file import LibraryFile, examine
from db.migrate import HEAD, check_known, upgrade_to_head
from db.paths import file_path, is_read_only
from desktop.services.backups import Backups
from desktop.services.dto import ArticleFilter, ArticleRow
from desktop.services.errors import LibraryOpenError, UserError
from desktop.services.first_page import SORTS as FIRST_PAGE_SORTS
from desktop.services.first_page import read_first_page
from desktop.services.identity import display_name

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

    from desktop.services.agreement import AgreementService
    from desktop.services.annotations import SuggestionService
    from desktop.services.articles import ArticleService
    from desktop.services.changes import ChangeWatcher
    from desktop.services.claims import ClaimService
    from desktop.services.dossier import DossierService
    from desktop.services.dto import SearchHit
    from desktop.services.entities import EntityService
    from desktop.services.history import HistoryService
    from desktop.services.importer import Importer
    from desktop.services.revisions import RevisionService
    from desktop.services.search import SearchService
    from desktop.services.similar import SimilarService
    from desktop.services.stats import StatsService
    from desktop.services.store import Store
    from desktop.services.tags import TagService
    from desktop.services.trail import TrailService

log = logging.getLogger(__name__)


class Library:
    """The services are made with the engine. An up-to-date library file opened by `open` makes them when
    first used (on the database thread, after the window has painted its first page: see first_page)."""

    url: str | URL
    engine: Engine
    store: Store
    articles: ArticleService
    claims: ClaimService
    tags: TagService
    entities: EntityService
    history: HistoryService
    agreement: AgreementService
    dossiers: DossierService
    suggestions: SuggestionService
    searcher: SearchService
    stats: StatsService
    importer: Importer
    revisions: RevisionService
    similar: SimilarService
    trails: TrailService

    def __init__(self, url: str | URL | Path, annotator: str | None = None, read_only: bool = False,
                 connect: bool = True) -> None:
        self.created = False  # True when open() made a brand-new library (first start)
        self.read_only = read_only  # a file or folder this user cannot write: reading only, edits are off
        self._target, self._annotator = url, annotator
        self._file: Path | None = None  # an up-to-date library file not yet connected to (see open)
        self._connecting = threading.Lock()
        self._ready: threading.Event | None = None  # see connect_after
        self._ready_timeout, self._ready_owner = 0.0, 0
        if connect:
            self._connect()

    def connect_after(self, ready: threading.Event, timeout: float) -> None:
        """Until `ready` is set (at most `timeout` seconds), another thread that would connect waits first.
        The window sets it once it has painted its first page: importing SQLAlchemy on the database thread
        would otherwise compete with painting for the interpreter. This thread itself never waits."""
        self._ready, self._ready_timeout, self._ready_owner = ready, timeout, threading.get_ident()

    def connect(self, wait: bool = True) -> None:
        """Make the engine and the services now, if not yet made (wait=False: without waiting for
        connect_after's signal, for a read the window is waiting for)."""
        if self.connected:
            return
        ready = self._ready
        if wait and ready is not None and threading.get_ident() != self._ready_owner:
            ready.wait(self._ready_timeout)
        self._connect()

    def _connect(self) -> None:
        """The engine and the services (importing SQLAlchemy and the models, a third of a second)."""
        with self._connecting:
            if "trails" in self.__dict__:  # the last one made: another thread connected meanwhile
                return
            from db.engine import make_engine, make_session_factory, to_url
            from desktop.services.agreement import AgreementService
            from desktop.services.annotations import SuggestionService
            from desktop.services.articles import ArticleService
            from desktop.services.claims import ClaimService
            from desktop.services.dossier import DossierService
            from desktop.services.entities import EntityService
            from desktop.services.history import HistoryService
            from desktop.services.importer import Importer
            from desktop.services.revisions import RevisionService
            from desktop.services.search import SearchService
            from desktop.services.similar import SimilarService
            from desktop.services.stats import StatsService
            from desktop.services.store import Store
            from desktop.services.tags import TagService
            from desktop.services.trail import TrailService

            target = self._target
            self.url = to_url(target) if isinstance(target, Path) else target
            self.engine = make_engine(self.url, read_only=self.read_only)
            self.store = Store(make_session_factory(self.engine), self._annotator, read_only=self.read_only)
            self.articles = ArticleService(self.store)
            self.claims = ClaimService(self.store)
            self.tags = TagService(self.store)
            self.entities = EntityService(self.store)
            self.history = HistoryService(self.store)
            self.agreement = AgreementService(self.claims, self.tags)
            self.dossiers = DossierService(self.store, self.entities, self.claims)
            self.suggestions = SuggestionService(self.store)
            self.searcher = SearchService(self.store)  # hits inside one article, snippets for the list
            self.stats = StatsService(self.store)
            self.importer = Importer(self.store, self.articles)
            self.revisions = RevisionService(self.store)
            self.similar = SimilarService(self.store)
            self.trails = TrailService(self.store)  # last: _connect's mark that all are made

    def __getattr__(self, name: str) -> object:
        """A service (or the engine) asked for before the library connected: connect, then answer."""
        if name.startswith("_"):
            raise AttributeError(name)
        self.connect()
        return object.__getattribute__(self, name)

    @property
    def connected(self) -> bool:
        return "trails" in self.__dict__

    def search(self, query: str, limit: int = 50, kinds: tuple[str, ...] = ("article", "claim")) -> list[SearchHit]:
        return self.searcher.search(query, limit, kinds)

    @classmethod
    def open(cls, path_or_url: str | Path | None = None, annotator: str | None = None,
             seed_codebook: bool = True, keep_backups: int | None = None) -> Library:
        """Open (creating or upgrading as needed) a library; a new one gets the default codebook.

        An SQLite file is examined before anything is written to it: another program's database
        is refused untouched. An existing library is backed up before a migration and once a day.
        """
        url: URL | None = None
        path = file_path(path_or_url) if isinstance(path_or_url, str | Path) or path_or_url is None else None
        if path is None:  # a URL: SQLite's names a file too
            from db.engine import sqlite_path, to_url

            url = to_url(path_or_url)
            path = sqlite_path(url)
        found = examine(path) if path is not None else LibraryFile("server")
        read_only = path is not None and is_read_only(path)
        if read_only and found.kind in ("new", "unfinished"):
            raise LibraryOpenError(f"cannot make a library at {path}: the folder or file is read-only")
        backups = Backups(path, keep_backups) if path is not None and found.kind in ("marked", "unmarked") else None
        name = clean_name(annotator) or display_name()
        if url is None and path is not None and found.kind == "marked" and found.revision == HEAD:
            # Up to date: nothing to migrate, so the engine (and SQLAlchemy) can wait for the first use.
            lib = cls(path, name, read_only=read_only, connect=False)
            lib._file = path
            if backups is not None:
                _daily_backup(backups)
            return lib
        from sqlalchemy.exc import DatabaseError, OperationalError

        from db.engine import to_url

        url = url or to_url(path)
        lib = cls(url, name, read_only=read_only)
        try:
            if read_only:
                _check_readable_as_is(found)
                revision = found.revision
            else:
                revision = upgrade_to_head(
                    lib.engine, mark=found.kind == "unmarked", leftovers=found.leftovers,
                    before_migrating=(lambda _old: _backup_before_upgrade(backups)) if backups else None)
            if backups is not None:
                _daily_backup(backups)
        except (OperationalError, DatabaseError) as exc:
            lib.close()
            raise LibraryOpenError(f"cannot open the library {_shown(url)}: {_one_line(exc.orig or exc)}") from exc
        except BaseException:
            lib.close()
            raise
        lib.created = revision is None
        if lib.created and seed_codebook:
            lib.tags.seed_default_codebook()
        return lib

    def watch_changes(self) -> ChangeWatcher:
        """A watcher that tells when someone else has changed this library (see services.changes)."""
        from desktop.services.changes import ChangeWatcher

        if self._file is not None and not self.connected:  # a file's watcher needs no engine
            return ChangeWatcher(None, lambda: self.store, sqlite_file=str(self._file))
        store = self.store
        return ChangeWatcher(self.engine, lambda: store)

    @property
    def location(self) -> str:
        if self._file is not None:
            return str(self._file)  # what the engine's URL would say (db.paths.file_path, db.engine.to_url)
        return self.engine.url.database or self.engine.url.render_as_string(hide_password=True)

    def first_page(self, flt: ArticleFilter, sort: str, descending: bool,
                   limit: int) -> tuple[list[int], dict[int, ArticleRow]] | None:
        """The unfiltered list's first ids and rows (by date or a text column), read with sqlite3 while the
        library has not connected yet (start-up); None when the services must read it (see articles.ids,
        rows_by_id)."""
        if self._file is None or self.connected or flt != ArticleFilter() or sort not in FIRST_PAGE_SORTS:
            return None
        return read_first_page(self._file, sort, descending, limit)

    def close(self) -> None:
        if self.connected:  # never connect only to disconnect
            self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _backup_before_upgrade(backups: Backups) -> None:
    try:
        backups.make(f"before-{HEAD}")
    except (OSError, UserError) as exc:
        raise LibraryOpenError(f"cannot back up the library before upgrading it ({_one_line(exc)}); "
                               "nothing was changed") from exc


def _daily_backup(backups: Backups) -> None:
    """A day's backup that cannot be written (a full disk) is logged; the library still opens."""
    try:
        backups.daily()
    except (OSError, UserError) as exc:
        log.warning("could not back up %s: %s", backups.library, exc)


def _check_readable_as_is(found: LibraryFile) -> None:
    """A read-only library can only be read by this release if it needs no migration."""
    if found.revision == HEAD:
        return
    if found.revision is not None:
        check_known(found.revision)  # a newer ClaimDesk's library says so
    raise LibraryOpenError(f"this library needs an upgrade (revision {found.revision} to {HEAD}) "
                           "but it is read-only; open a writable copy")


def _shown(url: URL) -> str:
    return url.database if url.get_backend_name() == "sqlite" and url.database else \
        url.render_as_string(hide_password=True)


def _one_line(exc: BaseException) -> str:
    """Drivers (psycopg) explain over several lines; a person gets them as one."""
    return " ".join(line.strip() for line in str(exc).splitlines() if line.strip())[:400]


def clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cs")).strip()
    return cleaned[:200].strip() or None  # the coder's column holds 200 characters
