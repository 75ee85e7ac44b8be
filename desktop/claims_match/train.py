"""Fit the same-claim model on MRPC and write its weights into the package.

    python -m desktop.claims_match.train [--data DIR] [--out FILE]

Reads the paraphrase pairs (tab-separated, csv.QUOTE_NONE), holds out a quarter
(stratified, fixed seed) from fitting, fits a scaled logistic regression on the
rest, picks the decision threshold by cross-validation on the fitting part only,
prints accuracy and F1 on the held-out part, and writes the weights as JSON.
scikit-learn is needed here only; the app reads the JSON.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from desktop.claims_match.features import NAMES, pair_features, read
from desktop.claims_match.model import WEIGHTS_PATH, figure_differs


def _default_data() -> Path:
    """../shared/eval/mrpc-train beside the checkout (a worktree may sit one folder deeper)."""
    repo = Path(__file__).resolve().parents[2]
    for base in (repo.parent, repo.parent.parent):
        if (base / "shared" / "eval" / "mrpc-train").exists():
            return base / "shared" / "eval" / "mrpc-train"
    return repo.parent / "shared" / "eval" / "mrpc-train"


SEED = 12
HELD_OUT = 0.25


def load_pairs(folder: Path) -> tuple[list[list[float]], list[bool], list[int]]:
    """Features, the "another figure" rule and the label of every pair."""
    path = folder / "msr_paraphrase_train.txt" if folder.is_dir() else folder
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    if header[0].strip() != "Quality":
        raise SystemExit(f"{path}: not an MRPC file (first column {header[0]!r})")
    pairs = [(read(r[3]), read(r[4]), int(r[0])) for r in body if len(r) >= 5]
    return ([pair_features(a, b) for a, b, _y in pairs], [figure_differs(a, b) for a, b, _y in pairs],
            [y for _a, _b, y in pairs])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.train")
    ap.add_argument("--data", type=Path, default=_default_data())
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no MRPC data at {args.data}", file=sys.stderr)
        return 1

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import cross_val_predict, train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    feats, other_figure, labels = load_pairs(args.data)
    X, y, fig = np.array(feats), np.array(labels), np.array(other_figure)
    X_fit, X_held, y_fit, y_held, fig_fit, fig_held = train_test_split(
        X, y, fig, test_size=HELD_OUT, random_state=SEED, stratify=y)

    def fresh():
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))

    # The threshold comes from the fitting part alone, so the held-out figure stays honest.
    # The decision is the app's own: the threshold, and never "same" for another figure of the same thing.
    p_cv = cross_val_predict(fresh(), X_fit, y_fit, cv=5, method="predict_proba")[:, 1]
    grid = np.round(np.arange(0.30, 0.71, 0.01), 2)
    threshold = float(max(grid, key=lambda t: (accuracy_score(y_fit, (p_cv >= t) & ~fig_fit), -abs(t - 0.5))))

    model = fresh().fit(X_fit, y_fit)
    held = (model.predict_proba(X_held)[:, 1] >= threshold) & ~fig_held
    acc, f1 = accuracy_score(y_held, held), f1_score(y_held, held)
    scaler, lr = model[0], model[1]
    weights = {
        "features": list(NAMES),
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": lr.coef_[0].tolist(),
        "intercept": float(lr.intercept_[0]),
        "threshold": threshold,
        "trained_on": f"MRPC train, {len(y_fit)} pairs ({len(y_held)} held out, seed {SEED})",
        "held_out": {"accuracy": round(acc, 4), "f1": round(f1, 4), "pairs": int(len(y_held))},
    }
    args.out.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"fitted on {len(y_fit)} pairs, held out {len(y_held)}; threshold {threshold:.2f}")
    print(f"held-out accuracy {acc:.3f}  F1 {f1:.3f}")
    print(f"weights written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
