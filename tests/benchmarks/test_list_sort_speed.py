"""The article list's first page sorted by title, outlet or author on a large library (migration 0009).

Each figure is the list's first read (201 ids, then the 200 rows shown) through the services, as a ratio to
raw sqlite3 running the same statements on the same file in the same run; beside it, the unindexed order the
list used before (case-sensitive, the whole library sorted) by raw sqlite3, and the date order (indexed
since 0008) through the services.
Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_list_sort_speed.py
(CLAIMDESK_BENCH_N=20000 for a quicker run.)
"""
from __future__ import annotations

import sqlite3
import statistics
import time

import pytest

from desktop.services import Library
from desktop.services.dto import ArticleFilter
from tests.benchmarks.big_library import N, make_big_library

PAGE = 201
NEW = "lower(coalesce({c}_user, {c}, ''))"
OLD = "coalesce({c}_user, {c})"
IDS = ("SELECT id FROM articles WHERE id NOT IN (SELECT previous_id FROM article_revisions) "
       "ORDER BY {key} {d}, id {d} LIMIT ?")
# The rows the list shows, as the services read them (desktop/services/first_page.py writes the same).
ROWS = ("SELECT id, coalesce(title_user, title), coalesce(outlet_user, outlet), coalesce(author_user, author), "
        "coalesce(published_user, published), status, "
        "(SELECT count(claims.id) FROM claims WHERE claims.article_id = articles.id), imported_at, analysis_error "
        "FROM articles WHERE id IN ({marks})")


def _median(fn, times: int = 5) -> float:
    spent = []
    for _ in range(times):
        t = time.perf_counter()
        fn()
        spent.append(time.perf_counter() - t)
    return statistics.median(spent)


def _raw_page(conn: sqlite3.Connection, key: str, descending: bool) -> list[int]:
    direction = "DESC" if descending else "ASC"
    ids = [r[0] for r in conn.execute(IDS.format(key=key, d=direction), (PAGE,))]
    conn.execute(ROWS.format(marks=", ".join("?" * len(ids[:200]))), ids[:200]).fetchall()
    return ids


@pytest.mark.benchmark
def test_first_page_of_a_text_sort(tmp_path):
    path = tmp_path / "big.sqlite"
    make_big_library(path)
    raw = sqlite3.connect(path)
    print(f"\nthe list's first page by a text column, {N} articles (median of 5)")
    with Library.open(path) as lib:
        by_date = _median(lambda: lib.articles.rows_by_id(
            lib.articles.ids(ArticleFilter(), "published", True, limit=PAGE)[:200]))
        print(f"  by date, newest first (indexed since 0008): ours {by_date * 1000:6.1f} ms")
        for column in ("title", "outlet", "author"):
            for descending in (False, True):
                def ours(c: str = column, d: bool = descending) -> list[int]:
                    ids = lib.articles.ids(ArticleFilter(), c, d, limit=PAGE)
                    lib.articles.rows_by_id(ids[:200])
                    return ids

                assert ours() == _raw_page(raw, NEW.format(c=column), descending)
                t_ours = _median(ours)
                t_raw = _median(lambda c=column, d=descending: _raw_page(raw, NEW.format(c=c), d))
                t_old = _median(lambda c=column, d=descending: _raw_page(raw, OLD.format(c=c), d), times=3)
                print(f"  {column:6} {'desc' if descending else 'asc '}: ours {t_ours * 1000:6.1f} ms, "
                      f"raw sqlite3 {t_raw * 1000:6.1f} ms, ratio {t_ours / t_raw:4.1f}; "
                      f"unindexed order before 0009 (raw) {t_old * 1000:6.1f} ms")
                assert t_ours < max(0.05, 2 * by_date)  # as quick as the date order (or quick anyway)
    raw.close()
