"""A library: one database and the services that work on it. The GUI and the CLI start here."""
from __future__ import annotations

import logging
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError

from db.engine import LibraryOpenError, is_read_only, make_engine, make_session_factory, sqlite_path, to_url
from db.library_file import LibraryFile, examine
from db.migrate import HEAD, check_known, upgrade_to_head
from desktop.services.agreement import AgreementService
from desktop.services.annotations import SuggestionService
from desktop.services.articles import ArticleService
from desktop.services.backups import Backups
from desktop.services.claims import ClaimService
from desktop.services.dossier import DossierService
from desktop.services.entities import EntityService
from desktop.services.errors import UserError
from desktop.services.history import HistoryService
from desktop.services.identity import display_name
from desktop.services.importer import Importer
from desktop.services.revisions import RevisionService
from desktop.services.search import SearchService
from desktop.services.similar import SimilarService
from desktop.services.stats import StatsService
from desktop.services.store import Store
from desktop.services.tags import TagService
from desktop.services.trail import TrailService

if TYPE_CHECKING:
    from desktop.services.changes import ChangeWatcher

log = logging.getLogger(__name__)


class Library:
    def __init__(self, url: str | URL, annotator: str | None = None, read_only: bool = False) -> None:
        self.url = url
        self.created = False  # True when open() made a brand-new library (first start)
        self.read_only = read_only  # a file or folder this user cannot write: reading only, edits are off
        self.engine = make_engine(url, read_only=read_only)
        self.store = Store(make_session_factory(self.engine), annotator, read_only=read_only)
        self.articles = ArticleService(self.store)
        self.claims = ClaimService(self.store)
        self.tags = TagService(self.store)
        self.entities = EntityService(self.store)
        self.history = HistoryService(self.store)
        self.agreement = AgreementService(self.claims, self.tags)
        self.dossiers = DossierService(self.store, self.entities, self.claims)
        self.suggestions = SuggestionService(self.store)
        self.searcher = SearchService(self.store)  # hits inside one article, snippets for the list
        self.search = self.searcher.search
        self.stats = StatsService(self.store)
        self.importer = Importer(self.store, self.articles)
        self.revisions = RevisionService(self.store)
        self.similar = SimilarService(self.store)
        self.trails = TrailService(self.store)

    @classmethod
    def open(cls, path_or_url: str | Path | None = None, annotator: str | None = None,
             seed_codebook: bool = True, keep_backups: int | None = None) -> Library:
        """Open (creating or upgrading as needed) a library; a new one gets the default codebook.

        An SQLite file is examined before anything is written to it: another program's database
        is refused untouched. An existing library is backed up before a migration and once a day.
        """
        url = to_url(path_or_url)
        path = sqlite_path(url)
        found = examine(path) if path is not None else LibraryFile("server")
        read_only = path is not None and is_read_only(path)
        if read_only and found.kind in ("new", "unfinished"):
            raise LibraryOpenError(f"cannot make a library at {path}: the folder or file is read-only")
        backups = Backups(path, keep_backups) if path is not None and found.kind in ("marked", "unmarked") else None
        lib = cls(url, clean_name(annotator) or display_name(), read_only=read_only)
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

        return ChangeWatcher(self.engine, self.store)

    @property
    def location(self) -> str:
        return self.engine.url.database or self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
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
