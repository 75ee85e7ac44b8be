"""The third retrieval arm (desktop.claims_match.vector_arm, SimilarService.nearby): the sentences
nearest a passage by the sentence encoder, on Veltra text written here."""
from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import text

from desktop.claims_match import recall_polnear as rp
from desktop.claims_match import sentence_encoder
from desktop.claims_match.recall_polnear import encoded_library
from desktop.claims_match.vector_arm import VectorArm
from desktop.ingest.types import ParsedArticle
from desktop.services import Library
from tests.claims_match.test_recall_polnear import _folder

CLAIM = "Minister Talen Orsk said the harbour levy would be scrapped."
# The same news in other words: not one of the claim's words, so neither word arm can ask for it.
RESTATED = "Ship owners will no longer pay the port charge from next month, the government announced."
UNRELATED = ["Snow closed the mountain pass above Dravo on Sunday.",
             "The Marenhal choir sang at the opening of the new concert hall.",
             "A rare owl was seen in the forests north of Kessa."]


def _arm(limit: int) -> VectorArm:
    """Four sentences in three articles, at cosines 1, 0.8, 0 and 0.6 to the passage (1, 0, 0)."""
    rows = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 1, 0], [0.6, 0.8, 0]], dtype=np.float32)
    return VectorArm(np.array([1, 2, 2, 3]), np.array([0, 0, 50, 0]), np.array([40, 49, 90, 30]), rows, limit)


def test_the_nearest_sentences_come_best_first_outside_the_excluded_article():
    q = np.array([1, 0, 0], dtype=np.float32)
    assert _arm(2)(q, None) == [(1, 0, 40), (2, 0, 49)]
    assert _arm(2)(q, 1) == [(2, 0, 49), (3, 0, 30)]
    assert _arm(10)(q, 2) == [(1, 0, 40), (3, 0, 30)]  # fewer than asked: all there are
    assert _arm(0)(q, None) == []
    empty = VectorArm(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                      np.zeros((0, 3), dtype=np.float32), 5)
    assert empty(q, None) == []
    only = VectorArm(np.array([4]), np.array([0]), np.array([9]), np.array([[1, 0, 0]], dtype=np.float32), 5)
    assert only(q, 4) == []  # the one sentence is in the excluded article


@pytest.mark.skipif(sentence_encoder.load() is None, reason="the sentence encoder's file or onnxruntime is missing")
def test_a_restatement_in_other_words_is_found_only_with_the_arm(library):
    report = library.importer.add_parsed([(f"{i}.txt", ParsedArticle(title=f"Article {i}", body=b, original_text=b))
                                          for i, b in enumerate([CLAIM, RESTATED, *UNRELATED])])
    claim_article, restated_article = (report.added[0][1], report.added[1][1])
    without = library.similar.find(CLAIM, limit=10, exclude_article_id=claim_article)
    assert restated_article not in {c.article_id for c in without}
    arm = encoded_library(library, 1)
    assert arm is not None and len(arm.vectors) == 5 and np.allclose(np.linalg.norm(arm.vectors, axis=1), 1, atol=1e-3)
    library.similar.nearby = arm
    found = library.similar.find(CLAIM, limit=10, exclude_article_id=claim_article)
    assert [c.article_id for c in found] == [restated_article]  # the one nearest sentence, and nothing else
    assert found[0].text == RESTATED
    library.similar.nearby = None
    assert library.similar.find(CLAIM, limit=10, exclude_article_id=claim_article) == without


def test_without_the_encoder_the_arm_is_not_asked(library, monkeypatch):
    asked = []
    library.similar.nearby = lambda vector, exclude: asked.append(exclude) or []
    monkeypatch.setattr(sentence_encoder, "load", lambda: None)
    library.importer.add_parsed([("a.txt", ParsedArticle(title="A", body=CLAIM, original_text=CLAIM))])
    library.similar.find(CLAIM, limit=5)
    assert asked == []


@pytest.mark.skipif(sentence_encoder.load() is None, reason="the sentence encoder's file or onnxruntime is missing")
def test_the_development_set_is_measured_with_the_arm_on_request(tmp_path, capsys, monkeypatch):
    root = _folder(tmp_path)
    path = tmp_path / "lib.sqlite"
    assert rp.main(["--data", str(root), "--vector-arm", "2", "--db", str(path)]) == 0
    assert "recall@5 on the all part: 1.000 (4 of 4); retrieved at all 4 of 4 (2 pairs)" in capsys.readouterr().out
    built = []
    original = rp.encoded_library

    def spy(lib, limit):  # the arm is built over every sentence of the library, with the asked limit
        arm = original(lib, limit)
        built.append(None if arm is None else (arm.limit, len(arm.vectors)))
        return arm

    monkeypatch.setattr(rp, "encoded_library", spy)
    rp.measure(path, root, rp.restatements(rp.read_attributions(root), rp.read_dates(root)), vector_arm=3)
    with Library.open(path) as lib, lib.store.read() as s:
        sentences = s.execute(text("SELECT count(*) FROM sentences")).scalar()
    assert built == [(3, sentences)]
