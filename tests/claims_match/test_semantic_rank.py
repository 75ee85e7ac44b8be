"""The sentence encoder in the candidates' ranking (desktop.claims_match.sentence_encoder and
similar.rerank_by_meaning), on Veltra sentences written here."""
from __future__ import annotations

import numpy as np

from desktop.claims_match import sentence_encoder
from desktop.ingest.types import ParsedArticle
from desktop.services import similar

CLAIM = "Veltra's finance minister said the budget deficit would shrink next year as tax revenue grows."
RESTATED = ("Treasury outlook. Veltra's treasury chief said the budget shortfall would narrow next year as tax "
            "receipts rise. Snow fell in Marenhal.")
OFFICES = ("Offices. Veltra's tax office said next year it would move to a new building as the rent budget grows. "
           "Ferry prices rise in June.")
HEALTH = ("Health. Veltra's health minister said waiting lists would shrink next year as the number of nurses "
          "grows. Ferry prices rise in June.")


def _imported(lib, *bodies: str) -> None:
    lib.importer.add_parsed([(f"{i}.txt", ParsedArticle(title=f"Article {i}", body=b, original_text=b))
                             for i, b in enumerate(bodies)])


def test_the_shipped_encoder_is_small_and_puts_a_restatement_nearer_than_shared_words():
    assert sentence_encoder.ONNX_PATH.stat().st_size < 25_000_000
    enc = sentence_encoder.load()
    assert enc is not None
    claim, restated, offices, health = enc.encode([CLAIM, RESTATED.split(". ")[1], OFFICES.split(". ")[1],
                                                   HEALTH.split(". ")[1]])
    assert abs(float(claim @ claim) - 1.0) < 1e-3  # unit vectors: the product is the cosine
    assert claim @ restated > claim @ offices + 0.05 and claim @ restated > claim @ health + 0.05


def test_a_sentence_is_encoded_alone_so_its_vector_does_not_depend_on_the_others():
    enc = sentence_encoder.load()
    assert enc is not None
    alone = enc.encode([CLAIM])[0]
    among = enc.encode([OFFICES, CLAIM, "Short."])[1]
    assert np.array_equal(alone, among)


def test_a_restatement_in_other_words_ranks_above_sentences_sharing_more_words(library, monkeypatch):
    _imported(library, RESTATED, OFFICES, HEALTH)
    best = library.similar.find(CLAIM, limit=3)
    assert best[0].text.startswith("Veltra's treasury chief")
    # Without the encoder the words decide, and a sentence about another ministry comes first.
    monkeypatch.setattr(sentence_encoder, "load", lambda: None)
    words_only = library.similar.find(CLAIM, limit=3)
    assert not words_only[0].text.startswith("Veltra's treasury chief")
    assert {c.text for c in best} == {c.text for c in words_only}


def _candidate(text: str, score: float) -> similar.Candidate:
    return similar.Candidate(article_id=1, title="t", outlet=None, published=None, start=int(score * 100),
                             end=int(score * 100) + 1, text=text, score=score, probability=0.1, same=False,
                             figure_differs=False)


def test_only_the_best_few_are_read_again_and_the_rest_keep_their_scores(monkeypatch):
    monkeypatch.setattr(similar, "ENCODED", 2)
    ranked = [_candidate(RESTATED, 0.9), _candidate(OFFICES, 0.8), _candidate(HEALTH, 0.7)]
    again = similar.rerank_by_meaning(CLAIM, ranked)
    by_text = {c.text: c for c in again}
    assert by_text[HEALTH].score == 0.7  # below the cut: not read
    assert by_text[RESTATED].score > 0.9 + 0.5 and by_text[OFFICES].score > 0.8
    assert [c.score for c in again] == sorted((c.score for c in again), reverse=True)
    monkeypatch.setattr(sentence_encoder, "load", lambda: None)
    assert similar.rerank_by_meaning(CLAIM, ranked) == ranked


def test_without_its_file_the_encoder_is_absent_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sentence_encoder, "ONNX_PATH", tmp_path / "missing.onnx")
    sentence_encoder.load.cache_clear()
    try:
        assert sentence_encoder.load() is None
    finally:
        sentence_encoder.load.cache_clear()


def test_the_encoder_stops_at_its_word_piece_budget(monkeypatch):
    enc = sentence_encoder.load()
    assert enc is not None
    passage_pieces, first_pieces = (len(p) for p in enc.pieces([CLAIM, RESTATED]))
    monkeypatch.setattr(similar, "ENCODED_PIECES", passage_pieces + first_pieces)  # the passage and one
    ranked = [_candidate(RESTATED, 0.9), _candidate(OFFICES, 0.8), _candidate(HEALTH, 0.7)]
    by_text = {c.text: c.score for c in similar.rerank_by_meaning(CLAIM, ranked)}
    assert by_text[RESTATED] > 0.9 and (by_text[OFFICES], by_text[HEALTH]) == (0.8, 0.7)
    monkeypatch.setattr(similar, "ENCODED_PIECES", passage_pieces)  # not even one candidate: nothing read
    assert similar.rerank_by_meaning(CLAIM, ranked) == ranked


def test_a_long_sentence_is_read_up_to_the_encoders_limit_only():
    enc = sentence_encoder.load()
    assert enc is not None
    long_one = " ".join(["The harbour levy in Veltra was debated again."] * 20)
    (pieces,) = enc.pieces([long_one])
    assert len(pieces) == sentence_encoder.MAX_PIECES
    short = enc.pieces(["Veltra's harbour levy."])[0]
    assert 4 < len(short) < 12  # the sentence's pieces with the two markers, no padding
    vec = enc.vectors([pieces, short])
    assert vec.shape == (2, 384) and np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-3)
