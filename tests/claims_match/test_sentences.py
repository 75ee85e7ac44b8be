"""Sentence boundaries as offsets, without spaCy."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.claims_match.sentences import spans, split


def test_sentences_end_at_stops_but_not_at_abbreviations_initials_or_decimals():
    text = ("Mr. Aurel Danek said the reserve held 41.5 days of wheat. “It is enough,” he said. "
            "Prices rose by a third! Did they? The U.S. and the E.U. were silent.\n"
            "A heading without a stop\nProf. J. Orsek spoke at 5 p.m. on Monday. Then she left.")
    assert split(text) == [
        "Mr. Aurel Danek said the reserve held 41.5 days of wheat.",
        "“It is enough,” he said.",
        "Prices rose by a third!",
        "Did they?",
        "The U.S. and the E.U. were silent.",
        "A heading without a stop",
        "Prof. J. Orsek spoke at 5 p.m. on Monday.",
        "Then she left.",
    ]


def test_offsets_point_into_the_body_even_past_the_basic_plane():
    text = "Café 😀 prices rose. Naïve traders sold. 𝒳 marks the spot."
    got = list(spans(text))
    assert [text[s:e] for s, e in got] == ["Café 😀 prices rose.", "Naïve traders sold.", "𝒳 marks the spot."]


@given(st.text(alphabet=st.sampled_from(list("ab .!?\n“”'A1")), max_size=80))
def test_spans_are_ordered_trimmed_and_inside_the_text(text):
    last = 0
    for s, e in spans(text):
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
