"""The fine-tuned cross-encoder (cross_train.py): reads two passages together and scores "same claim".

The app runs the shipped network (cross_encoder.onnx, a six-layer MiniLM whose matrices are
int8, read from the mean of its pieces) with onnxruntime on one thread: no torch, and about a
tenth of the CPU time of the same network in numpy. `CrossEncoder` is the older [CLS] network's
forward pass in numpy over the npz format (int8 rows with a float scale each, float16 for the
rest), kept so that train.py --network can still weigh a network in that format.
"""
from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

WEIGHTS_PATH = Path(__file__).with_name("cross_encoder.npz")
ONNX_PATH = Path(__file__).with_name("cross_encoder.onnx")
TOKENIZER_PATH = Path(__file__).with_name("tokenizer.json")
MAX_PIECES = 128  # a pair longer than this is cut (MRPC pairs are about 50 pieces)
_QUANTISE_FROM = 4096  # matrices with at least this many numbers are stored as int8
_GELU = math.sqrt(2 / math.pi)


def save_weights(state: dict[str, np.ndarray], layers: int, heads: int, eps: float, out: Path) -> None:
    """Write a BertForSequenceClassification state: int8 rows and scales for the big matrices."""
    arrays: dict[str, np.ndarray] = {"config": np.array([layers, heads, eps], dtype=np.float64)}
    for name, w in state.items():
        name = name.removeprefix("bert.")
        if w.ndim == 2 and w.size >= _QUANTISE_FROM:
            scale = np.abs(w).max(1, keepdims=True) / 127.0
            scale[scale == 0] = 1.0
            arrays[name + ":q"] = np.round(w / scale).astype(np.int8)
            arrays[name + ":s"] = scale.astype(np.float32)
        else:
            arrays[name] = w.astype(np.float16)
    np.savez_compressed(out, allow_pickle=False, **arrays)


def _tokenizer() -> Tokenizer:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(TOKENIZER_PATH))
    tok.enable_truncation(MAX_PIECES)
    tok.no_padding()  # the file pads every input to 128 pieces; a batch is padded to its longest, masked
    return tok


def _encode(tok: Tokenizer, pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word-piece ids, segment ids and the attention mask of the pairs, padded to the longest."""
    enc = [tok.encode(a, b) for a, b in pairs]
    t = max(len(e.ids) for e in enc)
    ids = np.zeros((len(enc), t), dtype=np.int64)
    types = np.zeros((len(enc), t), dtype=np.int64)
    mask = np.zeros((len(enc), t), dtype=np.int64)
    for i, e in enumerate(enc):
        ids[i, :len(e.ids)], types[i, :len(e.ids)], mask[i, :len(e.ids)] = e.ids, e.type_ids, 1
    return ids, types, mask


class OnnxCrossEncoder:
    """The network as an ONNX file (cross_train.export_onnx), run by onnxruntime on one thread: the
    search that asks it runs beside the window on a two-core machine."""

    def __init__(self, path: Path = ONNX_PATH) -> None:
        import onnxruntime

        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self._tok = _tokenizer()

    def logits(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """log(p / (1 - p)) of "same" for each pair. One pair a run: the int8 network scales its
        activations by the largest in the batch, so a pair's score would depend on the others asked
        with it (and a batch pads every pair to the longest, which costs more than it saves here)."""
        out = np.zeros(len(pairs), dtype=np.float32)
        for i, pair in enumerate(pairs):
            ids, types, mask = _encode(self._tok, [pair])
            z = self._session.run(["logits"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            out[i] = z[0, 1] - z[0, 0]
        return out


def open_network(path: Path) -> CrossEncoder | OnnxCrossEncoder:
    """The network in either format, by the file's suffix (.onnx, or the numpy .npz)."""
    return OnnxCrossEncoder(path) if path.suffix == ".onnx" else CrossEncoder(path)


class CrossEncoder:
    def __init__(self, path: Path = WEIGHTS_PATH) -> None:
        raw = np.load(path)
        w: dict[str, np.ndarray] = {}
        for key in raw.files:
            if key.endswith(":q"):
                w[key[:-2]] = raw[key].astype(np.float32) * raw[key[:-2] + ":s"]
            elif not key.endswith(":s") and key != "config":
                w[key] = raw[key].astype(np.float32)
        layers, heads, eps = raw["config"]
        self.layers, self.heads, self.eps = int(layers), int(heads), float(eps)
        # Linear layers keep their matrices transposed once, for x @ W.
        self.w = {k: (v.T.copy() if k.endswith(".weight") and v.ndim == 2 and "embeddings" not in k else v)
                  for k, v in w.items()}
        self._tok = _tokenizer()

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[name + ".weight"] + self.w[name + ".bias"]

    def logits(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """log(p / (1 - p)) of "same" for each pair, in one padded batch."""
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        ids, types, mask = _encode(self._tok, pairs)
        return self._forward(ids, types, mask.astype(np.float32))

    def _forward(self, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        b, t = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t]
             + w["embeddings.token_type_embeddings.weight"][types])
        x = self._norm(x, "embeddings.LayerNorm")
        h = self.heads
        d = x.shape[-1] // h
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            # Contiguous heads: numpy's stacked matmul on transposed views skips BLAS and was 40x slower.
            q = np.ascontiguousarray(self._linear(x, p + "attention.self.query").reshape(b, t, h, d).transpose(0, 2, 1, 3))
            k = np.ascontiguousarray(self._linear(x, p + "attention.self.key").reshape(b, t, h, d).transpose(0, 2, 3, 1))
            v = np.ascontiguousarray(self._linear(x, p + "attention.self.value").reshape(b, t, h, d).transpose(0, 2, 1, 3))
            a = q @ k * (1.0 / math.sqrt(d)) + blocked
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(b, t, h * d)
            x = self._norm(x + self._linear(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self._linear(x, p + "intermediate.dense")
            # GELU, in the tanh form (within 1e-3 of the exact one the network was trained with).
            inner = 0.5 * inner * (1.0 + np.tanh(_GELU * (inner + 0.044715 * inner ** 3)))
            x = self._norm(x + self._linear(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = np.tanh(self._linear(x[:, 0], "pooler.dense"))
        out = self._linear(pooled, "classifier")
        return (out[:, 1] - out[:, 0]).astype(np.float32)


@cache
def load() -> OnnxCrossEncoder:
    """The shipped network (asked only when weights.json has a second stage, as the shipped one has)."""
    return OnnxCrossEncoder(ONNX_PATH)
