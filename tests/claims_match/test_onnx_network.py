"""The shipped cross-encoder as the app runs it (int8 ONNX in onnxruntime)."""
from __future__ import annotations

import numpy as np
import pytest

from desktop.claims_match import cross_encoder, features, model

CLAIM = "The harbour authority said grain exports through Port Kessa fell sharply in March."
RESTATED = "Grain shipments out of Port Kessa dropped steeply in March, according to the harbour authority."
UNRELATED = "The Veltran football team won the cup final on Sunday after extra time."


@pytest.fixture(scope="module")
def net() -> cross_encoder.OnnxCrossEncoder:
    return cross_encoder.load()


def test_the_shipped_network_is_one_int8_file_small_enough_for_the_package():
    assert cross_encoder.ONNX_PATH.stat().st_size <= 25 * 2 ** 20
    assert isinstance(cross_encoder.open_network(cross_encoder.ONNX_PATH), cross_encoder.OnnxCrossEncoder)


def test_a_restatement_scores_far_above_another_story(net):
    same, other = net.logits([(CLAIM, RESTATED), (CLAIM, UNRELATED)])
    assert same > 0 > other
    assert same - other > 3


def test_a_pair_scores_the_same_alone_as_padded_in_a_batch(net):
    pairs = [(CLAIM, RESTATED), ("Fees will double.", "The council said fees would double next year."),
             (CLAIM, UNRELATED)]
    together = net.logits(pairs)
    alone = np.concatenate([net.logits([p]) for p in pairs])
    assert np.array_equal(together, alone)  # a pair's score does not depend on the others asked with it
    assert len(net.logits([])) == 0


def test_the_shipped_weights_ask_the_shipped_network():
    pair = model.load()
    assert pair.net_coef != (0.0, 0.0) and pair.net_coef[1] > 0  # the network's "same" counts for it
    a, b = features.read(CLAIM), features.read(RESTATED)
    assert pair.wants_network(pair.lexical(a, b), model.figure_differs(a, b))
    assert pair.decide(a, b).same and not pair.decide(a, features.read(UNRELATED)).same


def test_the_decision_keeps_the_first_stage_probability_the_ranking_reads():
    """The network's answer goes into `probability` and `same`; `lexical` stays the first stage's,
    which ranks the candidates whether or not the network was asked."""
    pair = model.load()
    a, b = features.read(CLAIM), features.read(RESTATED)
    first = pair.lexical(a, b)
    asked = pair.finish(first, False, float(cross_encoder.load().logits([(CLAIM, RESTATED)])[0]))
    not_asked = pair.finish(first, False, None)
    assert asked.lexical == not_asked.lexical == first == not_asked.probability
    assert asked.probability != first and asked.same
    assert pair.finish(first, False, -8.0).lexical == first and not pair.finish(first, False, -8.0).same
