"""`claimdesk similar PASSAGE...|-`: where else the library says this, as the app decides it."""
from __future__ import annotations

import argparse
import json
import sys

from desktop.services import Library, UserError

DEFAULT_LIMIT = 5


def add_parser(sub, db_option) -> None:
    sim = sub.add_parser("similar", help="passages elsewhere in the library that state the same claim")
    sim.add_argument("passages", nargs="+", metavar="PASSAGE", help="the passage(s); - reads one a line from stdin")
    sim.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="K", help="matches per passage")
    sim.add_argument("--json", action="store_true", help="print JSON, one object per passage in input order")
    db_option(sim)


def passages_from(args: argparse.Namespace) -> list[str]:
    out: list[str] = []
    for p in args.passages:
        if p == "-":
            out += [line.strip() for line in sys.stdin if line.strip()]
        else:
            out.append(p)
    if not out:
        raise UserError("no passage given")
    return out


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    passages = passages_from(args)
    # cli.py has already refused a library file that does not exist (a command that only reads).
    with Library.open(args.db) as lib:
        results = [(p, lib.similar.find(p, limit=args.limit)) for p in passages]
    if args.json:
        print(json.dumps([{"passage": p, "matches": [
            {"article": c.article_id, "title": c.title, "start": c.start, "end": c.end, "text": c.text,
             "score": c.score, "same": c.same} for c in found]} for p, found in results],
            ensure_ascii=False, indent=1))
        return 0
    for p, found in results:
        print(p)
        for c in found:
            mark = "same" if c.same else ("figure?" if c.figure_differs else "")
            print(f"  {c.score:.2f} {mark:7} article {c.article_id:<6} [{c.start}:{c.end}] {c.text[:100]}")
        if not found:
            print("  (nothing similar)")
    return 0
