"""REFI-QDA import and revision carrying, each against the raw libraries doing the same work in the same run.

1. A project of 10 sources, 300 codes and 500 codings into an empty library: ours (read, match,
   store in one transaction, GUIDs kept) against lxml parsing the same project.qde plus sqlite3
   inserting the same articles, tags and claims. The issue asks for under 5 s.
2. Carrying 300 claims across a revision of a 6,000-word article: our word alignment against
   difflib.SequenceMatcher diffing the same word lists once (no span mapping at all).
Run: bash scripts/test.sh -m benchmark -s tests/benchmarks/test_exchange_speed.py
"""
from __future__ import annotations

import difflib
import random
import sqlite3
import time
import zipfile

from lxml import etree

from desktop.exchange.refi_import import import_project
from desktop.services import Library
from desktop.services.align import Alignment
from tests.exchange.conftest import big_project


def _raw_import(path, db) -> int:
    """The floor: parse the XML, read the texts, insert the rows, one commit."""
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, parent INTEGER)")
    con.execute("CREATE TABLE a (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, a INTEGER, s INTEGER, e INTEGER, txt TEXT)")
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        ns = {"q": "urn:QDA-XML:project:1.0"}
        for code in root.iterfind(".//q:Code", ns):
            con.execute("INSERT INTO t (name) VALUES (?)", (code.get("name"),))
        n = 0
        for src in root.iterfind(".//q:TextSource", ns):
            body = zf.read("sources/" + src.get("plainTextPath")[len("internal://"):]).decode("utf-8")
            aid = con.execute("INSERT INTO a (body) VALUES (?)", (body,)).lastrowid
            rows = [(aid, int(s.get("startPosition")), int(s.get("endPosition"))) for s in
                    src.iterfind("q:PlainTextSelection", ns)]
            con.executemany("INSERT INTO c (a, s, e, txt) VALUES (?, ?, ?, ?)",
                            [(a, s, e, body[s:e]) for a, s, e in rows])
            n += len(rows)
    con.commit()
    con.close()
    return n


def test_refi_import_speed(tmp_path):
    path = big_project(tmp_path / "big.qdpx")
    ours, raw = [], []
    for run in range(3):  # alternated, so neither side gains from going second
        lib = Library.open(tmp_path / f"lib{run}.sqlite", seed_codebook=False)
        began = time.perf_counter()
        result = import_project(lib.store, path)
        ours.append(time.perf_counter() - began)
        lib.close()
        began = time.perf_counter()
        assert _raw_import(path, tmp_path / f"raw{run}.sqlite") == result.claims_added == 500
        raw.append(time.perf_counter() - began)
    best, floor = min(ours), min(raw)
    print(f"\nREFI-QDA import, 10 sources / 300 codes / 500 codings: {best:.2f} s "
          f"(lxml + sqlite3 alone {floor:.3f} s, ratio {best / floor:.1f})")
    assert best < 5.0


def test_revision_carry_speed():
    rng = random.Random(3)
    words = "harbour grain minister ferry quota council budget report island treaty said the of and".split()
    old = " ".join(rng.choice(words) + ("." if i % 17 == 16 else "") for i in range(6000))
    tokens = old.split(" ")
    for i in rng.sample(range(len(tokens)), 60):
        tokens[i] = "changed"
    new = " ".join(tokens[:3000] + ["A new paragraph of ten words sits right here now."] + tokens[3000:])
    spans = []
    for _ in range(300):
        start = rng.randrange(0, len(old) - 200)
        spans.append((start, start + rng.randint(20, 150)))
    best_ours = best_raw = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        alignment = Alignment(old, new)
        carried = [alignment.carry(a, b) for a, b in spans]
        best_ours = min(best_ours, time.perf_counter() - began)
        began = time.perf_counter()
        difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).get_opcodes()
        best_raw = min(best_raw, time.perf_counter() - began)
    assert all(0 <= c.start < c.end <= len(new) for c in carried)
    print(f"\nCarrying 300 claims across a revised 6,000-word article: {best_ours * 1000:.0f} ms "
          f"(difflib diff alone {best_raw * 1000:.0f} ms, ratio {best_ours / best_raw:.2f})")
