"""Pieces of the cross-encoder that need no shipped network: the batch encoding, the runner for
each file format, and the fine-tuning's learning-rate schedule."""
from __future__ import annotations

import numpy as np
import pytest

from desktop.claims_match import cross_encoder, cross_train
from tests.claims_match.test_cross_encoder import _tiny_network

CLAIM = "The harbour authority said grain exports through Port Kessa fell sharply in March."
RESTATED = "Grain shipments out of Port Kessa dropped steeply in March, according to the harbour authority."


def test_a_batch_is_padded_to_its_longest_pair_and_masked():
    tok = cross_encoder._tokenizer()
    ids, types, mask = cross_encoder._encode(tok, [("Fees rise.", "Fees go up."), (CLAIM, RESTATED)])
    lengths = mask.sum(1)
    assert ids.shape == types.shape == mask.shape == (2, lengths.max())
    assert lengths[0] < lengths[1] and (ids[0, lengths[0]:] == 0).all()
    assert types[1, :lengths[1]].max() == 1  # the second passage is the second segment
    long = " ".join(["word"] * 300)
    assert cross_encoder._encode(tok, [(long, long)])[0].shape[1] == cross_encoder.MAX_PIECES


def test_the_numpy_file_still_opens_in_the_numpy_runner(tmp_path):
    _tiny_network(tmp_path / "net.npz", np.random.default_rng(5))
    net = cross_encoder.open_network(tmp_path / "net.npz")
    assert isinstance(net, cross_encoder.CrossEncoder)
    assert net.logits([(CLAIM, RESTATED)]).shape == (1,)


def test_the_learning_rate_warms_up_over_a_tenth_then_falls_to_zero():
    factor = cross_train._schedule(100)
    rates = [factor(k) for k in range(100)]
    assert rates[0] == pytest.approx(0.1) and rates[9] == pytest.approx(1.0)
    assert all(a <= b for a, b in zip(rates[:10], rates[1:10], strict=False))
    assert all(a >= b for a, b in zip(rates[9:], rates[10:], strict=False))
    assert rates[-1] < 0.02 and factor(100) == 0.0
