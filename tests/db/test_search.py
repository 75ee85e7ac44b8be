"""Full-text search stays in sync with edits and takes any text a person types."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services import Library
from tests.helpers import add_article

BODY = ("The Veltran harbour authority said grain exports rose 14% after the tariff was lifted. "
        "Minister Ilsa Roavik called the figures “encouraging” 😀.")


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    lib = Library.open(tmp_path_factory.mktemp("s") / "lib.sqlite")
    add_article(lib, BODY, title="Harbour exports rise", outlet="Coastal Ledger", author="Mara Quell")
    add_article(lib, "Unrelated text about fisheries and weather in Osterlund.", title="Fisheries")
    yield lib
    lib.close()


def test_finds_body_title_outlet_and_author(searchable):
    assert [h.article_id for h in searchable.search("tariff")] == [1]
    assert [h.article_id for h in searchable.search("harbour exports")] == [1]
    assert [h.article_id for h in searchable.search("Ledger")] == [1]
    assert [h.article_id for h in searchable.search("Quell")] == [1]


def test_snippet_marks_the_hit(searchable):
    hit = searchable.search("tariff")[0]
    a, b = hit.highlights[0]
    assert hit.snippet[a:b].lower() == "tariff"


def test_ranks_title_hits_first(library):
    add_article(library, "Fisheries are discussed once here, fisheries again.", title="Weather report")
    add_article(library, "Nothing much here about fish.", title="Fisheries ministry reshuffle")
    hits = library.search("fisheries")
    assert hits[0].title == "Fisheries ministry reshuffle"


def test_index_follows_metadata_update_and_delete(library):
    aid = add_article(library, "Body text about copper mines.", title="Copper")
    library.articles.set_metadata(aid, "title", "Lithium rush")
    assert [h.article_id for h in library.search("lithium")] == [aid]
    library.articles.delete(aid)
    assert library.search("copper") == []
    assert library.search("lithium") == []


def test_claims_and_notes_are_searchable_and_follow_edits(library):
    aid = add_article(library, "The port handled 3 million tonnes last year.")
    claim = library.claims.create(aid, 0, 44, note="check against the customs ledger")
    assert {h.kind for h in library.search("customs")} == {"claim"}
    library.claims.update(claim.id, note="ask the port authority")
    assert library.search("customs") == []
    assert [h.claim_id for h in library.search("authority")] == [claim.id]
    library.claims.delete(claim.id)
    assert library.search("authority") == []


def test_status_change_does_not_touch_the_index(library):
    aid = add_article(library, "Salt flats and lithium.")
    library.articles.set_status(aid, "done")
    assert [h.article_id for h in library.search("salt")] == [aid]


@pytest.mark.parametrize("query", ['"', '"unbalanced', "NEAR(", "a AND", "OR", "-", "*", "tariff*", "(", ")",
                                   "NOT tariff", "col:tariff", "^tariff", "😀", "", "   ", "\x00", "'", "tariff -x"])
def test_hostile_queries_never_fail(searchable, query):
    searchable.search(query)


def test_operators_are_searched_as_words(searchable):
    assert [h.article_id for h in searchable.search("NEAR(tariff")] == []
    assert [h.article_id for h in searchable.search('"tariff')] == [1]


def test_prefix_star(searchable):
    assert [h.article_id for h in searchable.search("tarif*")] == [1]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(searchable, query):
    hits = searchable.search(query)
    assert all(h.kind in ("article", "claim") for h in hits)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_text_is_a_valid_list_filter(searchable, query):
    from desktop.services.dto import ArticleFilter

    assert searchable.articles.count(ArticleFilter(text=query)) >= 0
