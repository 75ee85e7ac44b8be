"""Recall@5 of the candidates on the shared sample corpus, against the hand-made cross-article gold.

For every sentence of every `cross_article_claims` entry, the library is asked for the
five best candidates outside that sentence's article; each other article of the entry
counts as found when one of its gold sentences overlaps a candidate. The shared files
are read at run time (skipped where they are absent) and nothing of them is kept here.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.services import Library


def _shared() -> Path | None:
    here = Path(__file__).resolve()
    for base in here.parents[2:5]:
        if (base / "shared" / "eval" / "seeds-gold.json").exists():
            return base / "shared"
    return None


SHARED = _shared()
pytestmark = pytest.mark.skipif(SHARED is None, reason="../shared/eval is not beside this checkout")


def _locate(body: str, sentence: str) -> tuple[int, int]:
    at = body.find(sentence)
    if at < 0:  # the gold's marks may differ from the stored body's; the opening words still place it
        at = body.find(sentence[:50])
    assert at >= 0, "a gold sentence is not in the imported body"
    return at, at + len(sentence)


def test_recall_at_5_of_cross_article_claims(tmp_path):
    gold = json.loads((SHARED / "eval" / "seeds-gold.json").read_text(encoding="utf-8"))
    with Library.open(tmp_path / "lib.sqlite") as lib:
        report = lib.importer.import_paths([SHARED / "corpus"], analyse=False)
        assert not report.failed
        article = {Path(path).stem: aid for path, aid in report.added}
        bodies = {key: lib.articles.get(aid).body for key, aid in article.items()}
        found = total = 0
        for entry in gold["cross_article_claims"]:
            sentences = entry["sentences"]
            for key, said in sentences.items():
                for sentence in said:
                    top = lib.similar.find(sentence, limit=5, exclude_article_id=article[key])
                    for other, their in sentences.items():
                        if other == key:
                            continue
                        spans = [_locate(bodies[other], s) for s in their]
                        total += 1
                        found += any(c.article_id == article[other] and c.start < e and s < c.end
                                     for c in top for s, e in spans)
    recall = found / total
    print(f"recall@5 {recall:.3f} ({found} of {total})")
    # The issue asks for 0.9; the method reaches 0.71 here (29 of 41: 15 of the 16 questions on the
    # gold's "same claim" entries, 14 of the 25 on its looser "different framing" / "related" ones), so
    # this guards what it does reach against regressions rather than claiming the goal. See the README.
    # One link of margin (28 of 41): the int8 networks' arithmetic may differ on another CPU, and a
    # link ranked 5th against a 6th is within that.
    assert total >= 30 and recall >= 0.68
