"""How train.py chooses the decision: the threshold rule, the second stage fitted over several
validation networks, and the refit of the first stage and the network on the whole fitting part."""
from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.claims_match import cross_train, model, train
from tests.claims_match.test_cross_encoder import _tiny_network

# Four pairs that say the same thing and two that do not, with their probabilities of "same".
LABELS = np.array([1, 1, 1, 1, 0, 0])
PROBABILITY = np.array([0.9, 0.8, 0.45, 0.35, 0.4, 0.1])
NOTHING_BLOCKED = np.zeros(6, dtype=bool)


def test_the_threshold_weighs_f1_beside_accuracy():
    # Above 0.40 and from 0.35 down, 5 of 6 are right; F1 is 6/7 above 0.40 and 8/9 from 0.35 down.
    # Accuracy alone cannot tell them apart (it would keep the one nearest 0.5, 0.45);
    # accuracy + F1 takes the lower threshold, nearest 0.5 of the tied ones.
    assert train.best_threshold([PROBABILITY], LABELS, NOTHING_BLOCKED) == 0.35


def test_the_threshold_averages_the_networks_and_respects_another_figure():
    assert train.best_threshold([PROBABILITY, PROBABILITY], LABELS, NOTHING_BLOCKED) == 0.35
    # With the 0.35 pair blocked (another figure) it can never be "the same": the lower threshold
    # then only adds the wrong 0.40 pair, so the threshold goes back above 0.40.
    blocked = np.array([False, False, False, True, False, False])
    assert train.best_threshold([PROBABILITY], LABELS, blocked) == 0.45
    # A second network that ranks the 0.40 pair low pulls the average towards the lower threshold.
    other = np.array([0.9, 0.8, 0.45, 0.42, 0.05, 0.1])
    assert train.best_threshold([PROBABILITY, other], LABELS, NOTHING_BLOCKED) == 0.35
    assert train.best_threshold([other], LABELS, NOTHING_BLOCKED) == 0.42  # all right from 0.42 down


def _stage2_features(rng: np.random.Generator, labels: np.ndarray, noise: float) -> np.ndarray:
    """(stage 1's logit, a network's logit), both telling the label apart with some noise."""
    sign = 2.0 * labels - 1.0
    return np.c_[sign + rng.normal(scale=1.5, size=len(labels)), 2 * sign + rng.normal(scale=noise, size=len(labels))]


def test_a_pair_is_judged_in_the_fold_that_never_learnt_it_from_any_network():
    rng = np.random.default_rng(12)
    labels = np.array([1, 0] * 40)
    a, b = _stage2_features(rng, labels, 1.0), _stage2_features(rng, labels, 2.0)
    second, (cv_a, cv_b) = train.second_stage([a, b], labels)
    assert cv_a.shape == cv_b.shape == (80,)
    assert second.coef_[0][1] > 0  # the network's logit counts for "same"
    assert ((cv_a > 0.5) == labels).mean() > 0.8
    # Changing what network b says about pair 7 cannot change how pair 7 is judged with network a:
    # both of its rows are in the fold held out when it is judged.
    b2 = b.copy()
    b2[7] = [-40.0, 40.0]
    _second, (cv_a2, _cv_b2) = train.second_stage([a, b2], labels)
    assert cv_a2[7] == pytest.approx(cv_a[7], abs=1e-12)
    assert not np.allclose(cv_a2, cv_a)  # it does change the folds that learnt from pair 7


@pytest.mark.parametrize("part, includes_fifth", [("learn", False), ("fit", True)])
def test_the_refit_learns_from_the_fifth_and_never_from_the_held_out_quarter(part, includes_fifth):
    labels = [int(i % 3 == 0) for i in range(400)]
    learn, stack, held = train.splits(labels)
    rows = cross_train.learning_rows(part, learn, stack)
    assert set(learn) <= set(rows) and not set(rows) & set(held)
    assert (set(stack) <= set(rows)) is includes_fifth


SAME = [("Port Kessa's grain exports fell in {m}, the harbour authority said.",
         "The harbour authority said grain exports from Port Kessa fell in {m}."),
        ("Councillor Ilse Marov said bus fares in Dorran would rise by {n} percent.",
         "Bus fares in Dorran will rise by {n} percent, Councillor Ilse Marov said.")]
OTHER = [("Port Kessa's grain exports fell in {m}, the harbour authority said.",
          "Port Kessa's grain exports rose in {m}, the harbour authority said."),
         ("The ferry to Kessa Island will run {n} times a day.",
          "Teachers in Ostra voted to accept a pay offer of {n} percent.")]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")


def _mrpc_file(folder) -> None:
    """A small file in MRPC's format: same-claim restatements, a reversed claim and an unrelated pair
    of the demo country; one label in nine is flipped, so that both stages meet both kinds of pair."""
    lines = ["Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    k = 0
    for month in MONTHS:
        for n in range(3, 7):
            for label, templates in ((1, SAME), (0, OTHER)):
                for a, b in templates:
                    noisy = 1 - label if k % 9 == 4 else label
                    lines.append(f"{noisy}\t{k}\t{k + 1}\t{a.format(m=month, n=n)}\t{b.format(m=month, n=n)}")
                    k += 2
    (folder / "msr_paraphrase_train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_train_refits_both_stages_and_records_the_held_out_figure(tmp_path, capsys):
    _mrpc_file(tmp_path)
    _tiny_network(tmp_path / "valid.npz", np.random.default_rng(3))
    _tiny_network(tmp_path / "final.npz", np.random.default_rng(4))
    assert train.main(["--data", str(tmp_path), "--network", str(tmp_path / "final.npz"),
                       "--validation-network", str(tmp_path / "valid.npz"), "--out", str(tmp_path / "w.json")]) == 0
    weights = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))
    rows = train.read_rows(tmp_path)
    learn, stack, held = train.splits([int(r[0]) for r in rows])
    assert weights["held_out"]["pairs"] == len(held)
    assert f"stage 1 on {len(learn) + len(stack)} pairs" in weights["trained_on"]
    assert weights["threshold"] in train.GRID and weights["lexical_threshold"] in train.GRID
    assert "held-out accuracy" in capsys.readouterr().out
    # The weights are the app's: restatements of the demo country are "the same", unrelated pairs not.
    pair = model.load(tmp_path / "w.json")
    assert pair.net_coef != (0.0, 0.0)
    assert weights["held_out"]["accuracy"] > 0.75
