"""The import pipeline: find files, read and clean each, skip duplicates, store, then analyse."""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.ids import in_ids
from db.models import Article
from desktop import ingest
from desktop.ingest.budget import ReadCancelled, reading
from desktop.ingest.paths import is_disk_full, shown
from desktop.ingest.types import IngestError, ParsedArticle
from desktop.services import sentence_index
from desktop.services.annotations import replace_automatic
from desktop.services.articles import ArticleService
from desktop.services.progress import BULK_ANALYSIS_MIN, CancelToken, ProgressFn, no_progress
from desktop.services.revisions import Revised, take_revisions
from desktop.services.store import Store
from desktop.worker_lifetime import workers_die_with_this_process

if TYPE_CHECKING:  # the exchange package imports this one; analysis is loaded only when needed
    from desktop.analysis import Analysis, AnalysisFailure
    from desktop.exchange.refi_import import ProjectImport

BATCH = 200

T = TypeVar("T")


class Gate(Protocol):
    """Where an import's database work runs: here (the CLI), or the window's database thread, which
    the reading thread hands each write to and waits for (desktop.ui.db_executor.run_here)."""

    def __call__(self, work: Callable[[], T], /) -> T: ...


def here(work: Callable[[], T]) -> T:
    return work()


@dataclass
class ImportReport:
    added: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (path, id already in the library)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    revised: list[tuple[str, Revised]] = field(default_factory=list)  # (path, new version): claims carried over
    projects: list[ProjectImport] = field(default_factory=list)  # one per REFI-QDA project file
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, what to know about how it was read)
    analysed: int = 0
    cancelled: bool = False
    stopped: str | None = None  # why the import ended early (the disk filled), said after the counts

    def summary(self) -> str:
        parts = [f"{len(self.added)} imported", f"{len(self.duplicates)} already in the library",
                 f"{len(self.failed)} failed"]
        if self.revised:
            parts.insert(1, f"{len(self.revised)} revised (claims carried over)")
        if self.notes:
            parts.append(f"{len(self.notes)} read with a warning")
        if self.cancelled:
            parts.append("cancelled")
        summary = ", ".join(parts)
        return f"{summary}; {self.stopped}" if self.stopped else summary


def collect_files(paths: Sequence[str | Path], report: ImportReport) -> list[Path]:
    """The article files under the given files and folders; a missing one is a failure in the report."""
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            report.failed.append((shown(p), "no such file or folder"))
            continue
        try:
            files.extend(ingest.iter_article_files([p]))
        except OSError as exc:
            report.failed.append((shown(p), f"cannot be read: {exc.strerror or exc}"))
    return files


def read_one(path: Path, data: bytes | None = None) -> ParsedArticle | str:
    """One file read and cleaned (from its bytes when given), or the one-line reason it could not be.

    Call it inside ingest.budget.reading(), which sets the file's time limit and cancel.
    """
    try:
        if data is None:
            return ingest.read_article(path)
        return ingest.read_bytes(data, path.suffix, source_path=shown(path), fallback_title=shown(path.stem))
    except ReadCancelled:
        raise
    except IngestError as exc:
        return str(exc)
    except Exception as exc:  # a reader bug must not take the other files down with it
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        return f"could not be read ({type(exc).__name__}: {detail})"


def store_parsed(s: Session, pending: Sequence[tuple[str, ParsedArticle]],
                 report: ImportReport) -> list[tuple[int, int]]:
    """Store a batch in the caller's transaction, noticing duplicates and revisions.

    Returns (index in pending, id) of each article stored, new versions first, in the order of
    report.added, which is the order a local import analyses them in.
    """
    row_values = ArticleService.row_values
    hashed = [(path, parsed, ingest.content_hash(parsed.body)) for path, parsed in pending]
    known = dict(s.execute(select(Article.content_hash, Article.id)
                           .where(Article.content_hash.in_([h for _p, _a, h in hashed]))).all())
    fresh: dict[str, tuple[str, ParsedArticle]] = {}
    index: dict[str, int] = {}  # digest -> its place in pending
    again: list[tuple[str, str]] = []  # the same article twice in this batch (say as .txt and .html)
    for n, (path, parsed, digest) in enumerate(hashed):
        if digest in known:
            report.duplicates.append((path, known[digest]))
        elif digest in fresh:
            again.append((path, digest))
        else:
            fresh[digest] = (path, parsed)
            index[digest] = n
    revised = take_revisions(s, fresh, report, row_values)  # digest -> new version's id
    sentence_index.add_stored(s, list(revised.values()))
    ids: Sequence[int] = []
    if fresh:
        rows = [row_values(parsed, digest) for digest, (_p, parsed) in fresh.items()]
        # One multi-row INSERT ... RETURNING per batch: the ORM unit of work is several times slower.
        ids = s.scalars(insert(Article).returning(Article.id, sort_by_parameter_order=True), rows).all()
        report.added.extend((path, i) for (path, _a), i in zip(fresh.values(), ids, strict=True))
        # The sentence index is built here, not by the analysis, so --no-analysis libraries have it.
        sentence_index.add_articles(s, ((i, parsed.body) for (_p, parsed), i in zip(fresh.values(), ids,
                                                                                  strict=True)))
    stored = dict(zip(fresh, ids, strict=True)) | revised
    report.duplicates.extend((path, stored[digest]) for path, digest in again)
    return [(index[digest], article_id) for digest, article_id in [*revised.items(), *zip(fresh, ids, strict=True)]]


class Importer:
    def __init__(self, store: Store, articles: ArticleService) -> None:
        self._store = store
        self._articles = articles

    def import_paths(
        self,
        paths: Sequence[str | Path],
        analyse: bool = True,
        progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None,
        batch: int = BATCH,
        gate: Gate = here,
    ) -> ImportReport:
        """Read, clean and store files; `batch` articles are stored per transaction.

        Files are read and cleaned on the calling thread; every database step goes through `gate`.
        """
        from desktop.exchange.refi_import import import_projects

        report = ImportReport()
        # .qdpx/.qdc go to the project importer
        files = collect_files(gate(lambda: import_projects(self._store, paths, report)), report)
        try:
            self.add_parsed(self._read_all(files, report, progress, cancel), report, cancel, batch, gate)
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            # What was stored before stays stored (each batch is its own transaction); say what.
            report.stopped = (f"the disk is full: the import stopped after {len(report.added)} "
                              f"article{'s' if len(report.added) != 1 else ''} had been imported")
            return report
        # Cancelling while a batch is written ends the reading quietly; say so all the same.
        report.cancelled = report.cancelled or bool(cancel and cancel.cancelled)
        progress(len(files), len(files), "")
        if analyse and not report.cancelled:
            # This import's articles and any an interrupted run left unanalysed, even when
            # everything read this time was already in the library.
            pending = self.pending_analysis()
            counted: list[int] = []
            try:
                if pending:
                    report.analysed = self.analyse(pending, progress, cancel, done_ids=counted)
            except Exception as exc:
                if not is_disk_full(exc):
                    raise
                report.analysed = len(counted)
                # The articles are stored; the rest are analysed at the next start, when there is room.
                report.stopped = (f"the disk is full: {len(report.added)} imported, {len(counted)} analysed "
                                  "before it filled")
        return report

    def _read_all(self, files: list[Path], report: ImportReport, progress: ProgressFn,
                  cancel: CancelToken | None) -> Iterator[tuple[str, ParsedArticle]]:
        for n, path in enumerate(files):
            if cancel and cancel.cancelled:
                return
            progress(n, len(files), shown(path.name))
            pending: list[tuple[str, ParsedArticle]] = []
            try:
                # The file's time budget, and a cancel that works inside it, not only between files.
                with reading(cancelled=(lambda: cancel.cancelled) if cancel else None):
                    self._read_one(path, report, pending)
            except ReadCancelled:
                report.cancelled = True
                return
            yield from pending

    @staticmethod
    def _read_one(path: Path, report: ImportReport, pending: list[tuple[str, ParsedArticle]]) -> None:
        name = shown(path)
        parsed = read_one(path)
        if isinstance(parsed, str):
            report.failed.append((name, parsed))
            return
        report.notes.extend((name, n) for n in parsed.notes)
        pending.append((name, parsed))

    def add_parsed(self, items: Iterable[tuple[str, ParsedArticle]], report: ImportReport | None = None,
                   cancel: CancelToken | None = None, batch: int = BATCH, gate: Gate = here) -> ImportReport:
        """Store already-read articles in batches, noticing duplicates; used by imports and the demo."""
        report = report or ImportReport()
        pending: list[tuple[str, ParsedArticle]] = []

        def store() -> None:
            if pending:
                gate(lambda: self._store_batch(pending, report))

        for item in items:
            if cancel and cancel.cancelled:
                report.cancelled = True
                break
            pending.append(item)
            if len(pending) >= batch:
                store()
        store()
        return report

    def _store_batch(self, pending: list[tuple[str, ParsedArticle]], report: ImportReport) -> None:
        if not pending:
            return
        # A batch whose commit fails (a full disk) stored nothing: the report must not say otherwise.
        marks = {name: len(getattr(report, name)) for name in ("added", "duplicates", "revised")}
        try:
            with self._store.write("import", files=len(pending)) as s:
                store_parsed(s, pending, report)
        except Exception:
            for name, n in marks.items():
                del getattr(report, name)[n:]
            raise
        finally:
            pending.clear()

    def pending_analysis(self) -> list[int]:
        """Articles never analysed, or analysed by an older analyser."""
        from desktop.analysis import ANALYSER_VERSION

        with self._store.read() as s:
            stmt = select(Article.id).where(
                (Article.analyser_version.is_(None)) | (Article.analyser_version != ANALYSER_VERSION)
            )
            return list(s.scalars(stmt.order_by(Article.id)))

    def analyse(self, article_ids: Iterable[int], progress: ProgressFn = no_progress,
                cancel: CancelToken | None = None, n_process: int | None = None,
                done_ids: list[int] | None = None) -> int:
        """Run the analyser over articles and store its annotations; returns how many were done.

        n_process=None picks two processes for bulk work; a GUI process passes 1, since
        forking a process that has Qt threads running is unsafe.
        """
        from desktop.analysis import analyze_many

        ids = list(article_ids)
        procs = n_process or (2 if len(ids) >= BULK_ANALYSIS_MIN else 1)
        order: deque[int] = deque()
        # One pipe over the whole run (starting worker processes is slow); bodies are read
        # a batch at a time so a large library never sits in memory at once.
        results = analyze_many(self._bodies(ids, order, cancel), n_process=procs)
        done = 0
        with workers_die_with_this_process():
            for analysis in results:
                article_id = order.popleft()
                self.store_analysis(article_id, analysis)
                done += 1
                if done_ids is not None:
                    done_ids.append(article_id)
                progress(done, len(ids), f"analysing article {article_id}")
        return done

    def store_analysis(self, article_id: int, analysis: Analysis | AnalysisFailure) -> None:
        """One article's analysis in its own transaction: an article is analysed wholly or not at all."""
        from desktop.analysis import AnalysisFailure

        with self._store.write() as s:
            article = s.get(Article, article_id)
            if article is None:
                return  # deleted while it was analysed
            if isinstance(analysis, AnalysisFailure):
                # Kept, shown in the list, and not tried again until the analyser changes.
                article.analyser_version, article.analysis_error = analysis.version, analysis.reason
            else:
                replace_automatic(s, article, analysis)

    def bodies(self, ids: Sequence[int]) -> list[tuple[int, str]]:
        """(id, body) of those of the articles still in the library, in the order asked."""
        with self._store.read() as s:
            found = dict(s.execute(select(Article.id, Article.body).where(in_ids(Article.id, list(ids)))).all())
        return [(i, found[i]) for i in ids if i in found]

    def _bodies(self, ids: list[int], order: deque[int], cancel: CancelToken | None) -> Iterator[str]:
        for chunk_start in range(0, len(ids), BATCH):
            chunk = ids[chunk_start:chunk_start + BATCH]
            with self._store.read() as s:
                bodies = dict(s.execute(select(Article.id, Article.body).where(Article.id.in_(chunk))).all())
            for article_id in chunk:
                if cancel and cancel.cancelled:
                    return
                if article_id in bodies:
                    order.append(article_id)
                    yield bodies[article_id]
