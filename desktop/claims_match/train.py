"""Fit the same-claim decision on MRPC and write its weights into the package.

    python -m desktop.claims_match.train [--data DIR] [--out FILE] [--network FILE]
                                         [--validation-network FILE ...]

Reads the paraphrase pairs (tab-separated, csv.QUOTE_NONE) and holds out a quarter
(stratified, seed 12) from all fitting. The rest is split four fifths to one fifth
(`splits`): on the four fifths, the first stage (a scaled logistic regression over the
pair features, threshold by 5-fold CV there) and, in cross_train.py, the cross-encoder;
on the fifth neither has seen, the second stage (the first stage's logit beside the
network's, threshold by 5-fold CV there). Thresholds maximise accuracy + F1, the two
figures the goal names.

With --validation-network (networks learnt on the four fifths, e.g. two seeds), the second
stage and its threshold are chosen with those on the fifth, pooled, so they suit the recipe
rather than one run; then the first stage and the shipped --network (cross_train --part fit)
are refit on the whole fitting part, so that both learn from a quarter more pairs.

Prints accuracy and F1 of the app's own decision (PairModel.finish) on the held-out quarter
and writes the weights as JSON. scikit-learn is needed here only; the app reads the JSON.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from desktop.claims_match import cross_encoder
from desktop.claims_match.features import NAMES, pair_features, read
from desktop.claims_match.model import WEIGHTS_PATH, PairModel, _logit, figure_differs


def _default_data() -> Path:
    """../shared/eval/mrpc-train beside the checkout (a worktree may sit one folder deeper)."""
    repo = Path(__file__).resolve().parents[2]
    for base in (repo.parent, repo.parent.parent):
        if (base / "shared" / "eval" / "mrpc-train").exists():
            return base / "shared" / "eval" / "mrpc-train"
    return repo.parent / "shared" / "eval" / "mrpc-train"


SEED = 12
HELD_OUT = 0.25
STACK = 0.2
GATE = 0.05  # stage 1 probability below which the network is not asked


def read_rows(folder: Path) -> list[list[str]]:
    """The MRPC rows (Quality, #1 ID, #2 ID, #1 String, #2 String), header left out."""
    path = folder / "msr_paraphrase_train.txt" if folder.is_dir() else folder
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    if header[0].strip() != "Quality":
        raise SystemExit(f"{path}: not an MRPC file (first column {header[0]!r})")
    return [r for r in body if len(r) >= 5]


def held_out_split(labels: list[int]) -> tuple[list[int], list[int]]:
    """Row numbers of the fitting part and of the held-out quarter (stratified, seed 12)."""
    from sklearn.model_selection import train_test_split

    fit, held = train_test_split(list(range(len(labels))), test_size=HELD_OUT, random_state=SEED, stratify=labels)
    return fit, held


def splits(labels: list[int]) -> tuple[list[int], list[int], list[int]]:
    """Row numbers of (the cross-encoder's learning part, the decision's fitting part, the held-out
    quarter). The held-out quarter is the one this module always held out (stratified, seed 12);
    the rest is split four fifths to one fifth the same way."""
    from sklearn.model_selection import train_test_split

    fit, held = held_out_split(labels)
    learn, stack = train_test_split(fit, test_size=STACK, random_state=SEED, stratify=[labels[i] for i in fit])
    return learn, stack, held


def load_pairs(folder: Path) -> tuple[list[list[float]], list[bool], list[int]]:
    """Features, the "another figure" rule and the label of every pair."""
    body = read_rows(folder)
    pairs = [(read(r[3]), read(r[4]), int(r[0])) for r in body]
    return ([pair_features(a, b) for a, b, _y in pairs], [figure_differs(a, b) for a, b, _y in pairs],
            [y for _a, _b, y in pairs])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.train")
    ap.add_argument("--data", type=Path, default=_default_data())
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    ap.add_argument("--network", type=Path, default=cross_encoder.ONNX_PATH,
                    help="the cross-encoder (python -m desktop.claims_match.cross_train): .onnx, or the numpy .npz")
    ap.add_argument("--validation-network", type=Path, action="append", default=[],
                    help="a network learnt on the four fifths only (cross_train --part learn), repeatable: the "
                         "second stage and its threshold are chosen with these on the fifth, and --network is "
                         "the refit on the whole fitting part (cross_train --part fit), as is the first stage")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no MRPC data at {args.data}", file=sys.stderr)
        return 1

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rows = read_rows(args.data)
    y = np.array([int(r[0]) for r in rows])
    learn, stack, held = splits(y.tolist())
    passages = [(read(r[3]), read(r[4])) for r in rows]
    X = np.array([pair_features(a, b) for a, b in passages])
    fig = np.array([figure_differs(a, b) for a, b in passages])

    def fresh():
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))

    if not args.network.exists():
        fit, _held = held_out_split(y.tolist())  # in the order the first stage was always fitted in
        return _first_stage_only(args.out, X, y, fig, fit, held, fresh, best_threshold)
    refit = bool(args.validation_network)

    def network_logits(path: Path, wanted: list[int]) -> dict[int, float]:
        net = cross_encoder.open_network(path)
        pairs = [(rows[i][3], rows[i][4]) for i in wanted]
        return dict(zip(wanted, np.concatenate([np.zeros(0)] + [net.logits(pairs[k:k + 32])
                                                                for k in range(0, len(pairs), 32)]).tolist(),
                        strict=True))

    # Stage 1 as the validation networks had it: fitted on the four fifths they learnt from.
    first = fresh().fit(X[learn], y[learn])
    p_val = first.predict_proba(X[stack])[:, 1]
    # Stage 2 and its threshold, on the fifth none of them has seen.
    val_paths = args.validation_network or [args.network]
    asked = [k for k, i in enumerate(stack) if p_val[k] >= GATE and not fig[i]]
    val_logits = [network_logits(path, [stack[k] for k in asked]) for path in val_paths]
    features = [np.array([[_logit(p_val[k]), logits[stack[k]]] for k in asked]) for logits in val_logits]
    second, p_cv = second_stage(features, y[[stack[k] for k in asked]])
    p_stack = []
    for cv in p_cv:
        p = np.zeros(len(stack))
        p[asked] = cv
        p_stack.append(p)
    threshold = best_threshold(p_stack, y[stack], fig[stack])

    # Stage 1 as shipped, with its own threshold by 5-fold CV on the part it learns from.
    ship_rows = [*learn, *stack] if refit else learn
    p_cv1 = cross_val_predict(fresh(), X[ship_rows], y[ship_rows], cv=5, method="predict_proba")[:, 1]
    lexical_threshold = best_threshold([p_cv1], y[ship_rows], fig[ship_rows])
    if refit:
        first = fresh().fit(X[ship_rows], y[ship_rows])
    p_lex = first.predict_proba(X)[:, 1]

    weights = {
        "features": list(NAMES),
        "mean": first[0].mean_.tolist(),
        "scale": first[0].scale_.tolist(),
        "coef": first[1].coef_[0].tolist(),
        "intercept": float(first[1].intercept_[0]),
        "lexical_threshold": lexical_threshold,
        "gate": GATE,
        "net_coef": second.coef_[0].tolist(),
        "net_intercept": float(second.intercept_[0]),
        "threshold": threshold,
    }
    pair = PairModel(tuple(weights["mean"]), tuple(weights["scale"]), tuple(weights["coef"]), weights["intercept"],
                     lexical_threshold, GATE, (float(second.coef_[0][0]), float(second.coef_[0][1])),
                     float(second.intercept_[0]), threshold)
    # The held-out figure is the app's own decision (PairModel.finish), network asked as in a search.
    logits = network_logits(args.network, [i for i in held if pair.wants_network(float(p_lex[i]), bool(fig[i]))])
    same = np.array([pair.finish(float(p_lex[i]), bool(fig[i]), logits.get(i)).same for i in held])
    lexical_only = np.array([pair.finish(float(p_lex[i]), bool(fig[i]), None).same for i in held])
    acc, f1 = accuracy_score(y[held], same), f1_score(y[held], same)
    stage1_on = f"{len(ship_rows)} pairs" if refit else f"the network's {len(learn)}"
    weights.update({
        "trained_on": (f"MRPC train: stage 1 on {stage1_on}, the network on {len(ship_rows)}, stage 2 chosen on "
                       f"{len(stack)} with {len(val_paths)} network(s) that had not seen them, "
                       f"{len(held)} held out (seed {SEED})"),
        "held_out": {"accuracy": round(acc, 4), "f1": round(f1, 4), "pairs": len(held)},
    })
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"stage 1 on {len(ship_rows)} pairs (threshold {lexical_threshold:.2f}); stage 2 on {len(asked)} of "
          f"{len(stack)} with {len(val_paths)} network(s) (gate {GATE}, threshold {threshold:.2f}, "
          f"CV on the fifth: {_figures(p_stack, y[stack], fig[stack], threshold)}); held out {len(held)}, of which "
          f"{len(logits)} went to the network")
    print(f"held-out, first stage alone: accuracy {accuracy_score(y[held], lexical_only):.3f}  "
          f"F1 {f1_score(y[held], lexical_only):.3f}")
    print(f"held-out accuracy {acc:.3f}  F1 {f1:.3f}")
    print(f"weights written to {args.out}")
    return 0


GRID = tuple(round(0.30 + 0.01 * k, 2) for k in range(41))  # thresholds tried, 0.30 to 0.70


def best_threshold(probabilities: list, labels, blocked) -> float:
    """The threshold of the grid with the best accuracy + F1 (the goal asks for both), averaged over
    the networks' cross-validated probabilities of the same pairs; ties go to the one nearest 0.5.
    `blocked` pairs (another figure) are never "the same"."""
    import numpy as np

    truth = np.asarray(labels).astype(bool)

    def score(t: float) -> float:
        total = 0.0
        for p in probabilities:
            said = (np.asarray(p) >= t) & ~np.asarray(blocked)
            hits = int((said & truth).sum())
            total += float((said == truth).mean()) + 2 * hits / max(1, int(said.sum()) + int(truth.sum()))
        return total / len(probabilities)

    return float(max(GRID, key=lambda t: (round(score(t), 9), -abs(t - 0.5))))


def second_stage(features: list, labels) -> tuple:
    """The second stage, a logistic regression on (stage 1's logit, a network's logit), fitted on the
    pairs of every validation network together; and each network's 5-fold CV probabilities, the folds
    drawn by pair (stratified, seed 12) so that no pair is both learnt and judged in a fold."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    def model() -> LogisticRegression:
        return LogisticRegression(C=1.0, max_iter=5000)

    cv = [np.zeros(len(labels)) for _ in features]
    for train_k, test_k in StratifiedKFold(5, shuffle=True, random_state=SEED).split(features[0], labels):
        m = model().fit(np.vstack([z[train_k] for z in features]), np.tile(labels[train_k], len(features)))
        for p, z in zip(cv, features, strict=True):
            p[test_k] = m.predict_proba(z[test_k])[:, 1]
    return model().fit(np.vstack(features), np.tile(labels, len(features))), cv


def _figures(probabilities: list, labels, blocked, threshold: float) -> str:
    """Accuracy / F1 of each network's CV probabilities at the threshold, for the log."""
    from sklearn.metrics import accuracy_score, f1_score

    return ", ".join(f"{accuracy_score(labels, (p >= threshold) & ~blocked):.3f} / "
                     f"{f1_score(labels, (p >= threshold) & ~blocked):.3f}" for p in probabilities)


def _first_stage_only(out: Path, X, y, fig, fit: list[int], held: list[int], fresh, best_threshold) -> int:
    """Without the cross-encoder's weights: the first stage alone, on the whole fitting part."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import cross_val_predict

    p_cv = cross_val_predict(fresh(), X[fit], y[fit], cv=5, method="predict_proba")[:, 1]
    threshold = best_threshold([p_cv], y[fit], fig[fit])
    first = fresh().fit(X[fit], y[fit])
    same = (first.predict_proba(X[held])[:, 1] >= threshold) & ~fig[held]
    acc, f1 = accuracy_score(y[held], same), f1_score(y[held], same)
    weights = {
        "features": list(NAMES), "mean": first[0].mean_.tolist(), "scale": first[0].scale_.tolist(),
        "coef": first[1].coef_[0].tolist(), "intercept": float(first[1].intercept_[0]), "threshold": threshold,
        "trained_on": f"MRPC train, {len(fit)} pairs ({len(held)} held out, seed {SEED})",
        "held_out": {"accuracy": round(acc, 4), "f1": round(f1, 4), "pairs": len(held)},
    }
    out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"no cross-encoder weights: first stage alone, fitted on {len(fit)} pairs, held out {len(held)}; "
          f"threshold {threshold:.2f}")
    print(f"held-out accuracy {acc:.3f}  F1 {f1:.3f}")
    print(f"weights written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
