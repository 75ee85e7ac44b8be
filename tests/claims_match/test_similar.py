"""Where else the library says this: the sentence index, the same-claim decision, dismissals."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Sentence
from desktop.ingest.types import ParsedArticle
from tests.helpers import add_article

HARBOUR = ("The Coastal Ledger reports from Port Kessa. Grain exports through Port Kessa fell by less than "
           "5% in March, the harbour authority said. Dock workers held a meeting on Tuesday.")
TRIBUNE = ("Marenhal Tribune. The harbour authority said grain exports through Port Kessa fell by less than 5% "
           "in March. The weather in Marenhal stayed cold all week.")
COURIER = ("Northern Courier. Grain exports through Port Kessa fell by nearly a fifth in March, traders said. "
           "A new ferry line to the islands opens in June.")
UNRELATED = "Sports Weekly. The Veltran football team won the cup final in Marenhal on Sunday evening."


def imported(lib, *bodies: str) -> list[int]:
    """Articles stored through the import path, which builds the sentence index."""
    items = [(f"{i}.txt", ParsedArticle(title=f"Article {i}", body=b, original_text=b))
             for i, b in enumerate(bodies)]
    report = lib.importer.add_parsed(items)
    return [i for _p, i in report.added]


def test_import_indexes_every_sentence_by_offsets(library):
    (aid,) = imported(library, HARBOUR)
    with library.store.read() as s:
        rows = s.execute(select(Sentence.start, Sentence.end).where(Sentence.article_id == aid)
                         .order_by(Sentence.start)).all()
    assert [HARBOUR[a:b] for a, b in rows] == [
        "The Coastal Ledger reports from Port Kessa.",
        "Grain exports through Port Kessa fell by less than 5% in March, the harbour authority said.",
        "Dock workers held a meeting on Tuesday.",
    ]


def test_the_same_claim_in_another_article_ranks_first_and_is_decided_same(library):
    harbour, tribune, courier, _sport = imported(library, HARBOUR, TRIBUNE, COURIER, UNRELATED)
    passage = "Grain exports through Port Kessa fell by less than 5% in March, the harbour authority said."
    found = library.similar.find(passage, limit=5, exclude_article_id=harbour)
    best = found[0]
    assert (best.article_id, TRIBUNE[best.start:best.end]) == (tribune, TRIBUNE.split(". ")[1] + ".")
    assert best.same and best.text == TRIBUNE[best.start:best.end]
    other_figure = next(c for c in found if c.article_id == courier)
    assert other_figure.figure_differs and not other_figure.same
    assert all(not c.same for c in found if c.article_id not in (tribune,))


def test_a_claims_candidates_skip_its_own_article_and_remember_a_dismissal(library):
    harbour, tribune, courier, _sport = imported(library, HARBOUR, TRIBUNE, COURIER, UNRELATED)
    start = HARBOUR.index("Grain exports")
    claim = library.claims.create(harbour, start, HARBOUR.index(" the harbour authority said"))
    found = library.similar.for_claim(claim.id)
    assert [c.article_id for c in found] == [tribune, courier]
    assert found[1].figure_differs
    library.similar.dismiss(claim.id, found[1])
    assert [c.article_id for c in library.similar.for_claim(claim.id)] == [tribune]
    library.similar.undismiss(claim.id, found[1])
    assert len(library.similar.for_claim(claim.id)) == 2


def test_articles_stored_without_the_index_are_indexed_on_first_search(library):
    # The test helper stores rows directly, as a library from before the sentence index did.
    old = add_article(library, TRIBUNE)
    with library.store.read() as s:
        assert s.scalar(select(func.count(Sentence.id))) == 0
    found = library.similar.find("grain exports through Port Kessa fell in March", limit=3)
    assert found and found[0].article_id == old


def test_a_passage_with_no_searchable_word_finds_nothing(library):
    imported(library, HARBOUR)
    assert library.similar.find("the of and !!", limit=3) == []


def test_figures_are_read_with_their_scale():
    from desktop.claims_match.features import quantities

    assert sorted(quantities("4.5 million tonnes, 12 per cent and a fifth of it")) == [12.0, 20.0, 4.5e6]


@pytest.mark.parametrize("limit", [0, -3])
def test_a_limit_below_one_is_a_users_mistake(library, limit):
    from desktop.services import UserError

    with pytest.raises(UserError):
        library.similar.find("grain", limit=limit)




def test_retrieval_sends_the_rarest_words_within_the_budget_and_and_s_common_ones():
    from desktop.services.similar import BUDGET, COMMON, choose_terms

    near = COMMON - 1
    counts = {"kessa": 3, "grain": 40, "exports": near, "said": COMMON, "march": COMMON}
    # The two rarest always; then a word only while the sentences to score stay within the budget.
    assert choose_terms(counts) == '"kessa" OR "grain" OR "exports"'
    crowded = {**counts, **{f"w{i}": near - i for i in range(BUDGET // near + 2)}}
    chosen = choose_terms(crowded).split(" OR ")
    assert chosen[:2] == ['"kessa"', '"grain"'] and '"said"' not in chosen
    assert sum(crowded[t.strip('"')] for t in chosen) <= BUDGET < sum(crowded[t.strip('"')] for t in chosen) + near
    # Common words only: the sentences holding all of the first few, not every sentence holding one.
    assert choose_terms({"said": COMMON, "march": COMMON, "fell": COMMON, "week": COMMON}) == \
        '"fell" AND "march" AND "said"'
    assert choose_terms({"kessa": 0}) is None


def test_a_common_word_is_left_out_of_the_query_but_its_sentences_still_rank(library, monkeypatch):
    from desktop.services import similar

    filler = " ".join(f"Harbour crews met on day {i} in Veltran." for i in range(40))
    harbour, tribune, _filler = imported(library, HARBOUR, TRIBUNE, filler)
    monkeypatch.setattr(similar, "COUNT_STEPS", (5, 10))
    monkeypatch.setattr(similar, "COMMON", 30)  # "harbour" is now in more sentences than that
    passage = "Grain exports through Port Kessa fell by less than 5% in March, the harbour authority said."
    with library.store.read() as s:
        match = similar.retrieval_match(s, passage)
    assert "harbour" not in match and '"kessa"' in match
    best = library.similar.find(passage, limit=3, exclude_article_id=harbour)[0]
    assert best.article_id == tribune and best.same


def test_counts_kept_from_earlier_searches_give_the_same_query_and_go_when_the_index_grows(library, monkeypatch):
    from db import sentence_fts
    from desktop.services import similar

    harbour, _tribune = imported(library, HARBOUR, TRIBUNE)
    passage = "Grain exports through Port Kessa fell by less than 5% in March."
    known: similar.TermCounts = {}
    with library.store.read() as s:
        fresh = similar.retrieval_match(s, passage)
        assert similar.retrieval_match(s, passage, known) == fresh and known["kessa"] == (3, True)
        asked: list[list[str]] = []
        real = sentence_fts.capped_counts
        monkeypatch.setattr(sentence_fts, "capped_counts", lambda s, terms, cap: asked.append(terms) or real(s, terms, cap))
        assert similar.retrieval_match(s, passage, known) == fresh
        assert asked == [[]] * len(asked)  # nothing counted again
    library.similar.find(passage, exclude_article_id=harbour)
    kept = dict(library.similar._counts)
    imported(library, COURIER)  # new sentences: the counts kept are dropped and made anew
    library.similar.find(passage, exclude_article_id=harbour)
    assert library.similar._counts["kessa"] == (kept["kessa"][0] + 1, True)
