"""Aligning two versions of a text: spans land on the same words, or on the nearest text and flagged."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.services.align import Alignment

OLD = ("The council met on Monday. It approved 12 new ferries for the northern route. "
       "Fares will stay the same. The mayor welcomed the vote.")


def carry(old: str, new: str, passage: str):
    start = old.index(passage)
    c = Alignment(old, new).carry(start, start + len(passage))
    return new[c.start:c.end], c.changed


def test_an_unchanged_passage_moves_with_the_text_around_it():
    new = "Breaking news. " + OLD.replace("Monday", "Tuesday evening")
    assert carry(OLD, new, "Fares will stay the same.") == ("Fares will stay the same.", False)


def test_a_changed_figure_keeps_the_passage_and_flags_it():
    new = OLD.replace("12 new", "14 new")
    assert carry(OLD, new, "It approved 12 new ferries") == ("It approved 14 new ferries", True)


def test_a_removed_sentence_lands_on_the_sentence_before_it_flagged():
    new = OLD.replace(" Fares will stay the same.", "")
    assert carry(OLD, new, "Fares will stay the same.") == ("It approved 12 new ferries for the northern route.",
                                                           True)


def test_a_reworded_sentence_is_found_by_its_closest_match():
    new = OLD.replace("The mayor welcomed the vote.", "The mayor warmly welcomed this vote.")
    text, changed = carry(OLD, new, "The mayor welcomed the vote.")
    assert changed and "mayor" in text and "vote" in text


def test_the_count_of_changed_passages():
    new = OLD.replace("12", "14").replace(" Fares will stay the same.", "") + " A new paragraph follows."
    assert len(Alignment(OLD, new).changes()) == 3


words = st.sampled_from("the harbour board said grain ships left port on Monday . , 12 4.5".split())


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), st.lists(words, min_size=1, max_size=40),
       st.integers(0, 39), st.integers(1, 40))
def test_a_carried_span_is_never_empty_and_never_outside_the_text(old_words, new_words, a, length):
    old, new = " ".join(old_words), " ".join(new_words)
    start = min(a, len(old) - 1)
    end = min(len(old), start + length)
    c = Alignment(old, new).carry(start, end)
    assert 0 <= c.start < c.end <= len(new)
    if not c.changed:
        assert new[c.start:c.end] == old[start:end]
