"""The cross-encoder's numpy forward pass, its weight file, and the MRPC splits it is fitted on."""
from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.claims_match import cross_encoder, features, model, train


def _tiny_network(path, rng: np.random.Generator) -> None:
    """A random two-layer BERT over the shipped word-piece vocabulary, in the shipped format."""
    size, hidden, inner = 30522, 16, 32
    state = {"bert.embeddings.word_embeddings.weight": (size, hidden),
             "bert.embeddings.position_embeddings.weight": (512, hidden),
             "bert.embeddings.token_type_embeddings.weight": (2, hidden),
             "bert.pooler.dense.weight": (hidden, hidden), "classifier.weight": (2, hidden)}
    for i in range(2):
        p = f"bert.encoder.layer.{i}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"):
            state[p + name + ".weight"] = (hidden, hidden)
        state[p + "intermediate.dense.weight"] = (inner, hidden)
        state[p + "output.dense.weight"] = (hidden, inner)
    arrays = {k: rng.normal(scale=0.5, size=shape).astype(np.float32) for k, shape in state.items()}
    for k, shape in list(state.items()):
        if "embeddings" not in k or "LayerNorm" in k:
            arrays[k.replace(".weight", ".bias")] = rng.normal(scale=0.1, size=shape[0]).astype(np.float32)
    for norm in ["bert.embeddings.LayerNorm", *(f"bert.encoder.layer.{i}.{n}.LayerNorm" for i in range(2)
                                               for n in ("attention.output", "output"))]:
        arrays[norm + ".weight"] = np.ones(hidden, dtype=np.float32)
        arrays[norm + ".bias"] = np.zeros(hidden, dtype=np.float32)
    cross_encoder.save_weights(arrays, 2, 2, 1e-12, path)


def test_a_pair_scores_the_same_alone_as_padded_in_a_batch(tmp_path):
    _tiny_network(tmp_path / "net.npz", np.random.default_rng(12))
    net = cross_encoder.CrossEncoder(tmp_path / "net.npz")
    pairs = [("The harbour authority said grain exports through Port Kessa fell in March.",
              "Grain shipments out of Port Kessa dropped in March, according to the harbour authority."),
             ("Fees will double.", "The council said fees would double next year.")]
    together = net.logits(pairs)
    alone = np.concatenate([net.logits([p]) for p in pairs])
    assert np.allclose(together, alone, atol=1e-4)
    assert abs(together[0] - together[1]) > 1e-3  # the pairs are read, not a constant
    assert len(net.logits([])) == 0


def test_weights_round_trip_through_the_int8_file(tmp_path):
    rng = np.random.default_rng(12)
    w = rng.normal(size=(64, 128)).astype(np.float32)
    bias = rng.normal(size=128).astype(np.float32)
    cross_encoder.save_weights({"bert.encoder.x.weight": w, "bert.encoder.x.bias": bias}, 1, 2, 1e-12,
                               tmp_path / "w.npz")
    raw = np.load(tmp_path / "w.npz")
    assert raw["encoder.x.weight:q"].dtype == np.int8
    back = raw["encoder.x.weight:q"].astype(np.float32) * raw["encoder.x.weight:s"]
    assert np.abs(back - w).max() <= np.abs(w).max() / 127
    assert np.allclose(raw["encoder.x.bias"], bias, atol=1e-2)


def test_first_stage_weights_alone_never_ask_the_network(monkeypatch, tmp_path):
    data = json.loads(model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    first = {k: v for k, v in data.items() if k not in ("net_coef", "net_intercept", "gate", "lexical_threshold")}
    first["threshold"] = data.get("lexical_threshold", data["threshold"])
    (tmp_path / "first.json").write_text(json.dumps(first), encoding="utf-8")
    pair = model.load(tmp_path / "first.json")

    def refuse():
        raise AssertionError("the network was loaded")

    monkeypatch.setattr(cross_encoder, "load", refuse)
    a = features.read("Grain exports through Port Kessa fell by less than 5% in March, the harbour authority said.")
    b = features.read("The harbour authority said grain exports through Port Kessa fell by less than 5% in March.")
    c = features.read("Grain exports through Port Kessa fell by nearly a fifth in March, traders said.")
    same, other_figure = pair.decide_many(a, [b, c])
    assert same.same and not other_figure.same and other_figure.figure_differs


@pytest.mark.parametrize("n", [200, 4076])
def test_the_held_out_quarter_is_never_fitted_on(n):
    labels = [int(i % 3 == 0) for i in range(n)]
    learn, stack, held = train.splits(labels)
    assert abs(len(held) - n * train.HELD_OUT) <= 1
    assert not (set(learn) & set(held)) and not (set(stack) & set(held)) and not (set(learn) & set(stack))
    assert sorted(learn + stack + held) == list(range(n))


def test_two_stage_weights_ask_the_network_about_the_likeliest_few(monkeypatch, tmp_path):
    _tiny_network(tmp_path / "net.npz", np.random.default_rng(3))
    net = cross_encoder.CrossEncoder(tmp_path / "net.npz")
    asked: list[list[tuple[str, str]]] = []
    read = net.logits

    def counted(pairs):
        asked.append(pairs)
        return read(pairs)

    monkeypatch.setattr(net, "logits", counted)
    monkeypatch.setattr(cross_encoder, "load", lambda: net)
    data = json.loads(model.WEIGHTS_PATH.read_text(encoding="utf-8"))
    data.update(lexical_threshold=data.get("lexical_threshold", data["threshold"]), gate=0.0, net_coef=[0.0, 5.0],
                net_intercept=0.0, threshold=0.5)
    (tmp_path / "two.json").write_text(json.dumps(data), encoding="utf-8")
    pair = model.load(tmp_path / "two.json")
    a = features.read("Grain exports through Port Kessa fell in March, the harbour authority said.")
    others = [features.read(t) for t in (
        "The harbour authority said grain exports through Port Kessa fell in March.",
        "Grain exports through Port Kessa fell in March.",
        "The Veltran football team won the cup final on Sunday.")]
    decisions = pair.decide_many(a, others, asked=2)
    assert len(asked) == 1 and len(asked[0]) == 2  # one batch, the two the first stage finds likeliest
    assert [b for _a, b in asked[0]] == [others[0].text, others[1].text]
    logits = read(asked[0])
    for d, z in zip(decisions, logits, strict=False):  # the second stage's probability is the network's here
        assert abs(d.probability - 1 / (1 + np.exp(-5.0 * z))) < 1e-6
    assert decisions[2].probability == pair.lexical(a, others[2])
