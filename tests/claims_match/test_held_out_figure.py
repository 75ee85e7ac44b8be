"""The app's own same-claim decision on MRPC's held-out quarter is the figure train.py recorded."""
from __future__ import annotations

import json

import pytest

from desktop.claims_match import features, model, train


@pytest.mark.slow
def test_the_app_decision_reproduces_the_recorded_held_out_figure():
    """The app's own decision (PairModel.decide) on the quarter of
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
    # The figure shipped and reported in the README: the network and the first stage refit on the
    # whole fitting part, the second stage chosen on the fifth with two networks that had not seen it.
    # (The goal, 0.80 / 0.86, is not reached.)
    assert len(held) == 1019
    assert right / len(held) == pytest.approx(0.787, abs=0.003) and f1 == pytest.approx(0.834, abs=0.003)
