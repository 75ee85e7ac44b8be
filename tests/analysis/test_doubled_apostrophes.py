"""Archive text that types a double quotation mark as two apostrophes (''…''): a single mark
inside such a quotation is a quote within it, not a quotation of the article."""
from __future__ import annotations

from desktop.analysis.quotes import find_quote_spans


def _texts(body: str) -> list[str]:
    return [body[s.start:s.end] for s in find_quote_spans(body)]


def test_a_single_quotation_inside_doubled_apostrophes_is_nested():
    body = ("''I told the council, 'The depot stays open all winter,' and they agreed,'' "
            "said Pavel Lind, the Veltran transport chief.")
    assert not any(t.startswith("The depot stays open") for t in _texts(body))


def test_a_nested_quotation_closing_with_the_outer_one_is_nested_too():
    body = "''My aide said, 'We wait for the spring budget before any new tram line.''' Lind recalled."
    assert not any(t.startswith("We wait for the spring") for t in _texts(body))


def test_single_quotations_outside_doubled_apostrophes_are_still_found():
    body = ("''The fares stay,'' Lind said on Monday.\n\n"
            "Marenhal's mayor called it 'a fair deal for every rider in the city' in reply.")
    assert "a fair deal for every rider in the city" in _texts(body)
