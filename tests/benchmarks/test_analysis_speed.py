"""Analysis throughput as a ratio to plain nlp.pipe on the same texts in the same process.

Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_analysis_speed.py
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.analysis import COMPONENTS, analyze_many, get_nlp

# The evaluation folder beside the project (or beside the folder of worktrees it is in).
POLNEAR = next((p / "shared" / "eval" / "polnear-dev" / "text" for p in Path(__file__).resolve().parents[3:5]
                if (p / "shared" / "eval" / "polnear-dev" / "text").is_dir()), Path("/nonexistent"))
PARAGRAPH = ("“The harbour handled 3.2 million tonnes last year, 40% more than in 2024,” said Dalia Orsek, "
             "the finance minister of Veltra. Critics in Osterlund said the figure was inflated. "
             "According to Tomas Brenn, “the new tariff caused the rise, not the reforms.”\n\n")


def _texts() -> list[str]:
    if POLNEAR.exists():
        return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    return [PARAGRAPH * 12] * 80


@pytest.mark.benchmark
def test_analysis_throughput_ratio():
    texts = _texts()
    nlp = get_nlp()
    list(nlp.pipe(texts[:5]))  # warm both paths
    # Plain nlp.pipe is the English model alone: ClaimDesk's components (quotes, cues, speakers,
    # entity merging) are what is being measured against it.
    raw_runs, our_runs = [], []
    for _ in range(2):  # alternate, and keep each side's best: the order of runs favours the later one
        t = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16, disable=COMPONENTS))
        raw_runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        results = list(analyze_many(texts, batch_size=16))
        our_runs.append(time.perf_counter() - t)
    raw, ours = min(raw_runs), min(our_runs)
    assert len(results) == len(docs)
    words = sum(len(x.split()) for x in texts)
    print(f"\nanalysis of {len(texts)} articles ({words} words), one process")
    print(f"  plain nlp.pipe {raw:.2f} s ({words / raw:.0f} words/s); ClaimDesk {ours:.2f} s ({words / ours:.0f} words/s)")
    print(f"  throughput ratio {raw / ours:.2f} (goal >= 0.85)")
