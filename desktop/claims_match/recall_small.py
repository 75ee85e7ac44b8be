"""Recall@k of "Elsewhere in the library" in a small library: the PolNeAR-train restatements, each
pair asked in a library of only its two articles and a few others on the same subject.

    python -m desktop.claims_match.recall_small [--data DIR] [--part fit|held|all] [--k 5]
                                                [--others N] [--cache DIR] [--show N]

recall_polnear.py asks every pair in one library of 840 articles. A newsroom often starts with a
handful: a desk's folder of four articles on one story. Retrieval there is another regime: with a
few hundred sentences no word is common, so the rarest-word query and the second arm (which asks for
the words the first left out as common) behave differently, and every other sentence is on the
same subject. Here each pair (recall_polnear.restatements: one named speaker, two articles at most
DAYS apart, loosely the same statement) gets its own library: its two articles and OTHERS more,
published within DAYS of the first and naming the same speaker (a fixed seed picks among them;
fewer where fewer exist). All go through the real import (no analysis); both directions are asked,
and the pair counts as found when a top-k candidate overlaps the other Content. Never run this on
polnear-dev.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import zlib
from pathlib import Path

from desktop.claims_match import recall_polnear as rp

OTHERS = 2  # with the pair's two, four articles: the size of a desk's folder on one story


def same_subject_others(pair: tuple[rp.Attribution, rp.Attribution], texts: dict[str, str],
                        dates: dict[str, rp.dt.date], n: int = OTHERS) -> list[str]:
    """The n other articles published within DAYS of the pair's first, naming its speaker, that share
    the most of the pair's articles' words (Jaccard of their meaningful stems): a folder on one story,
    where nearly every sentence is on the pair's subject."""
    x, y = pair
    word = re.compile(rf"\b{re.escape(x.speaker)}\b", re.IGNORECASE)
    when = dates[x.article]
    theirs = rp.content_stems(texts[x.article]) | rp.content_stems(texts[y.article])
    near = []
    for stem, body in texts.items():
        if stem in (x.article, y.article) or stem not in dates or abs((dates[stem] - when).days) > rp.DAYS:
            continue
        if word.search(body):
            mine = rp.content_stems(body)
            near.append((-len(mine & theirs) / len(mine | theirs), stem))
    return sorted(stem for _o, stem in sorted(near)[:n])


def measure(folder: Path, pairs: list[tuple[rp.Attribution, rp.Attribution]], k: int = 5,
            others: int = OTHERS, cache: Path | None = None) -> rp.Result:
    """Each pair asked both ways in its own library (kept under cache, named by its articles and
    contents, and used again when present)."""
    from desktop.services import Library
    from desktop.services.similar import POOL

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "text").glob("*.txt"))}
    dates = rp.read_dates(folder)
    result = rp.Result(missed=[])
    with tempfile.TemporaryDirectory() as tmp:
        where = cache or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for x, y in pairs:
            stems = sorted({x.article, y.article, *same_subject_others((x, y), texts, dates, others)})
            key = zlib.crc32("|".join([*stems, x.content, y.content]).encode())
            path = where / f"pair-{key:08x}.sqlite"
            reuse = path.exists()
            with Library.open(path) as lib:
                article = rp.articles_by_file(lib, reuse, [folder / "text" / f"{s}.txt" for s in stems])
                bodies = {stem: lib.articles.get(aid).body for stem, aid in article.items()}
                rp.ask_both_ways(lib, article, bodies.__getitem__, (x, y), k, POOL, result)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.recall_small")
    ap.add_argument("--data", type=Path, default=rp._default_data(), help="the polnear-train folder")
    ap.add_argument("--part", choices=("fit", "held", "all"), default="all")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--others", type=int, default=OTHERS, help="articles beside the pair's two in each library")
    ap.add_argument("--cache", type=Path, help="keep each pair's library here and use it again on later runs")
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    args = ap.parse_args(argv)
    pairs = rp.chosen_pairs(args.data, args.part)
    if isinstance(pairs, str):
        print(pairs, file=sys.stderr)
        return 1
    result = measure(args.data, pairs, args.k, args.others, args.cache)
    print(f"recall@{args.k} in small libraries (pair + {args.others}) on the {args.part} part: "
          f"{result.recall:.3f} ({result.found} of {result.asked}); retrieved at all {result.retrieved} "
          f"of {result.asked} ({len(pairs)} pairs)")
    rp.print_misses(result.missed or [], args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
