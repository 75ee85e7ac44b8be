"""A claim's trail: linked claims by article date, outlets, speakers, first seen, figure changes."""
from __future__ import annotations

import datetime as dt

from desktop.ingest.types import ParsedArticle
from tests.claims_match.test_similar import COURIER, HARBOUR, TRIBUNE


def dated(lib, body: str, outlet: str, day: int) -> int:
    parsed = ParsedArticle(title=f"{outlet} report", body=body, original_text=body, outlet=outlet,
                           published=dt.date(2026, 3, day))
    (added,) = lib.importer.add_parsed([(f"{outlet}.txt", parsed)]).added
    return added[1]


def claim_on(lib, article_id: int, body: str, words: str, speaker: str | None = None):
    start = body.index(words)
    return lib.claims.create(article_id, start, start + len(words), speaker_text=speaker)


def test_trail_orders_by_date_and_marks_where_the_figure_changed(library):
    courier = dated(library, COURIER, "Northern Courier", 12)
    harbour = dated(library, HARBOUR, "Coastal Ledger", 3)
    tribune = dated(library, TRIBUNE, "Marenhal Tribune", 5)
    late = claim_on(library, courier, COURIER, "Grain exports through Port Kessa fell by nearly a fifth in March")
    first = claim_on(library, harbour, HARBOUR, "Grain exports through Port Kessa fell by less than 5% in March",
                     speaker="harbour authority")
    middle = claim_on(library, tribune, TRIBUNE, "grain exports through Port Kessa fell by less than 5%")
    library.claims.link(first.id, middle.id, "repeats")
    library.claims.link(late.id, middle.id, "contradicts")

    trail = library.trails.get(middle.id)
    assert [s.claim_id for s in trail.stops] == [first.id, middle.id, late.id]
    assert trail.outlets == ("Coastal Ledger", "Marenhal Tribune", "Northern Courier")
    assert trail.speakers == ("harbour authority",)
    assert trail.first_seen.claim_id == first.id
    assert [s.claim_id for s in trail.changes] == [late.id]
    assert trail.stops[0].figures == ("less than 5%",) and trail.stops[2].figures == ("nearly a fifth",)
    assert trail.summary() == ("In 3 articles, 3 outlets · first seen 3 Mar 2026, Coastal Ledger · "
                               "figure changed to nearly a fifth (Northern Courier)")
    assert library.trails.get(first.id).stops == trail.stops  # the same trail from any claim on it


def test_a_claim_with_no_links_has_a_trail_of_one(library):
    harbour = dated(library, HARBOUR, "Coastal Ledger", 3)
    alone = claim_on(library, harbour, HARBOUR, "Dock workers held a meeting")
    trail = library.trails.get(alone.id)
    assert len(trail.stops) == 1 and trail.summary() == "Not linked to a claim elsewhere yet"
