"""Helpers of the cluster tests: the evaluation folder, a local cluster, libraries compared by content."""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Article, ClaimSuggestion, Entity, EntityAlias, EntityMention, Quote

REPO = Path(__file__).resolve().parents[2]
# The shared folder beside the repository (CLAIMDESK_SHARED for a checkout kept elsewhere).
SHARED = Path(os.environ.get("CLAIMDESK_SHARED") or REPO.parent / "shared")
POLNEAR_DEV = SHARED / "eval" / "polnear-dev" / "text"


def polnear_dev_files(n: int | None = None) -> list[Path]:
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"{POLNEAR_DEV} is not here")
    return sorted(POLNEAR_DEV.glob("*.txt"))[:n]


def start_cluster():
    from distributed import LocalCluster

    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                        silence_logs=40)


def snapshot(lib) -> dict[str, Counter]:
    """Everything an import stores, keyed by content rather than by id."""
    with lib.store.read() as s:
        digest = dict(s.execute(select(Article.id, Article.content_hash)).all())
        ents = {e.id: (e.name, e.type) for e in s.scalars(select(Entity))}
        spellings: dict[int, set] = {}
        for a in s.scalars(select(EntityAlias)):
            spellings.setdefault(a.entity_id, set()).add((a.alias, a.norm, a.type, a.by_user))
        return {
            "articles": Counter(
                (a.content_hash, a.title, a.author, a.outlet, a.published, a.source_path, a.source_format, a.body,
                 a.original_text, a.word_count, a.status, a.analyser_version) for a in s.scalars(select(Article))),
            "entities": Counter((*ents[i], frozenset(spellings.get(i, ()))) for i in ents),
            "mentions": Counter((digest[m.article_id], m.start, m.end, m.text, ents[m.entity_id], m.analyser_version)
                                for m in s.scalars(select(EntityMention))),
            "quotes": Counter((digest[q.article_id], q.start, q.end, q.text, ents.get(q.speaker_entity_id),
                               q.speaker_text, q.cue, q.is_scare, q.analyser_version)
                              for q in s.scalars(select(Quote))),
            "suggestions": Counter((digest[g.article_id], g.start, g.end, g.text, g.reason, round(g.score, 6),
                                    g.analyser_version) for g in s.scalars(select(ClaimSuggestion))),
        }


def assert_same_library(ours: dict[str, Counter], theirs: dict[str, Counter]) -> None:
    for part in theirs:
        assert ours[part] == theirs[part], f"{part} differ: {len(ours[part] - theirs[part])} only in the first, " \
                                           f"{len(theirs[part] - ours[part])} only in the second"

