"""Cleaning generalises: invented saved pages whose chrome is phrased unlike the sample corpus.

The pages in tests/ingest/pages are written for the project (invented outlets, countries and
people). expected.json holds, for each, the metadata and the exact list of the article's
paragraphs: a chrome line left in or an article line dropped both fail.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.ingest import read_article, read_bytes

PAGES = Path(__file__).parent / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_page(name):
    want, a = EXPECTED[name], read_article(PAGES / name)
    assert a.title == want["title"]
    assert a.author == want["author"]
    assert (a.published.isoformat() if a.published else None) == want["published"]
    if "outlet" in want:
        assert a.outlet == want["outlet"]
    assert a.body.split("\n\n") == want["body"]


def test_every_page_has_an_expectation():
    assert sorted(p.name for p in PAGES.glob("*.txt")) == sorted(EXPECTED)


HEADLINE = "Senate Delays Vote on Water Charter"
P1 = ("The Carendian senate postponed a vote on the national water charter on Tuesday, after three regional "
      "governors asked for more time.")
P2 = "Farm groups say the limits were calculated from rainfall records that end in 2019 and miss six dry summers."
FOOTER = ("Share this article\nRelated posts\nGovernors Seek Drought Fund\n2 March 2026\nLeave a Reply\n"
          "© 2026 Velmora Evening Standard")


def _page(header: str, paragraphs: list[str], sep: str = "\n\n") -> bytes:
    return f"{header}\n\n{sep.join(paragraphs)}\n\n{FOOTER}\n".encode()


@pytest.mark.parametrize("header, author", [
    (f"{HEADLINE}\n\nPosted on 3 March 2026 by Orla Venn", "Orla Venn"),
    (f"{HEADLINE}\nBy Ines Parrow and Tobiah Renk\nMarch 3, 2026 at 10:14 am", "Ines Parrow and Tobiah Renk"),
    (f"{HEADLINE}\nWritten by Orla Venn\nUpdated: 2026-03-03 14:20", "Orla Venn"),
    (f"{HEADLINE}\nOrla Venn | 3 March 2026", "Orla Venn"),
    (f"{HEADLINE}\nBy Orla Venn, Political Correspondent\nTue 3 Mar 2026 10.14 GMT", "Orla Venn"),
    (f"{HEADLINE}\nOrla Venn\n03/03/2026", "Orla Venn"),
    (f"{HEADLINE}\nPublished 3 March 2026 · Updated 4 March 2026\nBy Orla Venn", "Orla Venn"),
    (f"The Velmora Evening Standard\n{HEADLINE}\nby Orla Venn\nMarch 3, 2026", "Orla Venn"),
    (f"{HEADLINE} - The Velmora Evening Standard\n{HEADLINE}\nBy ORLA VENN\nMarch 3, 2026", "Orla Venn"),
    (f"{HEADLINE}\nAuthor: Orla Venn\nDate: March 3, 2026", "Orla Venn"),
    (f"{HEADLINE}\nOrla Venn\nOrla Venn\n3 March 2026, 10:14", "Orla Venn"),  # avatar text, then the name
    (f"Velmora Evening Standard\nNews\n{HEADLINE}\nOrla Venn\nStaff Writer\nMarch 3, 2026", "Orla Venn"),
    (f"{HEADLINE}\nMarch 3, 2026 | By Orla Venn", "Orla Venn"),
])
def test_bylines_and_dates_in_many_forms(header, author):
    a = read_bytes(_page(header, [P1, P2]), ".txt")
    assert (a.title, a.author, a.published) == (HEADLINE, author, dt.date(2026, 3, 3))
    assert a.outlet and "Velmora Evening Standard" in a.outlet and "Orla" not in a.outlet
    assert a.body.split("\n\n") == [P1, P2]


@pytest.mark.parametrize("paragraphs", [
    [P1, P2, "Will the charter survive the summer?"],
    [P1, P2, "More soon."],  # a two-word closing paragraph is still the article's
    [P1, P2, '"We will see," she said.'],
    [P1, "What happens next?", P2],
    [P1, "WHAT HAPPENS NEXT", P2],
    [P1, P2, "The charter would:", "- cap river water for companies", "- give towns first claim"],
    [P1, "Three things to know:", "1. The vote is delayed", "2. Governors object", P2],
    [P1, "Readers sent the ministry more than 300 comments by email, and it said it would publish all of them.", P2],
    [P1, "The policy on cookies in school canteens, which the senate also debated, was left for another day.", P2],
])
@pytest.mark.parametrize("sep", ["\n\n", "\n"])
def test_article_lines_are_never_dropped(paragraphs, sep):
    a = read_bytes(_page(f"{HEADLINE}\nBy Orla Venn\n3 March 2026", paragraphs, sep), ".txt")
    assert a.body.split("\n\n") == paragraphs


def test_headlines_under_read_more_go_with_it():
    a = read_bytes(_page(f"{HEADLINE}\nBy Orla Venn", [P1, "Read more:", "Towns Count Cost of Dry Winter",
                                                      "Ferry Fares to Rise", P2]), ".txt")
    assert a.body.split("\n\n") == [P1, P2]


def test_lead_word_prefilter_never_changes_what_is_chrome():
    """The fast path (full patterns only where a lead word stands) finds what a full scan finds."""
    import re

    from desktop.ingest import chrome

    full = re.compile("|".join(f"(?:{p})" for p in chrome._ANYWHERE_FAMILIES), re.IGNORECASE)
    lines = {x.strip() for p in PAGES.glob("*.txt") for x in p.read_text(encoding="utf-8").splitlines() if x.strip()}
    lines |= {"Photos by Lira Matsen", "We use cookies", "Unsubscribe at any time", "GettyImages 1200x800",
              "Posted in News | Tagged ports", "Ferry Operator Names New Chief →", "Find out more"}
    assert len(lines) > 150
    for line in lines:
        fast = chrome._ANYWHERE.search(line) if chrome._LEAD.search(line) else None
        assert bool(full.search(line)) == bool(fast or chrome._ANYWHERE_SHAPES.search(line)), line
