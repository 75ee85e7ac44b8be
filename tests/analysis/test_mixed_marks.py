"""Quotations whose marks do not pair up the way a typesetter would: opened with one kind of
mark and closed with the other, or ending in a number right before a straight mark."""
from __future__ import annotations

from desktop.analysis.quotes import find_quote_spans


def texts(body: str) -> list[str]:
    return [body[s.start:s.end] for s in find_quote_spans(body)]


def test_opened_curly_closed_straight_then_the_other_way_round():
    body = ("“The depot will reopen in spring,\" Ilsa Roavik said at the harbour. "
            "\"The trams will follow by the end of the year.”")
    assert texts(body) == ["The depot will reopen in spring,", "The trams will follow by the end of the year."]


def test_opened_straight_closed_curly_before_more_straight_marks():
    body = ("\"Nobody here expected the vote to pass,” Tomas Brenn told the Coastal Ledger. "
            "\"We counted twice.\"")
    assert texts(body) == ["Nobody here expected the vote to pass,", "We counted twice."]


def test_a_quotation_nested_in_the_other_kind_still_stays_inside():
    body = 'Ilsa Roavik said "the minister called it “a historic deal” in the chamber" on Tuesday.'
    assert texts(body) == ["the minister called it “a historic deal” in the chamber"]
    body = "Ilsa Roavik said “the minister called it \"a historic deal\" in the chamber” on Tuesday."
    assert texts(body) == ["the minister called it \"a historic deal\" in the chamber"]


def test_a_number_before_a_straight_mark_closes_the_quotation_it_ends():
    body = 'The fund paid the club "about 40,000" last year, and the mayor called it "a fair price."'
    assert texts(body) == ["about 40,000", "a fair price."]
    body = 'Tomas Brenn tweeted, "See you all in Port Ilsen! #Veltra2026" on Friday evening.'
    assert texts(body) == ["See you all in Port Ilsen! #Veltra2026"]


def test_inch_marks_stay_inch_marks():
    body = 'The keeper, 6\'2" and quick, said "we will hold the line" before the 32" screens went dark.'
    assert texts(body) == ["we will hold the line"]


def test_a_closing_mark_typed_as_a_single_one_ends_the_quotation():
    body = ("Ilsa Roavik wrote: “The ferry runs again. See you on the pier.’ Roavik later thanked "
            "the crews of the “Northern Star” for their work.")
    assert texts(body) == ["The ferry runs again. See you on the pier.", "Northern Star"]


def test_single_marks_inside_a_quotation_are_not_taken_for_its_end():
    body = "“He told us ‘Wait.’ Then the gate closed,” Tomas Brenn said."
    assert texts(body) == ["He told us ‘Wait.’ Then the gate closed,"]


def test_a_year_cut_short_is_not_a_single_quotation():
    body = "Mayor Ilsa Roavik, in office since ’08, grew up in Port Ilsen in the '80s and says 'the tide turned.'"
    assert texts(body) == ["the tide turned."]


def test_a_straight_single_quotation_inside_keeps_its_closing_mark_too():
    body = "Tomas Brenn said: “He told us 'Wait.’ Then the gate closed, and we didn't get in."
    assert texts(body) == ["He told us 'Wait.’ Then the gate closed, and we didn't get in."]
