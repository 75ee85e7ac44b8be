"""Two small functions every claim and every long article goes through, as properties: finding a passage
a person typed (claim add --text) gives exactly its words at the chosen occurrence, or a sentence saying
why not; cutting a long article into blocks for the parser covers it exactly, in order, each block within
the limit and never empty, ending at a paragraph where one is near."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis.chunks import blocks
from desktop.services import UserError
from desktop.services.claims import find_passage

WORDS = st.sampled_from(["harbour", "fees", "rose", "Kessa", "Zoë", "🌊", "14%", "the", "a", "“quoted”", "\n",
                         "\n\n", ".", ","])
bodies = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(body=bodies, data=st.data())
def test_a_passage_is_found_at_the_occurrence_asked_for(body, data):
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    passage = body[start:end]
    places = [i for i in range(len(body)) if body.startswith(passage, i)]
    if len(places) == 1:
        assert find_passage(body, passage) == (start, end)
    else:
        with pytest.raises(UserError, match=f"the passage occurs {len(places)} times; choose one with "
                                            f"--occurrence 1..{len(places)}"):
            find_passage(body, passage)
    n = places.index(start) + 1
    assert find_passage(body, passage, n) == (start, end)
    for wrong in (0, len(places) + 1):
        with pytest.raises(UserError, match=f"--occurrence must be between 1 and {len(places)}"):
            find_passage(body, passage, wrong)


def test_a_passage_not_in_the_text_or_empty_is_refused():
    with pytest.raises(UserError, match="does not occur in the article"):
        find_passage("Fees at Port Kessa rose.", "fees at port kessa")  # the case must match
    with pytest.raises(UserError, match="the passage is empty"):
        find_passage("Fees at Port Kessa rose.", "")


paragraphs = st.lists(st.text(st.sampled_from("harbour fees rose. Kessa ,Zoë🌊"), min_size=1, max_size=300),
                      min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(parts=paragraphs, sep=st.sampled_from(["\n\n", "\n", " "]), limit=st.integers(40, 400))
def test_blocks_cover_the_text_in_order_within_the_limit(parts, sep, limit):
    body = sep.join(parts)
    ranges = blocks(body, limit)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(body)
    assert all(a < b for a, b in ranges)
    assert all(prev[1] == nxt[0] for prev, nxt in zip(ranges, ranges[1:], strict=False))
    assert all(b - a <= limit for a, b in ranges)
    if len(body) <= limit:
        assert ranges == [(0, len(body))]
    for a, b in ranges[:-1]:  # a block ends after a blank line when one lies in the second half it may take
        if body.find("\n\n", a + limit // 2, a + limit - 1) >= 0:
            assert body[:b].endswith("\n\n")
