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


def _tiny_encoder(folder):
    """A random two-layer BERT over the shipped vocabulary, saved as a starting point for mean_pooled."""
    torch = pytest.importorskip("torch")  # the cross-train extra; the app never imports it
    from transformers import BertConfig, BertModel

    torch.manual_seed(12)
    config = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, num_labels=2)
    BertModel(config).save_pretrained(str(folder))
    return config


def test_the_mean_pooled_head_reads_only_the_unmasked_pieces(tmp_path):
    torch = pytest.importorskip("torch")
    config = _tiny_encoder(tmp_path)
    net = cross_train.mean_pooled(tmp_path, config).eval()
    tok = cross_encoder._tokenizer()
    ids, types, mask = (torch.tensor(a) for a in cross_encoder._encode(tok, [(CLAIM, RESTATED)]))
    pad = torch.zeros((1, 7), dtype=torch.long)
    with torch.no_grad():
        alone = net(input_ids=ids, attention_mask=mask, token_type_ids=types).logits
        padded = net(input_ids=torch.cat([ids, pad + 7], 1), attention_mask=torch.cat([mask, pad], 1),
                     token_type_ids=torch.cat([types, pad], 1)).logits
    assert alone.shape == (1, 2)
    assert torch.allclose(alone, padded, atol=1e-5)  # pieces under a zero mask change nothing


def test_the_mean_pooled_network_exports_to_the_onnx_the_app_runs(tmp_path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    config = _tiny_encoder(tmp_path / "start")
    net = cross_train.mean_pooled(tmp_path / "start", config).eval()
    tok = cross_encoder._tokenizer()
    pairs = [(CLAIM, RESTATED), ("Fees will double.", "The Veltran football team won the cup final on Sunday.")]
    ids, types, mask = cross_encoder._encode(tok, pairs)
    cross_train.export_onnx(net, (torch.tensor(ids), torch.tensor(mask), torch.tensor(types)), tmp_path / "n.onnx")
    with torch.no_grad():
        z = [net(input_ids=torch.tensor(ids[i:i + 1, :n]), attention_mask=torch.tensor(mask[i:i + 1, :n]),
                 token_type_ids=torch.tensor(types[i:i + 1, :n])).logits[0] for i, n in enumerate(mask.sum(1))]
    torch_logits = [float(x[1] - x[0]) for x in z]
    app = cross_encoder.open_network(tmp_path / "n.onnx").logits(pairs).tolist()
    assert abs(torch_logits[0] - torch_logits[1]) > 0.1  # the two pairs read differently...
    assert app == pytest.approx(torch_logits, abs=0.03)  # ...and the app's int8 file reads them as torch does
