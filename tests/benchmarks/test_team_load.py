"""Ten coders at once on one PostgreSQL library, as ratios to one coder alone, in the same run.

Each client is a process (tests/team/load_client.py) that tags passages of the same articles
(create + set tags) and edits a few shared claims with version checks. Reported: claims per
second over all clients, and the 95th percentile of one edit's latency, each for 10 clients
against 1 client on the same server, plus how many stale edits were refused.
Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_team_load.py
(CLAIMDESK_BENCH_CLAIMS=40 claims per client by default.)
"""
from __future__ import annotations

import os

from tests.postgres_server import new_database
from tests.team.load_client import p95, run_clients
from tests.team.test_concurrent_clients import check_consistent, prepare

CLAIMS = int(os.environ.get("CLAIMDESK_BENCH_CLAIMS", "40"))


def _run(server: str, clients: int) -> tuple[float, float, int]:
    url = new_database(server)
    articles, tags, shared = prepare(url)
    results, wall = run_clients(url, clients, articles, tags, shared, CLAIMS)
    check_consistent(url, results, shared)
    made = sum(len(r.created) for r in results)
    return made / wall, p95([x for r in results for x in r.latencies]), sum(r.refused for r in results)


def test_ten_clients_against_one(pg_server):
    one_rate, one_p95, _ = _run(pg_server, 1)
    ten_rate, ten_p95, refused = _run(pg_server, 10)
    print(f"\n1 client: {one_rate:.1f} claims/s, p95 edit {one_p95 * 1000:.1f} ms")
    print(f"10 clients: {ten_rate:.1f} claims/s, p95 edit {ten_p95 * 1000:.1f} ms, {refused} stale edits refused")
    print(f"throughput ratio 10/1: {ten_rate / one_rate:.2f}; p95 latency ratio 10/1: {ten_p95 / one_p95:.2f}")
    assert ten_rate > 0 and one_rate > 0
