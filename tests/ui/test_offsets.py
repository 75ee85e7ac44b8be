"""Code points and UTF-16 positions convert both ways, with text outside the BMP and combining marks."""
from hypothesis import given
from hypothesis import strategies as st

from desktop.ui.offsets import OffsetMap


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_known_cases():
    text = "a🌊b Zoë e\u0301 中文 👍🏽!"
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_qt(i) == utf16_len(text[:i])
        assert m.from_qt(m.to_qt(i)) == i
    wave = text.index("🌊")
    assert m.from_qt(m.to_qt(wave) + 1) == wave  # the second half of a pair belongs to its character


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
def test_round_trip(text):
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert q == utf16_len(text[:i])
        assert m.from_qt(q) == i
