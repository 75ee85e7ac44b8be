"""The cost of asking the cross-encoder: the NETWORK_ASKS pairs a search may send it, in one batch.

The app's call (tokenise, pad, run, take the logit) against onnxruntime alone running the same
network on the same pieces, best of several rounds, in CPU time (what a shared machine disturbs
least). The search's budget (p95 200 ms at 100,000 articles, about 60 ms without the network)
leaves about 15 ms a pair.
Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_cross_encoder_speed.py
"""
from __future__ import annotations

from desktop.claims_match import cross_encoder
from desktop.services.similar import NETWORK_ASKS
from tests.benchmarks.timing import timed

CLAIM = ("The harbour authority in Port Kessa said on Monday that grain exports fell by nearly a fifth in "
         "March, the steepest monthly drop since the floods two years ago.")
CANDIDATES = [
    "Grain shipments out of Port Kessa dropped by almost 20 percent in March, according to the harbour authority.",
    "Officials at the Port Kessa harbour authority reported on Monday a sharp fall in grain exports last month.",
    "The Veltran football team won the cup final on Sunday after extra time in front of a sold-out stadium.",
    "Exports of grain through the northern ports rose in March as the new rail link to Port Kessa opened.",
    "The harbour authority said the drop in March was the largest since the floods hit the river valley.",
    "Traders in Port Kessa warned that grain prices would climb if exports kept falling through the spring.",
][:NETWORK_ASKS]
ROUNDS = 15


def test_asking_the_network_about_a_search_s_candidates():
    net = cross_encoder.load()
    pairs = [(CLAIM, c) for c in CANDIDATES]
    ids, types, mask = cross_encoder._encode(net._tok, pairs)
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    session = net._session
    net.logits(pairs), session.run(["logits"], feed)  # warm
    app, raw = [], []
    for _ in range(ROUNDS):
        app.append(timed(lambda: net.logits(pairs))[1])
        raw.append(timed(lambda: session.run(["logits"], feed))[1])
    per_pair = 1000 * min(app) / len(pairs)
    print(f"\n{len(pairs)} pairs of {ids.shape[1]} pieces: app {1000 * min(app):.1f} ms CPU "
          f"({per_pair:.1f} ms a pair), onnxruntime alone {1000 * min(raw):.1f} ms, ratio {min(app) / min(raw):.2f}")
    # One pair a run (cross_encoder.py says why) against one padded batch: the app pays a little for
    # a score that does not depend on the other pairs asked.
    assert min(app) / min(raw) <= 1.5
    assert per_pair <= 15.0
