"""Bulk import and search over 100,000 synthetic articles, as ratios to raw sqlite3.

Both sides write to identically migrated libraries (same tables, FTS triggers and
pragmas) in the same process, so the ratio is what our layers cost.
Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_library_speed.py
(CLAIMDESK_BENCH_N=20000 for a quicker run.)
"""
from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time

import pytest

from db import search as fts
from desktop.ingest import content_hash
from desktop.ingest.types import ParsedArticle
from desktop.services import Library
from desktop.services.articles import ArticleService

N = int(os.environ.get("CLAIMDESK_BENCH_N", "100000"))
WORDS = 120
BATCH = 200


def _vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(size)]


def _articles(n: int) -> list[ParsedArticle]:
    rng = random.Random(7)
    vocab = _vocabulary(rng)
    weights = [1 / (i + 1) for i in range(len(vocab))]  # Zipf-like, as real text is
    out = []
    for i in range(n):
        words = rng.choices(vocab, weights, k=WORDS)
        body = " ".join(words) + f" serial{i}."
        out.append(ParsedArticle(title=" ".join(words[:6]).title(), body=body, original_text=body,
                                 author=f"Author {i % 300}", outlet=f"Outlet {i % 40}"))
    return out, vocab


def _raw_insert(path, parsed):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    cols = ("title", "author", "outlet", "published", "source_path", "source_url", "source_format",
            "original_text", "body", "content_hash", "word_count", "imported_at", "status")
    sql = f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) RETURNING id"
    for start in range(0, len(parsed), BATCH):
        rows = []
        for p in parsed[start:start + BATCH]:
            digest = content_hash(p.body)
            v = ArticleService.row_values(p, digest)
            rows.append(tuple(v[c] for c in cols))
        with conn:
            hashes = [r[9] for r in rows]
            conn.execute(f"SELECT content_hash, id FROM articles WHERE content_hash IN "
                         f"({','.join('?' * len(hashes))})", hashes).fetchall()
            for r in rows:
                conn.execute(sql, r).fetchall()
    return conn


def _raw_search(conn, match):
    sql = ("SELECT a.id, coalesce(a.title_user, a.title), "
           f"snippet(article_fts, 2, '{fts.HIT_OPEN}', '{fts.HIT_CLOSE}', '…', 16), "
           "bm25(article_fts, 10.0, 10.0, 1.0, 3.0, 3.0) AS score FROM article_fts JOIN articles a "
           "ON a.id = article_fts.rowid WHERE article_fts MATCH ? ORDER BY score LIMIT 50")
    claims = ("SELECT c.article_id, c.id, coalesce(a.title_user, a.title), "
              f"snippet(claim_fts, -1, '{fts.HIT_OPEN}', '{fts.HIT_CLOSE}', '…', 16), bm25(claim_fts) AS score "
              "FROM claim_fts JOIN claims c ON c.id = claim_fts.rowid JOIN articles a ON a.id = c.article_id "
              "WHERE claim_fts MATCH ? ORDER BY score LIMIT 50")
    return conn.execute(sql, (match,)).fetchall() + conn.execute(claims, (match,)).fetchall()


def _timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def _p95(xs):
    return statistics.quantiles(xs, n=20)[18]


@pytest.mark.benchmark
def test_bulk_import_and_search(tmp_path):
    parsed, vocab = _articles(N)
    ours = Library.open(tmp_path / "ours.sqlite")
    raw_lib = Library.open(tmp_path / "raw.sqlite")
    raw_lib.close()

    t_ours, report = _timed(lambda: ours.importer.add_parsed((f"a{i}", p) for i, p in enumerate(parsed)))
    assert len(report.added) == N
    t_raw, conn = _timed(lambda: _raw_insert(tmp_path / "raw.sqlite", parsed))

    rng = random.Random(3)
    queries = [" ".join(rng.sample(vocab[50:3000], rng.choice((1, 2)))) for _ in range(200)]
    ours.search(queries[0])  # warm both caches the same way
    _raw_search(conn, fts.build_match(queries[0]))
    ours_times, raw_times = [], []
    for q in queries:
        ours_times.append(_timed(lambda q=q: ours.search(q))[0])
        raw_times.append(_timed(lambda q=q: _raw_search(conn, fts.build_match(q)))[0])

    p95_ours, p95_raw = _p95(ours_times), _p95(raw_times)
    print(f"\nlibrary benchmark, {N} articles of {WORDS} words")
    print(f"  bulk insert: ours {t_ours:.1f} s, raw sqlite3 {t_raw:.1f} s, ratio {t_ours / t_raw:.2f} (goal <= 2)")
    print(f"  search p95:  ours {p95_ours * 1000:.1f} ms, raw {p95_raw * 1000:.1f} ms, "
          f"ratio {p95_ours / p95_raw:.2f} (goal <= 1.5, < 50 ms)")
    print(f"  search median: ours {statistics.median(ours_times) * 1000:.1f} ms, "
          f"raw {statistics.median(raw_times) * 1000:.1f} ms")
    ours.close()
    conn.close()
