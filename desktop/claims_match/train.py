"""Fit the same-claim decision on MRPC and write its weights into the package.

    python -m desktop.claims_match.train [--data DIR] [--out FILE] [--network FILE]

Reads the paraphrase pairs (tab-separated, csv.QUOTE_NONE) and holds out a quarter
(stratified, seed 12) from all fitting. The rest is split four fifths to one fifth
(`splits`): on the four fifths, the first stage (a scaled logistic regression over the
pair features, threshold by 5-fold CV there) and, in cross_train.py, the cross-encoder;
on the fifth neither has seen, the second stage (the first stage's logit beside the
network's, threshold by 5-fold CV there). Prints accuracy and F1 of the app's own
decision (PairModel.finish) on the held-out quarter and writes the weights as JSON.
scikit-learn is needed here only; the app reads the JSON.
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
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no MRPC data at {args.data}", file=sys.stderr)
        return 1

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rows = read_rows(args.data)
    y = np.array([int(r[0]) for r in rows])
    learn, stack, held = splits(y.tolist())
    passages = [(read(r[3]), read(r[4])) for r in rows]
    X = np.array([pair_features(a, b) for a, b in passages])
    fig = np.array([figure_differs(a, b) for a, b in passages])
    grid = np.round(np.arange(0.30, 0.71, 0.01), 2)

    def best_threshold(p: np.ndarray, labels: np.ndarray, blocked: np.ndarray) -> float:
        return float(max(grid, key=lambda t: (accuracy_score(labels, (p >= t) & ~blocked), -abs(t - 0.5))))

    # Stage 1, on the part the network learnt from; its threshold from 5-fold CV there.
    def fresh():
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))

    if not args.network.exists():
        fit, _held = held_out_split(y.tolist())  # in the order the first stage was always fitted in
        return _first_stage_only(args.out, X, y, fig, fit, held, fresh, best_threshold)
    p_cv = cross_val_predict(fresh(), X[learn], y[learn], cv=5, method="predict_proba")[:, 1]
    lexical_threshold = best_threshold(p_cv, y[learn], fig[learn])
    first = fresh().fit(X[learn], y[learn])
    p_lex = first.predict_proba(X)[:, 1]

    # Stage 2, on the fifth the network has not seen: its logit beside stage 1's.
    net = cross_encoder.open_network(args.network)
    asked = [i for i in (*stack, *held) if p_lex[i] >= GATE and not fig[i]]
    logits = dict(zip(asked, np.concatenate([net.logits([(rows[i][3], rows[i][4]) for i in asked[k:k + 32]])
                                             for k in range(0, len(asked), 32)]).tolist(), strict=True))
    fit2 = [i for i in stack if i in logits]
    Z = np.array([[_logit(p_lex[i]), logits[i]] for i in fit2])
    second = LogisticRegression(C=1.0, max_iter=5000)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    z_cv = dict(zip(fit2, cross_val_predict(second, Z, y[fit2], cv=folds, method="predict_proba")[:, 1], strict=True))
    p_stack = np.array([z_cv.get(i, 0.0) for i in stack])
    threshold = best_threshold(p_stack, y[stack], fig[stack])
    second.fit(Z, y[fit2])

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
    same = np.array([pair.finish(float(p_lex[i]), bool(fig[i]), logits.get(i)).same for i in held])
    lexical_only = np.array([pair.finish(float(p_lex[i]), bool(fig[i]), None).same for i in held])
    acc, f1 = accuracy_score(y[held], same), f1_score(y[held], same)
    weights.update({
        "trained_on": (f"MRPC train: stage 1 and the network on {len(learn)} pairs, stage 2 on {len(stack)}, "
                       f"{len(held)} held out (seed {SEED})"),
        "held_out": {"accuracy": round(acc, 4), "f1": round(f1, 4), "pairs": len(held)},
    })
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"stage 1 on {len(learn)} pairs (threshold {lexical_threshold:.2f}), stage 2 on {len(fit2)} of {len(stack)} "
          f"(gate {GATE}, threshold {threshold:.2f}); held out {len(held)}, of which {sum(i in logits for i in held)} "
          f"went to the network")
    print(f"held-out, first stage alone: accuracy {accuracy_score(y[held], lexical_only):.3f}  "
          f"F1 {f1_score(y[held], lexical_only):.3f}")
    print(f"held-out accuracy {acc:.3f}  F1 {f1:.3f}")
    print(f"weights written to {args.out}")
    return 0


def _first_stage_only(out: Path, X, y, fig, fit: list[int], held: list[int], fresh, best_threshold) -> int:
    """Without the cross-encoder's weights: the first stage alone, on the whole fitting part."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import cross_val_predict

    p_cv = cross_val_predict(fresh(), X[fit], y[fit], cv=5, method="predict_proba")[:, 1]
    threshold = best_threshold(p_cv, y[fit], fig[fit])
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
