"""The shipped cross-encoder as the app runs it (int8 ONNX in onnxruntime), and its fine-tuning schedule."""
from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.claims_match import cross_encoder, features, model, train

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


@pytest.mark.slow
def test_the_app_decision_reproduces_the_recorded_held_out_figure():
    """The app's own decision (PairModel.decide, the network through onnxruntime) on the quarter of
    MRPC train held out from fitting gives the figure train.py wrote into weights.json."""
    data = train._default_data()
    if not data.exists():
        pytest.skip("no ../shared/eval/mrpc-train beside the checkout")
    rows = train.read_rows(data)
    _learn, _stack, held = train.splits([int(r[0]) for r in rows])
    pair = model.load()
    same = [pair.decide(features.read(rows[i][3]), features.read(rows[i][4])).same for i in held]
    truth = [rows[i][0] == "1" for i in held]
    right = sum(s == t for s, t in zip(same, truth, strict=True))
    hits = sum(s and t for s, t in zip(same, truth, strict=True))
    f1 = 2 * hits / (sum(same) + sum(truth))
    recorded = json.loads(model.WEIGHTS_PATH.read_text(encoding="utf-8"))["held_out"]
    assert right / len(held) == pytest.approx(recorded["accuracy"], abs=0.003)
    assert f1 == pytest.approx(recorded["f1"], abs=0.003)
