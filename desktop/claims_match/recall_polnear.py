"""Recall@k of "Elsewhere in the library" on loose cross-article restatements from PolNeAR-train.

    python -m desktop.claims_match.recall_polnear [--data DIR] [--part fit|held|all] [--k 5]
                                                  [--db FILE] [--show N] [--vector-arm N]

MRPC (recall_dev.py) pairs tight paraphrases with random neighbours, and the ranking is near its
ceiling there. A newsroom's restatements are looser: another outlet reports what the same person
said about the same event, in other words, beside many sentences on the same topic. PolNeAR's
attribution annotations (brat: Source, Cue and Content spans joined by an `E` line) give those:

- an attribution's speaker is the last capitalised word of its Source span that is not a title
  ("Sen. Jane Doe" -> doe); pronoun sources ("he", "the official") have none and are left out;
- two attributions of one speaker in different articles published at most DAYS apart are a
  restatement when their Contents share at least MIN_SHARED meaningful stems and their overlap
  (Jaccard of the stems) lies in [LOW, HIGH]: enough to be the same statement, not so much that
  one quotes the other word for word;
- at most PER_ARTICLE_PAIR pairs per two articles and PER_SPEAKER per speaker (a fixed seed
  picks), so one campaign's speeches do not make the set.

All 840 training articles go through the real import (no analysis). The query is the sentence
(or two) holding one Content, asked as the claims panel asks (its own article excluded); the pair
counts as found when a top-k candidate overlaps the other Content. Both directions are asked.
The speakers are split by a hash into a fit part (three quarters) and a held part, so a ranking
tuned on one can be checked on the other. Never run this on polnear-dev.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.claims_match.vector_arm import VectorArm
    from desktop.services import Library

DAYS = 14
MIN_SHARED = 3
LOW, HIGH = 0.2, 0.7
PER_ARTICLE_PAIR = 2
PER_SPEAKER = 25
MAX_QUERY_SENTENCES = 2
SEED = 12
_NAME = re.compile(r"[A-Z][a-z]+(?:['’]s)?")
# Capitalised words that open a Source span without naming anyone.
_NOT_NAMES = frozenset("""The A An He She They It We I You His Her Their Its Our This That These Those
    Mr Mrs Ms Dr President Sen Senator Gov Governor Rep Secretary Former Vice Speaker Chairman Director
    Officials Official Aides Spokesman Spokeswoman Sources Source Both Many Some Others Critics
    Democrats Republicans Democratic Republican Americans Everyone Nobody""".split())
_WORD = re.compile(r"[a-z]+|\d[\d,.]*")


@dataclass(frozen=True)
class Attribution:
    article: str  # the text file's stem
    speaker: str
    content: str
    stems: frozenset[str]


def _default_data() -> Path:
    here = Path(__file__).resolve()
    for base in here.parents[2:5]:
        if (base / "shared" / "eval" / "polnear-train").exists():
            return base / "shared" / "eval" / "polnear-train"
    return Path("../shared/eval/polnear-train")


def speaker_key(source: str) -> str | None:
    """The speaker an attribution names, as one lower-case word (a surname, mostly), or None."""
    names = [re.sub(r"['’]s$", "", w) for w in _NAME.findall(source)]
    names = [w for w in names if w not in _NOT_NAMES]
    return names[-1].lower() if names else None


def content_stems(text: str) -> frozenset[str]:
    from desktop.claims_match.features import STOPWORDS, _stem

    return frozenset(_stem(w) for w in _WORD.findall(text.lower())
                     if w not in STOPWORDS and (len(w) > 2 or w[0].isdigit()))


def read_attributions(folder: Path) -> list[Attribution]:
    """Every attribution with a named speaker and some content, from the brat files in folder/attributions."""
    out = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        spans: dict[str, str] = {}
        events = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if parts[0].startswith("T") and len(parts) >= 3:
                spans[parts[0]] = parts[2]
            elif parts[0].startswith("E") and len(parts) >= 2:
                events.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
        for ev in events:
            source, content = spans.get(ev.get("Source", "")), spans.get(ev.get("Content", ""))
            speaker = speaker_key(source) if source else None
            if speaker and content:
                out.append(Attribution(ann.stem, speaker, content, content_stems(content)))
    return out


def read_dates(folder: Path) -> dict[str, dt.date]:
    with (folder / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        return {r["filename"]: dt.date.fromisoformat(r["publication_date"])
                for r in csv.DictReader(f, delimiter="\t") if r.get("publication_date")}


def restatements(atts: Iterable[Attribution], dates: dict[str, dt.date]) -> list[tuple[Attribution, Attribution]]:
    """The pairs of the rule in the module's docstring, in a fixed order."""
    by_speaker: dict[str, list[Attribution]] = defaultdict(list)
    for a in atts:
        if len(a.stems) >= MIN_SHARED and a.article in dates:
            by_speaker[a.speaker].append(a)
    rng = random.Random(SEED)
    out = []
    for speaker in sorted(by_speaker):
        scored = []
        for x, y in combinations(by_speaker[speaker], 2):
            if x.article == y.article or abs((dates[x.article] - dates[y.article]).days) > DAYS:
                continue
            shared = len(x.stems & y.stems)
            if shared >= MIN_SHARED and LOW <= shared / len(x.stems | y.stems) <= HIGH:
                scored.append((x, y) if x.article < y.article else (y, x))
        per_articles: dict[tuple[str, str], int] = defaultdict(int)
        kept = []
        for x, y in scored:
            if per_articles[x.article, y.article] < PER_ARTICLE_PAIR:
                per_articles[x.article, y.article] += 1
                kept.append((x, y))
        rng.shuffle(kept)
        out.extend(kept[:PER_SPEAKER])
    return out


def part_of(speaker: str) -> str:
    return "held" if zlib.crc32(speaker.encode()) % 4 == 0 else "fit"


def query_span(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence(s) of body holding [start, end): what a person would tag as the claim."""
    from desktop.claims_match import sentences

    over = [(s, e) for s, e in sentences.spans(body) if s < end and start < e]
    if not over or len(over) > MAX_QUERY_SENTENCES:
        return None
    return over[0][0], over[-1][1]


@dataclass
class Result:
    asked: int = 0
    found: int = 0
    retrieved: int = 0  # among the whole ranked pool: the rest are retrieval misses
    missed: list[tuple[str, str, int | None]] | None = None  # (query, target, its rank or None)

    @property
    def recall(self) -> float:
        return self.found / self.asked if self.asked else 0.0


def _locate(body: str, content: str) -> tuple[int, int] | None:
    at = body.find(content)
    if at < 0:  # the import normalised quotes or spaces: place it by its opening words
        at = body.find(content[:40])
    return None if at < 0 else (at, at + len(content))


def articles_by_file(lib: Library, reuse: bool, paths: list[Path]) -> dict[str, int]:
    """The library's articles by their files' names: imported from `paths`, or, in a library an
    earlier run made (`reuse`), read back as they are."""
    if reuse:
        details = lib.articles.get_many(lib.articles.ids())
        return {Path(d.source_path).stem: d.id for d in details if d.source_path}
    report = lib.importer.import_paths(paths, analyse=False)
    return {Path(p).stem: aid for p, aid in report.added}


def measure(library_path: Path, folder: Path, pairs: list[tuple[Attribution, Attribution]], k: int = 5,
            vector_arm: int = 0) -> Result:
    from desktop.services import Library
    from desktop.services.similar import POOL

    result = Result(missed=[])
    reuse = library_path.exists()
    with Library.open(library_path) as lib:
        article = articles_by_file(lib, reuse, [folder / "text"])
        if vector_arm:
            lib.similar.nearby = encoded_library(lib, vector_arm)
        bodies: dict[str, str] = {}

        def body(stem: str) -> str:
            if stem not in bodies:
                bodies[stem] = lib.articles.get(article[stem]).body
            return bodies[stem]

        for x, y in pairs:
            ask_both_ways(lib, article, body, (x, y), k, POOL, result)
    return result


def ask_both_ways(lib: Library, article: dict[str, int], body: Callable[[str], str],
                  pair: tuple[Attribution, Attribution], k: int, pool_size: int, result: Result) -> None:
    """Ask for each side's restatement with the other's sentences, and count where it ranks."""
    for a, b in (pair, pair[::-1]):
        if a.article not in article or b.article not in article:
            continue
        where_a, where_b = _locate(body(a.article), a.content), _locate(body(b.article), b.content)
        span = where_a and query_span(body(a.article), *where_a)
        if not span or not where_b:
            continue
        query = body(a.article)[span[0]:span[1]]
        pool = lib.similar.find(query, limit=pool_size, exclude_article_id=article[a.article])
        hits = [c.article_id == article[b.article] and c.start < where_b[1] and where_b[0] < c.end for c in pool]
        rank = hits.index(True) + 1 if any(hits) else None
        result.asked += 1
        result.found += rank is not None and rank <= k
        result.retrieved += rank is not None
        if rank is None or rank > k:
            result.missed.append((query, b.content, rank))  # type: ignore[union-attr]


def encoded_library(lib: Library, limit: int) -> VectorArm | None:
    """The third retrieval arm over every sentence of lib (about 3.5 ms a sentence), or None without the encoder."""
    from sqlalchemy import text

    from desktop.claims_match import sentence_encoder
    from desktop.claims_match.vector_arm import VectorArm

    encoder = sentence_encoder.load()
    if encoder is None:
        return None
    with lib.store.read() as s:
        rows = s.execute(text('SELECT s.article_id, s.start, s."end", a.body FROM sentences s '
                              "JOIN articles a ON a.id = s.article_id ORDER BY s.id")).all()
    return VectorArm.encode(((a, st, en, body[st:en]) for a, st, en, body in rows), limit, encoder)


def chosen_pairs(data: Path, part: str) -> list[tuple[Attribution, Attribution]] | str:
    """The restatement pairs of one part ("fit", "held" or "all"), or why they cannot be built."""
    if not (data / "attributions").is_dir() or not (data / "text").is_dir():
        return f"no PolNeAR folder (attributions/, text/) at {data}"
    if data.name.endswith("-dev"):
        return "polnear-dev is held out: build the development set from polnear-train"
    return [p for p in restatements(read_attributions(data), read_dates(data))
            if part == "all" or part_of(p[0].speaker) == part]


def print_misses(missed: list[tuple[str, str, int | None]], show: int) -> None:
    """The first `show` misses, each question with the restatement it should have found."""
    for query, target, rank in missed[:show]:
        print(f"- rank {rank}: {query[:160]!r}\n    -> {target[:160]!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m desktop.claims_match.recall_polnear")
    ap.add_argument("--data", type=Path, default=_default_data(), help="the polnear-train folder")
    ap.add_argument("--part", choices=("fit", "held", "all"), default="all")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--db", type=Path, help="keep the library here (default: a temporary file); "
                    "one made by an earlier run is used again without importing")
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    ap.add_argument("--vector-arm", type=int, default=0, metavar="N",
                    help="encode every sentence first and add the N nearest by the sentence encoder to each pool")
    args = ap.parse_args(argv)
    pairs = chosen_pairs(args.data, args.part)
    if isinstance(pairs, str):
        print(pairs, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "recall-polnear.sqlite"
        result = measure(path, args.data, pairs, args.k, args.vector_arm)
    print(f"recall@{args.k} on the {args.part} part: {result.recall:.3f} ({result.found} of {result.asked}); "
          f"retrieved at all {result.retrieved} of {result.asked} ({len(pairs)} pairs)")
    print_misses(result.missed or [], args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
