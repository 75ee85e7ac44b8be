"""Static word-piece vectors distilled from a sentence encoder (see distill.py): passage vectors in microseconds."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

TABLE_PATH = Path(__file__).with_name("piece_vectors.npy")
TOKENIZER_PATH = Path(__file__).with_name("tokenizer.json")
_FUNCTION_WORDS = ("the a an and or but of at by for from in into on to with as is are was were be been it "
                   "its this that these those he she they his her their we our you i has have had said says "
                   "s not no").split()


class PieceVectors:
    def __init__(self, table: np.ndarray, tokenizer) -> None:
        table = table.astype(np.float32)
        self._table = table
        self._unit = table / np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-6)
        self._tok = tokenizer
        self._skip = {tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]")}
        # Function words and punctuation align with anything; leave them out of the piece alignment.
        self._plain = {i for w in _FUNCTION_WORDS for i in tokenizer.encode(w, add_special_tokens=False).ids}
        self._plain |= {i for tok, i in tokenizer.get_vocab().items() if len(tok) == 1 and not tok.isalnum()}

    def read(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(unit mean vector, unit vectors of the meaningful pieces) of a passage."""
        return self._of_ids(self._tok.encode(text, add_special_tokens=False).ids)

    def read_many(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """read() for many passages. One at a time: the tokenizer's batch call spreads over threads
        that wait on each other on a busy machine, and was slower there than a plain loop."""
        return [self.read(t) for t in texts]

    def _of_ids(self, piece_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        ids = [i for i in piece_ids if i not in self._skip]
        dim = self._table.shape[1]
        if not ids:
            return np.zeros(dim, dtype=np.float32), np.zeros((0, dim), dtype=np.float32)
        v = self._table[ids].mean(0)
        n = float(np.linalg.norm(v))
        meaningful = [i for i in ids if i not in self._plain]
        return (v / n if n else v), self._unit[meaningful]

    def vector(self, text: str) -> np.ndarray:
        """The unit-length mean of the passage's word-piece vectors (zeros for no pieces)."""
        ids = [i for i in self._tok.encode(text, add_special_tokens=False).ids if i not in self._skip]
        if not ids:
            return np.zeros(self._table.shape[1], dtype=np.float32)
        v = self._table[ids].mean(0)
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def vectors(self, texts: list[str]) -> list[np.ndarray]:
        return [self.vector(t) for t in texts]


@cache
def load() -> PieceVectors:
    from tokenizers import Tokenizer

    return PieceVectors(np.load(TABLE_PATH), Tokenizer.from_file(str(TOKENIZER_PATH)))
