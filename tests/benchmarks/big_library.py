"""The libraries the desktop benchmarks open: 100,000 short articles, and a long analysed one to read."""
from __future__ import annotations

import os
import random
from importlib import resources
from pathlib import Path

from desktop.ingest.types import ParsedArticle
from desktop.services import Library
from tests.helpers import add_article

N = int(os.environ.get("CLAIMDESK_BENCH_N", "100000"))
LONG_WORDS = 10_000


def make_big_library(path: Path, n: int = N) -> None:
    """n short articles from 50 outlets, stored without analysis, as a bulk import leaves them."""
    rng = random.Random(1)
    words = "harbour grain export tariff council minister port fees bread price rose fell said".split()
    with Library.open(path) as lib:
        lib.importer.add_parsed((f"a{i}", ParsedArticle(
            title=f"Article {i} " + " ".join(rng.choices(words, k=5)), body=" ".join(rng.choices(words, k=80))
            + f" serial{i}", original_text="", outlet=f"Outlet {i % 50}")) for i in range(n))


def long_body(words: int = LONG_WORDS) -> str:
    """The demo articles (written for the project) one after another until the text is `words` long."""
    from desktop.services.importer import read_one

    folder = resources.files("resources").joinpath("samples")
    bodies = []
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith((".txt", ".md"))):
        parsed = read_one(Path(str(folder.joinpath(name))))
        if isinstance(parsed, ParsedArticle):
            bodies.append(parsed.body)
    out: list[str] = []
    while sum(len(b.split()) for b in out) < words:
        out.append(bodies[len(out) % len(bodies)])
    return "\n\n".join(out)


def add_long_analysed_article(lib: Library) -> int:
    """The long article, analysed by the real pipeline, so the reader has its entities and quotations."""
    article_id = add_article(lib, long_body(), title="A long article", outlet="Coastal Ledger")
    lib.importer.analyse([article_id], n_process=1)
    return article_id
