"""A third retrieval arm, measured and not yet switched on in the app: the sentences nearest a passage
by the sentence encoder's cosine, over every sentence of a library encoded beforehand.

The word arms (desktop/services/similar.py) miss a restatement that shares none of the passage's rare
words and too few of its common ones; in the 840-article PolNeAR-train library that is most of the
misses. Encoding every sentence costs about 3.5 ms a sentence on one thread (28,708 sentences in
100 s), so a library must be encoded once, ahead of its searches: `python -m
desktop.claims_match.recall_polnear --vector-arm N` does it for its own library. For the app this
needs a background job and a persisted table (about 3 h of encoding and 1.2 GB of int8 vectors at
3 million sentences, and an approximate nearest-neighbour index to stay within a search's time).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from desktop.claims_match import sentence_encoder


@dataclass(frozen=True)
class VectorArm:
    articles: np.ndarray  # one row a sentence: its article id, start and end
    starts: np.ndarray
    ends: np.ndarray
    vectors: np.ndarray  # unit vectors, float32, one row a sentence
    limit: int  # sentences an ask returns

    @classmethod
    def encode(cls, rows: Iterable[tuple[int, int, int, str]], limit: int,
               encoder: sentence_encoder.SentenceEncoder) -> VectorArm:
        """Every sentence given as (article id, start, end, text), each read alone (see SentenceEncoder.vectors)."""
        rows = list(rows)
        vectors = encoder.encode([t for *_x, t in rows]) if rows else np.zeros((0, 384), dtype=np.float32)
        return cls(np.array([r[0] for r in rows], dtype=np.int64), np.array([r[1] for r in rows], dtype=np.int64),
                   np.array([r[2] for r in rows], dtype=np.int64), vectors, limit)

    def __call__(self, passage_vector: np.ndarray, exclude_article_id: int | None) -> list[tuple[int, int, int]]:
        """(article id, start, end) of the `limit` sentences nearest the passage, best first, outside
        the excluded article."""
        if not len(self.vectors) or self.limit < 1:
            return []
        cos = self.vectors @ passage_vector
        if exclude_article_id is not None:
            cos = np.where(self.articles == exclude_article_id, -np.inf, cos)
        n = min(self.limit, int(np.isfinite(cos).sum()))
        if n < 1:
            return []
        top = np.argpartition(-cos, n - 1)[:n]
        top = top[np.argsort(-cos[top], kind="stable")]
        return [(int(self.articles[i]), int(self.starts[i]), int(self.ends[i])) for i in top]
