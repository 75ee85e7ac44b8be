"""Re-analysis of a library's articles on the cluster, after an analyser upgrade.

Workers only see texts; each batch of fresh analyses is written here in one transaction by
replace_automatic, the same function a local re-analysis uses: automatic rows are swapped,
and claims, tags, notes, merges and dismissals (separate rows) are never touched. Entities
resolve at write time through the library's spellings, so a merge a person makes while the
cluster works holds for the articles written after it.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from db.ids import in_ids
from db.models import Article
from desktop.analysis import AnalysisFailure
from desktop.cluster import tasks
from desktop.cluster.batches import chunks, in_order
from desktop.services.annotations import replace_automatic
from desktop.services.progress import CancelToken, ProgressFn, no_progress
from desktop.services.store import Store

BATCH = 16


class ClusterReanalysis:
    def __init__(self, store: Store, client, batch: int = BATCH) -> None:
        self._store = store
        self._client = client
        self._batch = batch
        self.failed: list[int] = []  # ids whose batch the cluster lost; still pending, a re-run takes them

    def analyse(self, article_ids: Sequence[int], progress: ProgressFn = no_progress,
                cancel: CancelToken | None = None) -> int:
        """Analyse the articles on the cluster and store the results; returns how many were done."""
        ids = list(article_ids)
        window = 2 * max(1, sum(self._client.nthreads().values())) + 2
        batches = ((chunk, self._bodies(chunk)) for chunk in chunks(ids, self._batch))
        done = 0
        for chunk, results in in_order(self._client, tasks.analyse_articles, batches, window, cancel):
            if isinstance(results, BaseException):
                self.failed.extend(chunk)
                continue
            with self._store.write() as s:
                for article_id, analysis in results:
                    article = s.get(Article, article_id)
                    if article is None:
                        continue  # gone meanwhile
                    if isinstance(analysis, AnalysisFailure):
                        # Kept, shown in the list, and not tried again until the analyser changes.
                        article.analyser_version, article.analysis_error = analysis.version, analysis.reason
                    else:
                        replace_automatic(s, article, analysis)
                    done += 1
            progress(done, len(ids), f"analysed article {chunk[-1]}")
        return done

    def _bodies(self, chunk: list[int]) -> list[tuple[int, str]]:
        with self._store.read() as s:
            bodies = dict(s.execute(select(Article.id, Article.body).where(in_ids(Article.id, chunk))).all())
        return [(i, bodies[i]) for i in chunk if i in bodies]
