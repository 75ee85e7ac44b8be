"""One client of the team load test, run in its own process: tags passages and edits claims.

Every client tags the same articles and edits the same few shared claims, as a team coding one
batch would; it reports what it believes it wrote, so the test can check the database holds
exactly that and nothing half-done.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field


@dataclass
class ClientResult:
    coder: str
    created: dict[int, tuple[int, int, int, tuple[int, ...]]] = field(default_factory=dict)  # id -> art, s, e, tags
    shared_edits: dict[int, int] = field(default_factory=dict)  # shared claim id -> edits that went through
    refused: int = 0  # stale edits refused (a colleague got there first)
    latencies: list[float] = field(default_factory=list)  # seconds per edit
    seconds: float = 0.0


_start = None  # a barrier shared by the clients of one run, set by the pool's initializer


def _init(barrier) -> None:
    global _start
    _start = barrier


def run_client(url: str, coder: str, article_ids: list[int], tag_ids: list[int], shared: list[int],
               claims: int, seed: int) -> ClientResult:
    from desktop.services import Library
    from desktop.services.errors import StaleEdit

    rng = random.Random(seed)
    out = ClientResult(coder)
    with Library.open(url, annotator=coder, seed_codebook=False) as lib:
        lengths = {a: len(lib.articles.get(a).body) for a in article_ids}
        if _start is not None:
            _start.wait(timeout=120)  # every client connected and ready: they start together
        began = time.perf_counter()
        for n in range(claims):
            article = article_ids[n % len(article_ids)]
            start = rng.randrange(0, lengths[article] - 12)
            end = min(lengths[article], start + rng.randrange(5, 40))
            tags = tuple(rng.sample(tag_ids, 2))
            t0 = time.perf_counter()
            info = lib.claims.create(article, start, end, tags[:1])
            lib.claims.set_tags(info.id, tags, expected_version=info.version)
            out.latencies.append(time.perf_counter() - t0)
            out.created[info.id] = (article, start, end, tags)
            target = shared[n % len(shared)]
            seen = lib.claims.get(target)
            t0 = time.perf_counter()
            try:
                lib.claims.update(target, expected_version=seen.version, note=f"{coder} #{n}")
            except StaleEdit:
                out.refused += 1
            else:
                out.shared_edits[target] = out.shared_edits.get(target, 0) + 1
            out.latencies.append(time.perf_counter() - t0)
        out.seconds = time.perf_counter() - began
    return out


def run_clients(url: str, n_clients: int, article_ids: list[int], tag_ids: list[int], shared: list[int],
                claims: int) -> tuple[list[ClientResult], float]:
    """n_clients processes at once; their results and the wall time from the common start."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fresh processes (no connection or Qt thread inherited from the test run), forked from a
    # server that has imported the services once, so ten clients start in a second, not ten.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["desktop.services", "tests.team.load_client"])
    barrier = ctx.Barrier(n_clients)
    with ProcessPoolExecutor(max_workers=n_clients, mp_context=ctx, initializer=_init,
                             initargs=(barrier,)) as pool:
        futures = [pool.submit(run_client, url, f"Coder {i + 1:02d}", article_ids, tag_ids, shared, claims,
                               seed=i) for i in range(n_clients)]
        results = [f.result(timeout=600) for f in futures]
    wall = max(r.seconds for r in results)
    return results, wall


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
