"""Recall@k of "Elsewhere in the library" on training data: the development measure for retrieval and ranking.

    python -m desktop.claims_match.recall_dev [--data DIR] [--background DIR ...] [--part held|fit|all]
                                              [--k 5] [--group 20] [--db FILE]

Every sentence of the MRPC pairs (news sentences on the same events, from different articles)
becomes a line of a small article, `group` sentences an article, shuffled with a fixed seed; a
pair whose two sentences land in one article is left out. The articles go through the real
import (no analysis, so only the sentence index is built), optionally beside real articles from
`--background` folders that make the library larger and more like a newsroom's. Each pair's
sentence #1 is then asked for its top k candidates outside its own article, as the claims panel
asks, and the pair counts as found when one of them overlaps sentence #2. Pairs labelled 0 say
related but different things about the same event: they are reported apart. Also counted: the
pairs found at the top, and those retrieved at all (among the pool the ranking orders), which
tells a miss of the retrieval from one of the ranking.

By default only the quarter of MRPC that train.py holds out from fitting the pair model is
asked (`--part held`), so that the model's probability in the ranking is not flattered. Tune
retrieval and ranking on this, never on the hand-made gold that tests/claims_match measures.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.claims_match.train import SEED, _default_data, held_out_split, read_rows

GROUP = 20


@dataclass(frozen=True)
class Pair:
    label: int
    first: str
    second: str
    first_file: str
    second_file: str


def write_articles(rows: list[list[str]], folder: Path, group: int = GROUP) -> list[Pair | None]:
    """The pairs' sentences as article files in `folder`, one sentence a line; per row, its Pair
    (None when both sentences fell into one article, where "another article" cannot find it)."""
    text = {}
    for r in rows:
        text[r[1]], text[r[2]] = r[3], r[4]
    ids = sorted(text)
    random.Random(SEED).shuffle(ids)
    file_of = {}
    for k in range(0, len(ids), group):
        name = f"sentences_{k // group:05d}"
        chunk = ids[k:k + group]
        # A heading line first: the importer takes an article's first line as its title.
        body = "\n".join([f"Sentences {k // group}", "", *(text[i] for i in chunk)])
        (folder / f"{name}.txt").write_text(body + "\n", encoding="utf-8")
        file_of.update(dict.fromkeys(chunk, name))
    return [Pair(int(r[0]), r[3], r[4], file_of[r[1]], file_of[r[2]]) if file_of[r[1]] != file_of[r[2]] else None
            for r in rows]


@dataclass
class Tally:
    found: int = 0
    asked: int = 0
    first: int = 0  # found at the top: more sensitive than recall@k where that is near its ceiling
    retrieved: int = 0  # among all the sentences the retrieval hands to the ranking: its share of the misses

    @property
    def recall(self) -> float:
        return self.found / self.asked if self.asked else 0.0


def measure(library_path: Path, rows: list[list[str]], wanted: list[int], background: list[Path],
            k: int = 5, group: int = GROUP) -> dict[int, Tally]:
    """Recall@k per label over the rows numbered in `wanted`, in a new library at library_path."""
    from desktop.services import Library
    from desktop.services.similar import POOL

    tallies = {0: Tally(), 1: Tally()}
    with tempfile.TemporaryDirectory() as tmp:
        pairs = write_articles(rows, Path(tmp), group)
        with Library.open(library_path) as lib:
            report = lib.importer.import_paths([Path(tmp), *background], analyse=False)
            article = {Path(p).stem: aid for p, aid in report.added}
            bodies: dict[str, str] = {}
            for i in wanted:
                pair = pairs[i]
                if pair is None or pair.first_file not in article or pair.second_file not in article:
                    continue
                if pair.second_file not in bodies:
                    bodies[pair.second_file] = lib.articles.get(article[pair.second_file]).body
                start = bodies[pair.second_file].find(pair.second)
                if start < 0:  # the import cleaned the line (its quotes or spaces): not a fair question
                    continue
                end, target = start + len(pair.second), article[pair.second_file]
                # The whole ranked pool (find() scores all it retrieves), so one search tells both.
                pool = lib.similar.find(pair.first, limit=max(k, POOL), exclude_article_id=article[pair.first_file])
                hits = [c.article_id == target and c.start < end and start < c.end for c in pool]
                tally = tallies[pair.label]
                tally.asked += 1
                tally.found += any(hits[:k])
                tally.first += bool(hits) and hits[0]
                tally.retrieved += any(hits)
    return tallies


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.recall_dev")
    ap.add_argument("--data", type=Path, default=_default_data(), help="the MRPC folder or file")
    ap.add_argument("--background", type=Path, nargs="*", default=[], help="folders of articles to add")
    ap.add_argument("--part", choices=("held", "fit", "all"), default="held")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--group", type=int, default=GROUP, help="sentences an article")
    ap.add_argument("--db", type=Path, help="keep the library here (default: a temporary file)")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no MRPC data at {args.data}", file=sys.stderr)
        return 1
    rows = read_rows(args.data)
    fit, held = held_out_split([int(r[0]) for r in rows])
    wanted = sorted({"held": held, "fit": fit, "all": fit + held}[args.part])
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "recall-dev.sqlite"
        if path.exists():
            print(f"{path} exists; give a new file", file=sys.stderr)
            return 1
        tallies = measure(path, rows, wanted, args.background, args.k, args.group)
    both = Tally(*(getattr(tallies[0], f) + getattr(tallies[1], f) for f in ("found", "asked", "first", "retrieved")))
    print(f"recall@{args.k} on the {args.part} part: {both.recall:.3f} ({both.found} of {both.asked}); "
          f"same thing (label 1) {tallies[1].recall:.3f} ({tallies[1].found} of {tallies[1].asked}), "
          f"related (label 0) {tallies[0].recall:.3f} ({tallies[0].found} of {tallies[0].asked}); "
          f"at the top {both.first}, retrieved at all {both.retrieved} of {both.asked}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
