"""The same-claim decision: a logistic regression over pair features, weights read from JSON."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.claims_match.features import NAMES, Passage, cover, pair_features

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
FIGURE_SUBJECT_COVER = 0.5  # shared meaningful words, besides the figures, for "another figure"


def figure_differs(a: Passage, b: Passage) -> bool:
    """The same subject with other figures: a contradiction candidate, never "the same claim"."""
    if not (a.numbers and b.numbers) or a.numbers & b.numbers:
        return False
    return cover(a.content, b.content)[0] >= FIGURE_SUBJECT_COVER


@dataclass(frozen=True)
class Decision:
    probability: float
    same: bool
    figure_differs: bool


@dataclass(frozen=True)
class PairModel:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, a: Passage, b: Passage) -> float:
        z = self.intercept
        for x, m, s, w in zip(pair_features(a, b), self.mean, self.scale, self.coef, strict=True):
            z += w * (x - m) / (s or 1.0)
        return 1.0 / (1.0 + math.exp(-z))

    def decide(self, a: Passage, b: Passage) -> Decision:
        p = self.probability(a, b)
        other_figure = figure_differs(a, b)
        return Decision(p, p >= self.threshold and not other_figure, other_figure)


@cache
def load(path: Path = WEIGHTS_PATH) -> PairModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != NAMES:
        raise RuntimeError(f"{path.name} was fitted on other features; run python -m desktop.claims_match.train")
    return PairModel(tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]),
                     float(data["intercept"]), float(data["threshold"]))
