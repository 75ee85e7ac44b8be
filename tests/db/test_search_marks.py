"""Search hits are marked on the exact words, whatever else the article holds.

The full-text index marks hits with two characters and the service takes them out again to get
positions. Articles do hold unusual characters: a PDF or Word file set in an icon font brings
private-use characters (U+E000 and on), which were once the marks themselves, so every hit after one
was shifted and a search for "cafe" marked a whole sentence. Random bodies of words, accents, emoji
and such characters check that every mark lands on the word searched for, and that none is missed.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services import Library
from tests.helpers import add_article

WORDS = ("harbour", "tariff", "Kessa", "Café", "grain", "ferry", "Zoë", "Marenhal", "Osterlund", "levy")
# SQLite's unicode61 tokenizer counts a private-use character or a noncharacter as part of a word (and a
# word so glued is not stemmed), so here they always stand apart.
GAPS = (" ", ", ", ". ", "\n\n", " \ue000 ", " \ue001\ue000 ", " 🌊 ", " – ", " \ufdd0 ", " \ufdd1\ufdd0 ", " “", "” ")


_serial = itertools.count()


def stored(lib: Library, body: str) -> int:
    """The body as an article of its own (each example's text is unique: the library refuses twins)."""
    return add_article(lib, f"{body} Tollhouse{next(_serial)}", title="Dock notes")


def folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(ch))


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    with Library.open(Path(tmp_path_factory.mktemp("marks")) / "library.sqlite", annotator="tester") as lib:
        yield lib


bodies = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), min_size=1, max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, word=st.sampled_from(WORDS))
def test_every_hit_in_an_article_is_marked_on_the_word_and_none_is_missed(lib, body, word):
    article_id = stored(lib, body)
    spans = lib.searcher.in_article(word, article_id)
    assert [folded(body[a:b]) for a, b in spans] == [folded(word)] * len(spans)
    expected = sum(1 for token in _tokens(body) if folded(token) == folded(word))
    assert len(spans) == expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies.filter(lambda b: "\ufdd0" not in b and "\ufdd1" not in b), word=st.sampled_from(WORDS))
def test_the_snippets_marks_are_on_the_word_searched_for(lib, body, word):
    article_id = stored(lib, body)
    snippet = lib.searcher.snippets(word, [article_id]).get(article_id)
    if not any(folded(t) == folded(word) for t in _tokens(body)):
        assert snippet is None
        return
    assert snippet is not None and snippet.hits
    assert all(folded(snippet.text[a:b]) == folded(word) for a, b in snippet.hits)


def test_a_library_search_marks_the_words_after_an_icon_fonts_characters(lib):
    body = "Port \ue000 fees at Kessa rose. \ue001 The harbour fees doubled, and Café owners in Kessa complained."
    article_id = stored(lib, body)
    (hit,) = [h for h in lib.search("fees") if h.article_id == article_id]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["fees", "fees"]
    assert [body[a:b] for a, b in lib.searcher.in_article("cafe", article_id)] == ["Café"]
    assert [body[a:b] for a, b in lib.searcher.in_article("owner", article_id)] == ["owners"]


def _tokens(body: str) -> list[str]:
    return re.findall(r"\w+", body)
