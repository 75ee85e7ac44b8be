"""The same-claim decision, in two stages, weights read from JSON (fitted by train.py).

1. A logistic regression over the pair features (lexical, numbers, names, negation, the
   distilled word-piece vectors): microseconds a pair.
2. For a pair it does not rule out (lexical probability at least `gate`), the fine-tuned
   cross-encoder (cross_encoder.py) reads the two passages together; a second logistic
   regression weighs its score beside the first stage's. About 8 ms of CPU a pair, so a
   search asks it about its likeliest few candidates only.

"Another figure of the same thing" is never "the same claim" (a contradiction candidate).
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
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
    probability: float  # of "same claim": the second stage's where the network was asked
    same: bool
    figure_differs: bool
    # The first stage's probability. Candidates are ranked with it: the network, fitted on MRPC's
    # tight paraphrases, is surer that a looser restatement is not the same claim, and as a ranking
    # input it put fewer of them in the top 5 (PolNeAR-train restatements, recall_polnear.py).
    lexical: float = 0.0


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class PairModel:
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    lexical_threshold: float  # the decision when the network is not asked
    gate: float  # below this lexical probability the network is not asked: not the same claim
    net_coef: tuple[float, float]  # on (the first stage's logit, the network's logit)
    net_intercept: float
    threshold: float

    def lexical(self, a: Passage, b: Passage) -> float:
        z = self.intercept
        for x, m, s, w in zip(pair_features(a, b), self.mean, self.scale, self.coef, strict=True):
            z += w * (x - m) / (s or 1.0)
        return 1.0 / (1.0 + math.exp(-z))

    def wants_network(self, lexical: float, other_figure: bool) -> bool:
        return self.net_coef != (0.0, 0.0) and lexical >= self.gate and not other_figure

    def finish(self, lexical: float, other_figure: bool, net_logit: float | None) -> Decision:
        """The decision from the first stage's probability and, if it was asked, the network's logit."""
        if net_logit is None:
            return Decision(lexical, lexical >= self.lexical_threshold and not other_figure, other_figure, lexical)
        z = self.net_intercept + self.net_coef[0] * _logit(lexical) + self.net_coef[1] * net_logit
        p = 1.0 / (1.0 + math.exp(-z))
        return Decision(p, p >= self.threshold and not other_figure, other_figure, lexical)

    def decide(self, a: Passage, b: Passage) -> Decision:
        return self.decide_many(a, [b])[0]

    def decide_many(self, a: Passage, others: Sequence[Passage], asked: int | None = None) -> list[Decision]:
        """Decisions for many passages against one; the network reads at most `asked` of them (all if
        None), those the first stage finds likeliest; the others keep the first stage's decision."""
        from desktop.claims_match import cross_encoder

        lexical = [self.lexical(a, b) for b in others]
        figures = [figure_differs(a, b) for b in others]
        wanted = [i for i in range(len(others)) if self.wants_network(lexical[i], figures[i])]
        wanted = sorted(wanted, key=lambda i: -lexical[i])[:asked]
        net = cross_encoder.load().logits([(a.text, others[i].text) for i in wanted]) if wanted else None
        logits = {} if net is None else dict(zip(wanted, net.tolist(), strict=True))
        return [self.finish(lexical[i], figures[i], logits.get(i)) for i in range(len(others))]


@cache
def load(path: Path = WEIGHTS_PATH) -> PairModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != NAMES:
        raise RuntimeError(f"{path.name} was fitted on other features; run python -m desktop.claims_match.train")
    first = (tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]), float(data["intercept"]))
    if "net_coef" not in data:  # weights of the first stage alone: the network is never asked
        return PairModel(*first, float(data["threshold"]), 1.0, (0.0, 0.0), 0.0, float(data["threshold"]))
    return PairModel(*first, float(data["lexical_threshold"]), float(data["gate"]),
                     (float(data["net_coef"][0]), float(data["net_coef"][1])), float(data["net_intercept"]),
                     float(data["threshold"]))
