"""The hard cases of quotation and attribution, on invented sentences."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.analysis.quotes import find_quote_spans


def quotes(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes if not q.is_scare]


def check_offsets(body, analysis):
    for q in analysis.quotes:
        assert body[q.start:q.end] == q.text
    for e in analysis.entities:
        for m in e.mentions:
            assert body[m.start:m.end] == m.text
    for s in analysis.suggestions:
        assert body[s.start:s.end] == s.text


@pytest.mark.parametrize("body, text", [
    ('Mayor Ilsa Roavik said "the bridge will open in May" on Tuesday.', "the bridge will open in May"),
    ("Mayor Ilsa Roavik said “the bridge will open in May” on Tuesday.", "the bridge will open in May"),
    ("Mayor Ilsa Roavik said «the bridge will open in May» on Tuesday.", "the bridge will open in May"),
    ("Mayor Ilsa Roavik said „the bridge will open in May“ on Tuesday.", "the bridge will open in May"),
    ("Mayor Ilsa Roavik said ‘the bridge will open in May’ on Tuesday.", "the bridge will open in May"),
])
def test_every_kind_of_mark(analyse, body, text):
    a = analyse(body)
    assert quotes(a) == [(text, "Ilsa Roavik")]
    check_offsets(body, a)


def test_quote_continues_after_attribution(analyse):
    body = "“The harbour is full,” said Ilsa Roavik, the port director. “We need a second quay by next year.”"
    a = analyse(body)
    assert quotes(a) == [("The harbour is full,", "Ilsa Roavik"), ("We need a second quay by next year.", "Ilsa Roavik")]


def test_paragraph_continues_a_quote_without_closing_it(analyse):
    body = ("Tomas Brenn, the union leader, said: “Our members have waited three years for this.\n\n"
            "“They will not wait another three,” he added.")
    a = analyse(body)
    texts = quotes(a)
    assert texts[0] == ("Our members have waited three years for this.", "Tomas Brenn")
    assert texts[1] == ("They will not wait another three,", "Tomas Brenn")


def test_nested_quotes_stay_inside_the_outer_one(analyse):
    body = 'Ilsa Roavik said "the minister called it a ‘historic deal’ yesterday" at the port.'
    assert quotes(analyse(body)) == [("the minister called it a ‘historic deal’ yesterday", "Ilsa Roavik")]


def test_mismatched_and_odd_marks_do_not_stop_the_article(analyse):
    body = ("“The fleet is old,” Tomas Brenn said.\n\n"
            "He added that “the new boats are late and over budget, again.\n\n"
            "Ilsa Roavik said ”we will fix this within the year” on Friday.")
    a = analyse(body)
    texts = [t for t, _ in quotes(a)]
    assert "The fleet is old," in texts
    assert "we will fix this within the year" in texts
    assert any(t.startswith("the new boats are late") for t in texts)


def test_scare_quotes_and_titles_are_flagged(analyse):
    body = ("The so-called “reform” was announced on the show “Morning In Veltra” by Ilsa Roavik.\n\n"
            "“Grain Isn't the Villain.”\n\nThe minister said “it is not the harbour's fault at all.”")
    a = analyse(body)
    assert [t for t, _ in quotes(a)] == ["it is not the harbour's fault at all."]
    assert {q.text for q in a.quotes if q.is_scare} == {"reform", "Morning In Veltra", "Grain Isn't the Villain."}


def test_according_to(analyse):
    body = "According to Tomas Brenn, “the strike will last at least a week and cost millions.”"
    assert quotes(analyse(body)) == [("the strike will last at least a week and cost millions.", "Tomas Brenn")]


def test_apposition_title_and_surname(analyse):
    body = ("Veltra's Finance Minister Dalia Orsek presented the budget on Monday.\n\n"
            "“Spending on ports will double over four years,” Orsek told reporters.")
    a = analyse(body)
    assert quotes(a) == [("Spending on ports will double over four years,", "Dalia Orsek")]
    q = a.quotes[0]
    assert q.speaker_text == "Orsek" and q.cue == "told"


def test_pronoun_resolves_to_the_earlier_speaker(analyse):
    body = ("Dalia Orsek, the finance minister, spoke after the vote.\n\n"
            "“We kept every promise we made to the fishing towns,” she said.")
    assert quotes(analyse(body)) == [("We kept every promise we made to the fishing towns,", "Dalia Orsek")]


def test_description_keeps_its_words(analyse):
    body = "“Nobody in the ministry expected the vote to pass,” a senior official told the Coastal Ledger."
    q = analyse(body).quotes[0]
    assert q.speaker is None and "senior official" in q.speaker_text


def test_emoji_and_combining_marks_keep_offsets_exact(analyse):
    body = ("Zoë Ma\u0301rquez 🌊 said “the tide 🌊 rose 40% above the mark” at Café Brenn.\n\n"
            "Officials from Veltra 🇻🇪 disagreed with Zoë Ma\u0301rquez.")
    a = analyse(body)
    check_offsets(body, a)
    assert [t for t, _ in quotes(a)] == ["the tide 🌊 rose 40% above the mark"]


def test_entities_merge_across_spellings(analyse):
    body = ("President Dana Orvan met traders in the capital. Dana Orvan promised lower fees. "
            "Later, Orvan said the United States would help. The U.S. embassy agreed, and US officials smiled.")
    a = analyse(body)
    names = {e.name: e for e in a.entities if e.type in ("PERSON", "GPE")}
    person = next(e for e in a.entities if "Orvan" in e.name)
    assert person.name == "Dana Orvan" and len(person.mentions) == 3 and person.type == "PERSON"
    us = [e for e in a.entities if e.type == "GPE" and ("United States" in e.name or e.name in ("US", "U.S."))]
    assert len(us) == 1, names


def test_claim_suggestions_have_reasons(analyse):
    body = ("The port handled 3.2 million tonnes last year, 40% more than in 2024. "
            "Fishing boats were moored. The price rise was caused by the new tariff.")
    a = analyse(body)
    reasons = {s.text: s.reason for s in a.suggestions}
    assert any("figure" in r for r in reasons.values())
    assert any("causal" in r for r in reasons.values())
    assert "Fishing boats were moored." not in reasons


def test_suggestions_stay_inside_their_paragraph(analyse):
    body = ('"Timber exports are up 22% on last year," the minister said. "We sold 40% more than Osterlund."\n\n'
            'The central bank expects food inflation to peak at 14% in April, higher than in 2025.')
    a = analyse(body)
    check_offsets(body, a)
    texts = [s.text for s in a.suggestions]
    assert texts and all("\n" not in t for t in texts)
    assert any(t.startswith("The central bank expects") for t in texts)
    assert all(t[0].isalnum() or t[0] in '"“«' for t in texts)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab “”"«»‘’\'\n.,é🌊\u0301')), max_size=80))
def test_quote_spans_are_always_inside_the_text(body):
    for s in find_quote_spans(body):
        assert 0 <= s.start < s.end <= len(body)
        assert body[s.start:s.end].strip() == body[s.start:s.end]


def test_alias_normalisation():
    from desktop.analysis.aliases import alias_norm, strip_titles

    assert alias_norm("Anna-Lise Orvan") == alias_norm("Anna Lise Orvan")
    assert alias_norm("U.S.") == alias_norm("US")
    assert alias_norm("Orvan's") == alias_norm("Orvan")
    assert alias_norm("Marenh") != alias_norm("Marenhal")
    assert strip_titles("Foreign Minister Nadia Vorst") == "Nadia Vorst"


def test_a_quoted_claim_is_suggested_for_its_quotation(analyse):
    """Nothing but the quotation marks makes the first sentence worth checking: no figure,
    comparison, cause or named speaker. The same words reported without marks are not suggested."""
    quoted = "“The new ferry line will pay for itself within a few years,” the harbour master said."
    reported = "The new ferry line will pay for itself within a few years, the harbour master said."
    a = analyse(quoted)
    check_offsets(quoted, a)
    assert [(s.text, s.reason) for s in a.suggestions] == [(quoted, "quoted claim")]
    assert analyse(reported).suggestions == ()


def test_a_scare_quote_does_not_make_a_quoted_claim(analyse):
    body = "The council called the new ferry timetable “historic” at its meeting on the harbour."
    assert all("quoted" not in s.reason for s in analyse(body).suggestions)
