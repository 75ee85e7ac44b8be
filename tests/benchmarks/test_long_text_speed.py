"""Analysis time per word stays flat with the length of an article (issue 18: a 1.95 MB article ran
past 10 minutes; per sentence Span.ents and per quotation scans made analysis quadratic).

Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_long_text_speed.py
"""
from __future__ import annotations

import time

import pytest

from desktop.analysis import Analysis, analyze_many, get_nlp
from desktop.analysis.chunks import blocks
from tests.data.hostile_inputs import long_article


def _per_word(text: str, runs: int) -> tuple[float, float]:
    """(ClaimDesk, spaCy alone on the same paragraph blocks) seconds per word, best of `runs`."""
    nlp = get_nlp()
    words = len(text.split())
    ours, raw = [], []
    for _ in range(runs):
        t = time.perf_counter()
        for _doc in nlp.pipe(text[a:b] for a, b in blocks(text)):
            pass
        raw.append(time.perf_counter() - t)
        t = time.perf_counter()
        (result,) = analyze_many([text])
        ours.append(time.perf_counter() - t)
        assert isinstance(result, Analysis)
    return min(ours) / words, min(raw) / words


@pytest.mark.benchmark
@pytest.mark.timeout(3600)  # a 2 MB article takes minutes on a shared machine, twice over
def test_time_per_word_of_a_2mb_article_is_at_most_twice_that_of_a_20kb_one():
    small, big = long_article(20_000), long_article(2_000_000)
    list(analyze_many([long_article(5_000)]))  # load and warm the pipeline
    small_ours, small_raw = _per_word(small, runs=3)
    big_ours, big_raw = _per_word(big, runs=1)  # about 6 minutes a run on a shared machine
    print(f"\n20 kB article ({len(small.split())} words): ClaimDesk {small_ours * 1e6:.0f} µs/word, "
          f"spaCy alone {small_raw * 1e6:.0f} µs/word")
    print(f"2 MB article ({len(big.split())} words): ClaimDesk {big_ours * 1e6:.0f} µs/word, "
          f"spaCy alone {big_raw * 1e6:.0f} µs/word")
    print(f"per-word ratio 2 MB / 20 kB: ClaimDesk {big_ours / small_ours:.2f} (goal <= 2), "
          f"spaCy alone {big_raw / small_raw:.2f}")
    assert big_ours / small_ours <= 2.0
