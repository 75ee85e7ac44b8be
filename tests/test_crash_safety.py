"""A person's work survives the process being killed at any moment."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services import Library
from tests.helpers import add_article

ROOT = Path(__file__).resolve().parents[1]

# Tags passages as fast as it can through the same edit commands the GUI uses, and
# prints each claim id only after the edit has returned, i.e. after it was committed.
TAGGER = """
import sys
from desktop.edits import CreateClaim, EditHistory, UpdateClaim
from desktop.services import Library
lib = Library.open(sys.argv[1])
history = EditHistory(lib)
body_len = len(lib.articles.get(1).body)
i = 0
while True:
    start = i % (body_len - 10)
    edit = CreateClaim(1, start, start + 5, tag_ids=(1,), note=f"note {i}")
    history.push(edit)
    history.push(UpdateClaim(edit.claim_id, {"verdict": "disputed"}))
    print(edit.claim_id, flush=True)
    i += 1
"""


@pytest.mark.parametrize("seed", [0, *(pytest.param(s, marks=pytest.mark.slow) for s in range(1, 8))])
def test_claims_survive_sigkill(tmp_path, seed):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        add_article(lib, "The reservoir held 40% less water than last spring, officials said. " * 20)
    proc = subprocess.Popen([sys.executable, "-c", TAGGER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    # Killed at a random moment once tagging is under way: on a busy machine the start-up alone
    # can outlast a fixed delay, and a kill before the first claim tests nothing.
    first = proc.stdout.readline()
    time.sleep(random.Random(seed).uniform(0.2, 2.5))
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    reported = [int(line) for line in (first + out).split()]
    assert reported, "the tagger made no claim before it was killed"

    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    with Library.open(path) as lib:
        stored = {c.id: c for c in lib.claims.all()}
        body = lib.articles.get(1).body
    missing = set(reported) - set(stored)
    assert not missing, f"{len(missing)} committed claims lost"
    for claim_id in reported:
        claim = stored[claim_id]
        assert body[claim.start:claim.end] == claim.text
        assert claim.tag_ids == (1,)
