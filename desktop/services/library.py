"""A library: one database and the services that work on it. The GUI and the CLI start here."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError, OperationalError

from db.engine import LibraryOpenError, make_engine, make_session_factory, to_url
from db.migrate import current_revision, upgrade_to_head
from db.models import Article, Claim, Entity, Quote
from desktop.services.agreement import AgreementService
from desktop.services.annotations import SuggestionService
from desktop.services.articles import ArticleService
from desktop.services.claims import ClaimService
from desktop.services.dossier import DossierService
from desktop.services.dto import LibraryStats
from desktop.services.entities import EntityService
from desktop.services.history import HistoryService
from desktop.services.identity import display_name
from desktop.services.importer import Importer
from desktop.services.revisions import RevisionService
from desktop.services.search import SearchService
from desktop.services.stats import StatsService
from desktop.services.store import Store
from desktop.services.tags import TagService


class Library:
    def __init__(self, url: str, annotator: str | None = None) -> None:
        self.url = url
        self.created = False  # True when open() made a brand-new library (first start)
        self.engine = make_engine(url)
        self.store = Store(make_session_factory(self.engine), annotator)
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

    @classmethod
    def open(cls, path_or_url: str | Path | None = None, annotator: str | None = None,
             seed_codebook: bool = True) -> Library:
        """Open (creating or upgrading as needed) a library; a new one gets the default codebook."""
        url = to_url(path_or_url)
        lib = cls(url, clean_name(annotator) or display_name())
        try:
            is_new = current_revision(lib.engine) is None
            upgrade_to_head(lib.engine)
        except (OperationalError, DatabaseError) as exc:
            lib.close()
            raise LibraryOpenError(f"cannot open the library {path_or_url}: {exc.orig or exc}") from exc
        lib.created = is_new
        if is_new and seed_codebook:
            lib.tags.seed_default_codebook()
        return lib

    def watch_changes(self):
        """A watcher that tells when someone else has changed this library (see services.changes)."""
        from desktop.services.changes import ChangeWatcher

        return ChangeWatcher(self.engine, self.store)

    @property
    def location(self) -> str:
        return self.engine.url.database or self.engine.url.render_as_string(hide_password=True)

    def stats(self) -> LibraryStats:
        with self.store.read() as s:
            def count(col) -> int:
                return s.scalar(select(func.count(col))) or 0
            return LibraryStats(count(Article.id), count(Claim.id), count(Entity.id), count(Quote.id))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cs")).strip()
    return cleaned or None
