"""Positions counted each way tools count them land on the same characters of the stored text."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.exchange.refi_positions import CRLF_AS_ONE, STANDARD, UTF16, UTF16_CRLF_AS_ONE, Positions

PIECES = ("Veltra", " ", "ferry", "\r\n", "\n", "\r", "🚢", "é", "Dunmarsh", "🌊🌊", ".")


def counted(raw: str, unit: str, index: int) -> int:
    """How a tool counting in unit names the character at index of the raw text."""
    head = raw[:index]
    if unit in (CRLF_AS_ONE, UTF16_CRLF_AS_ONE):
        head = head.replace("\r\n", "\n")
    if unit in (UTF16, UTF16_CRLF_AS_ONE):
        return len(head.encode("utf-16-le")) // 2
    return len(head)


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_every_character_is_found_whichever_way_it_was_counted(pieces):
    raw = "".join(pieces)
    positions = Positions(raw)
    assert positions.text == raw.replace("\r\n", "\n").replace("\r", "\n")
    starts = [i for i in range(len(raw) + 1) if not (raw[i - 1:i] == "\r" and raw[i:i + 1] == "\n")]
    for unit in (STANDARD, CRLF_AS_ONE, UTF16, UTF16_CRLF_AS_ONE):
        placed = [positions.place(counted(raw, unit, i), unit) for i in starts]
        assert placed == list(range(len(positions.text) + 1)), unit


def test_names_decide_and_without_them_the_standard_or_the_tools_habit_does():
    raw = "Ferry 🚢 news\r\nFares rise in May.\r\nDunmarsh harbour closed."
    flat = raw.replace("\r\n", "\n")
    positions = Positions(raw)
    span = (flat.index("Dunmarsh"), flat.index("Dunmarsh") + len("Dunmarsh harbour"))
    as_utf16 = tuple(counted(raw, UTF16_CRLF_AS_ONE, raw.index("Dunmarsh") + k) for k in (0, len("Dunmarsh harbour")))
    assert positions.choose([(*as_utf16, "Dunmarsh harb...")]) == UTF16_CRLF_AS_ONE
    assert positions.choose([(*span, "Dunmarsh harbour")]) == CRLF_AS_ONE
    assert positions.choose([(*span, None)]) == STANDARD  # both fit: the standard's counting stands
    assert positions.choose([(*span, None)], prefer=(CRLF_AS_ONE,)) == CRLF_AS_ONE
    assert positions.choose([(*span, "q1")]) == STANDARD  # a short label is no evidence
    assert Positions("plain text").choose([(0, 5, "plain")]) == STANDARD
