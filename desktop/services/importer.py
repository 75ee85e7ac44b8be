"""The import pipeline: find files, read and clean each, skip duplicates, store, then analyse."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from db.models import Article
from desktop import ingest
from desktop.ingest.types import IngestError, ParsedArticle
from desktop.services.annotations import replace_automatic
from desktop.services.articles import ArticleService
from desktop.services.progress import CancelToken, ProgressFn, no_progress
from desktop.services.store import Store

BATCH = 200
BULK_ANALYSIS_MIN = 40  # below this, starting a second process costs more than it saves


@dataclass
class ImportReport:
    added: list[tuple[str, int]] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (path, id already in the library)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    analysed: int = 0
    cancelled: bool = False

    def summary(self) -> str:
        parts = [f"{len(self.added)} imported", f"{len(self.duplicates)} already in the library",
                 f"{len(self.failed)} failed"]
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts)


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
    ) -> ImportReport:
        report = ImportReport()
        files = self._collect(paths, report)
        pending: list[tuple[str, ParsedArticle, str]] = []
        seen: dict[str, str] = {}
        for n, path in enumerate(files):
            if cancel and cancel.cancelled:
                report.cancelled = True
                break
            progress(n, len(files), path.name)
            self._read_one(path, report, pending, seen)
            if len(pending) >= BATCH:
                self._store_batch(pending, report)
        self._store_batch(pending, report)
        progress(len(files), len(files), "")
        if analyse and report.added and not report.cancelled:
            report.analysed = self.analyse([i for _p, i in report.added], progress, cancel)
        return report

    @staticmethod
    def _collect(paths: Sequence[str | Path], report: ImportReport) -> list[Path]:
        files: list[Path] = []
        for p in map(Path, paths):
            if not p.exists():
                report.failed.append((str(p), "no such file or folder"))
                continue
            try:
                files.extend(ingest.iter_article_files([p]))
            except OSError as exc:
                report.failed.append((str(p), f"cannot be read: {exc.strerror or exc}"))
        return files

    def _read_one(self, path: Path, report: ImportReport, pending: list, seen: dict[str, str]) -> None:
        try:
            parsed = ingest.read_article(path)
        except IngestError as exc:
            report.failed.append((str(path), str(exc)))
            return
        except Exception as exc:  # a reader bug must not take the other files down with it
            report.failed.append((str(path), f"could not be read ({type(exc).__name__}: {exc})"))
            return
        digest = ingest.content_hash(parsed.body)
        existing = self._articles.id_for_hash(digest)
        if existing is not None:
            report.duplicates.append((str(path), existing))
        elif digest in seen:
            report.failed.append((str(path), f"same article as {seen[digest]} in this import"))
        else:
            seen[digest] = str(path)
            pending.append((str(path), parsed, digest))

    def _store_batch(self, pending: list, report: ImportReport) -> None:
        if not pending:
            return
        with self._store.write("import", files=len(pending)) as s:
            staged = [(path, self._articles.add(s, parsed, digest)) for path, parsed, digest in pending]
            s.flush()
            report.added.extend((path, a.id) for path, a in staged)
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
                cancel: CancelToken | None = None) -> int:
        """Run the analyser over articles and store its annotations; returns how many were done."""
        from desktop.analysis import analyze_many

        ids = list(article_ids)
        done = 0
        for chunk_start in range(0, len(ids), BATCH):
            chunk = ids[chunk_start:chunk_start + BATCH]
            with self._store.read() as s:
                bodies = dict(s.execute(select(Article.id, Article.body).where(Article.id.in_(chunk))).all())
            chunk = [i for i in chunk if i in bodies]
            n_process = 2 if len(ids) >= BULK_ANALYSIS_MIN else 1
            results = analyze_many((bodies[i] for i in chunk), n_process=n_process)
            for article_id, analysis in zip(chunk, results, strict=True):
                if cancel and cancel.cancelled:
                    return done
                with self._store.write() as s:
                    replace_automatic(s, s.get(Article, article_id), analysis)
                done += 1
                progress(done, len(ids), f"analysing article {article_id}")
        return done
