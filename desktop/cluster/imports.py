"""A cluster import: files listed here, read, cleaned and analysed on the workers, written here in bulk."""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select, update

from db.models import Article
from desktop import ingest
from desktop.analysis import AnalysisFailure
from desktop.cluster import tasks
from desktop.cluster.batches import chunks, in_order
from desktop.exchange.refi_import import import_projects
from desktop.ingest.paths import shown
from desktop.services.annotations import AutomaticWriter
from desktop.services.importer import ImportReport, collect_files, store_parsed
from desktop.services.progress import CancelToken, ProgressFn, no_progress
from desktop.services.store import Store

BATCH = 16  # files per task: a few seconds of work, small enough that a lost worker costs little
PATHS_PER_QUERY = 500
PROBE_FILES = 3


class ClusterImport:
    def __init__(self, store: Store, client, batch: int = BATCH, send_files: bool | None = None) -> None:
        """send_files=None sends the bytes only when the workers cannot read the files themselves."""
        self._store = store
        self._client = client
        self._batch = batch
        self.send_files = send_files
        self.write_seconds = 0.0  # time this client spent writing: what caps a cluster of many workers

    def import_paths(self, paths: Sequence[str | Path], progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None) -> ImportReport:
        report = ImportReport()
        files = collect_files(import_projects(self._store, paths, report), report)  # .qdpx/.qdc go there
        todo = self._not_stored(files, report)
        if self.send_files is None:
            self.send_files = bool(todo) and not self._workers_see(todo)
        done = len(files) - len(todo)
        progress(done, len(files), "")
        window = 2 * max(1, sum(self._client.nthreads().values())) + 2
        batches = (self._payload(chunk, report) for chunk in chunks(todo, self._batch))
        for (size, sent), results in in_order(self._client, tasks.read_and_analyse, batches, window, cancel):
            if isinstance(results, BaseException):
                reason = f"lost on the cluster ({type(results).__name__}: {_first_line(results)})"
                report.failed.extend((path, reason) for path in sent)
            else:
                self._write(results, report)
            done += size
            progress(done, len(files), f"{len(report.added)} imported, {len(report.duplicates)} already "
                                       f"stored, {len(report.failed)} failed")
        report.cancelled = bool(cancel and cancel.cancelled)
        return report

    def _not_stored(self, files: list[Path], report: ImportReport) -> list[Path]:
        """Files a previous run stored and that have not changed since: a re-run resumes after them.

        Anything else goes to the workers, and duplicates among them are found by content,
        as in a local import.
        """
        stored: dict[str, tuple[int, dt.datetime]] = {}
        with self._store.read() as s:
            for chunk in chunks([shown(f) for f in files], PATHS_PER_QUERY):
                for path, article_id, at in s.execute(select(Article.source_path, Article.id, Article.imported_at)
                                                      .where(Article.source_path.in_(chunk))
                                                      .order_by(Article.imported_at)):
                    if path is not None:  # always, by the filter: for the type checker
                        stored[path] = (article_id, at)  # the newest wins
        todo = []
        for f in files:
            hit = stored.get(shown(f))
            if hit is not None and _modified(f) <= hit[1]:
                report.duplicates.append((shown(f), hit[0]))
            else:
                todo.append(f)
        return todo

    def _workers_see(self, files: list[Path]) -> bool:
        sample = []
        for f in files[:PROBE_FILES]:
            try:
                sample.append((str(f.absolute()), f.stat().st_size))
            except OSError:
                continue
        return bool(sample) and all(self._client.run(tasks.sees_files, sample).values())

    def _payload(self, chunk: list[Path], report: ImportReport
                 ) -> tuple[tuple[int, list[str]], list[tuple[str, str | None, bytes | None]]]:
        """((files in the chunk, paths sent), [(path as given, where a worker reads it, bytes or None)])."""
        items: list[tuple[str, str | None, bytes | None]] = []
        for p in chunk:
            if not self.send_files:
                items.append((shown(p), str(p.absolute()), None))
                continue
            try:
                items.append((shown(p), None, ingest.load_file(p)))
            except ingest.IngestError as exc:  # the same reasons a local import gives
                report.failed.append((shown(p), str(exc)))
        return (len(chunk), [path for path, _l, _d in items]), items

    def _write(self, results: list[tasks.FileResult], report: ImportReport) -> None:
        """One batch in one transaction: its articles and their annotations, or nothing."""
        report.failed.extend((r.path, r.failure) for r in results if r.failure is not None)
        good = [(r, r.parsed) for r in results if r.parsed is not None]
        report.notes.extend((r.path, note) for r, parsed in good for note in parsed.notes)
        if not good:
            return
        started = time.perf_counter()
        with self._store.write("import", files=len(good)) as s:
            stored = store_parsed(s, [(r.path, parsed) for r, parsed in good], report)
            automatic = AutomaticWriter(s)  # the whole batch's annotations in a few bulk INSERTs
            versions: dict[str, list[int]] = {}
            for n, article_id in stored:
                analysis = good[n][0].analysis
                if isinstance(analysis, AnalysisFailure):
                    # Kept, shown in the list, and not tried again until the analyser changes (as here).
                    s.execute(update(Article).where(Article.id == article_id).values(
                        analyser_version=analysis.version, analysis_error=analysis.reason))
                elif analysis is not None:
                    automatic.add(article_id, good[n][1].body, analysis)
                    versions.setdefault(analysis.version, []).append(article_id)
            automatic.flush()
            for version, ids in versions.items():
                s.execute(update(Article).where(Article.id.in_(ids)).values(analyser_version=version))
        report.analysed += sum(good[n][0].analysis is not None for n, _i in stored)
        self.write_seconds += time.perf_counter() - started


def _modified(path: Path) -> dt.datetime:
    """The file's modification time in the library's clock (naive UTC); a missing file is new."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    except OSError:
        return dt.datetime.max


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]

