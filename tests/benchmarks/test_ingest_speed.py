"""Import throughput on 1,000 invented saved articles (.txt with site chrome, .html pages).

The figure is a whole import without analysis, as `claimdesk import --no-analysis` runs it:
the folder walked, each file read, cleaned and described, duplicates checked and every
article stored in a fresh library. It prints articles/s, and for the HTML half the ratio
of our reader to plain trafilatura.bare_extraction on the same pages in the same run
(absolute times drift on shared machines; the ratio does not).
Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_ingest_speed.py
"""
from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from desktop.ingest import chrome, read_article
from desktop.services.library import Library

N_FILES = 1000
HTML_ROUNDS = 3
# The options desktop.ingest.formats.read_html gives trafilatura: the article alone.
READ_HTML_OPTIONS = {"include_comments": False, "include_tables": False, "favor_precision": True}
WORDS = ("harbour tariff grain minister coast ferry union port export quota council fishing village "
         "season budget reform report island vote debate treaty customs railway").split()
NAMES = ("Ilsa Roavik", "Tomas Ferrin", "Dana Kell", "Pell Harwin", "Mara Quell")


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(25, 60))]
    return f"The {' '.join(words)}, said {rng.choice(NAMES)}."


def _txt(rng: random.Random, i: int) -> str:
    head = ["Subscribe to the Veltra Ledger newsletter", f"Veltran Port Story Number {i} Draws Crowds",
            f"By {rng.choice(NAMES)}", f"Veltra Ledger — {rng.randint(1, 28)} March 2026"]
    tail = ["Share this article", "Related posts", "Ferry Talks Resume", "2 March 2026", "Leave a Reply",
            "© 2026 Veltra Ledger. All rights reserved."]
    return "\n\n".join(head + [_paragraph(rng) for _ in range(rng.randint(5, 15))] + tail)


def _html(rng: random.Random, i: int) -> str:
    paragraphs = "".join(f"<p>{_paragraph(rng)}</p>" for _ in range(rng.randint(5, 15)))
    return (f"<!doctype html><html><head><title>Veltran Port Story {i} | Veltra Ledger</title>"
            f"<meta name='author' content='{rng.choice(NAMES)}'><script>var x = 1;</script></head><body>"
            "<nav><a href='/'>Home</a><a href='/world'>World</a></nav><div class='ad'>Advertisement</div>"
            f"<article><h1>Veltran Port Story {i}</h1>{paragraphs}</article>"
            "<footer>Subscribe to our newsletter. © 2026 Veltra Ledger</footer></body></html>")


def _write_folder(folder: Path) -> list[Path]:
    rng = random.Random(7)
    folder.mkdir()
    paths = []
    for i in range(N_FILES):
        suffix, make = (".txt", _txt) if i % 2 else (".html", _html)
        path = folder / f"article_{i:04d}{suffix}"
        path.write_text(make(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.benchmark
def test_ingest_throughput(tmp_path: Path):
    import trafilatura

    paths = _write_folder(tmp_path / "saved")
    read_article(paths[0]), read_article(paths[1])  # warm imports
    chrome.is_chrome.cache_clear(), chrome.is_prose.cache_clear()
    lib = Library.open(tmp_path / "bench.sqlite", annotator="bench", seed_codebook=False)
    try:
        t = time.perf_counter()
        report = lib.importer.import_paths([tmp_path / "saved"], analyse=False)
        imported = time.perf_counter() - t
        stored = lib.articles.count()
    finally:
        lib.close()
    assert (len(report.added), report.failed, report.duplicates, stored) == (N_FILES, [], [], N_FILES)

    html = [p for p in paths if p.suffix == ".html"]

    def plain(**options) -> float:
        t = time.perf_counter()
        for p in html:
            trafilatura.bare_extraction(p.read_text(encoding="utf-8"), with_metadata=True, **options)
        return time.perf_counter() - t

    def ours() -> float:
        chrome.is_chrome.cache_clear(), chrome.is_prose.cache_clear()  # no help from an earlier pass
        t = time.perf_counter()
        for p in html:
            read_article(p)
        return time.perf_counter() - t

    # Alternate the sides and keep each one's best: a shared machine favours neither.
    runs: dict[str, list[float]] = {"raw": [], "same": [], "ours": []}
    for _ in range(HTML_ROUNDS):
        runs["raw"].append(plain())
        runs["same"].append(plain(**READ_HTML_OPTIONS))
        runs["ours"].append(ours())
    raw_html, same_html, ours_html = (min(runs[k]) for k in ("raw", "same", "ours"))

    print(f"\nimport of {N_FILES} files without analysis (half .txt, half .html): {imported:.2f} s, "
          f"{N_FILES / imported:.0f} articles/s")
    print(f"  .html reading: plain trafilatura {len(html) / raw_html:.0f}/s, ClaimDesk {len(html) / ours_html:.0f}/s, "
          f"ratio {raw_html / ours_html:.2f} (best of {HTML_ROUNDS} alternating runs)")
    print(f"  plain trafilatura with ClaimDesk's extraction options {len(html) / same_html:.0f}/s: ratio "
          f"{same_html / ours_html:.2f} to it, and the options alone {raw_html / same_html:.2f} of plain")
    assert N_FILES / imported > 20  # a loose floor: a folder of a thousand articles imports in under a minute
