"""General phenomena of attribution, each on sentences written for the test (set in the demo's
fictional country): transcripts, stray marks, quotations hanging from a non-speech verb,
'it said', a description that names again one introduced earlier, and the parser's slips the
attribution has to see through."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.test_quotes_and_speakers import check_offsets, quotes


def test_quoted_transcript_lines_are_not_quotations(analyse):
    body = ('The radio exchange went like this:\n\n"PRESENTER: Are the night trains running again?\n\n'
            '"KESTREL: Two of them are, and the “Lantern Express” starts in June.\n\n"(LAUGHTER.)\n\n'
            '"Thanks for listening."')
    a = analyse(body)
    check_offsets(body, a)
    assert not [t for t, _ in quotes(a) if "night trains" in t or "Two of them" in t]


def test_a_closing_mark_without_its_opening_does_not_swallow_the_paragraph(analyse):
    body = ('The auditor listed [three] missing invoices" in her note to the council. On Friday the treasurer '
            'Pavel Lind announced "the accounts will be reopened next week" in a short statement.')
    a = analyse(body)
    check_offsets(body, a)
    assert [t for t, _ in quotes(a)] == ["the accounts will be reopened next week"]


def test_speaker_of_a_quotation_hanging_from_another_verb(analyse):
    body = 'Councillor Nadia Vorst dismissed the new tram plan as “a costly toy for the northern suburbs.”'
    a = analyse(body)
    assert quotes(a) == [("a costly toy for the northern suburbs.", "Nadia Vorst")]


def test_it_said_names_the_body_not_a_person(analyse):
    body = ('Pavel Lind visited the Marenhal Water Board in March. The Marenhal Water Board later published a '
            'report on the visit. There it described the old pipes as “a hazard we can no longer afford.”')
    a = analyse(body)
    speakers = {t: s for t, s in quotes(a)}
    assert speakers["a hazard we can no longer afford."] != "Pavel Lind"


def test_a_description_takes_the_fuller_words_it_was_introduced_with(analyse):
    body = ('Pavel Lind echoed the warning of a veteran Osterlund rail engineer interviewed on Tuesday.\n\n'
            '“Those bridges were built for lighter trains,” the engineer said, declining to give a name.')
    a = analyse(body)
    q = [x for x in a.quotes if not x.is_scare][0]
    assert q.speaker != "Pavel Lind"  # he only echoed the engineer
    assert q.speaker_text == "a veteran Osterlund rail engineer"  # the fuller words said earlier


# (the general phenomenon, article text, how the quotation starts, which field, what it must say)
PARSER_SLIPS = [
    ("a verb before a participle lends its subject",
     '“Keep the lights on for me,” Vorst calls out to the crowd before turning to Lind and asking, '
     '“Will you stand with us in May?”', "Will you stand", "speaker", "Vorst"),
    ("a participle right after a name is that person speaking",
     "The campaign video shows Nadia Vorst wondering, “Who pays for the trams if the suburbs do not?”",
     "Who pays", "speaker_text", "Nadia Vorst"),
    ("a dash the parser takes for a subject is not the speaker",
     'Asked whether Lind had ever paid the toll himself ― he had not, in four years ― Vorst boasted, '
     '“That is just good bookkeeping.”', "That is just", "speaker", "Vorst"),
    ("a quotation after a said-sentence goes on from it",
     'The hearing was postponed on purpose, Councillor Nadia Vorst said. “The committee has not sat since '
     'the winter and no one can tell us the reason.”', "The committee", "speaker", "Nadia Vorst"),
    ("a quotation that ends its sentence keeps to that sentence",
     'Osterlund labelled the tariff a “tax on every family in the valley.” Marenhal replied that the '
     'duties “will stay until the harvest is sold.”', "tax on every", "speaker", "Osterlund"),
    ("the next sentence's quotation has its own speaker",
     'Osterlund labelled the tariff a “tax on every family in the valley.” Marenhal replied that the '
     'duties “will stay until the harvest is sold.”', "will stay until", "speaker", "Marenhal"),
    ("a person in apposition speaks for a misparsed subject",
     'Three weeks before the ballot, Oskar Renn, the chief strategist of the Vorst campaign, described '
     'Mr. Lind\'s budget on Sunday as "a gift to the tram lobby and nobody else" in an interview.',
     "a gift to", "speaker", "Oskar Renn"),
    ("a relative clause on a common noun is not the attribution",
     'Transport Minister Nadia Vorst brushed the petition aside, saying that anyone who signs it “has '
     'never waited for a tram in January.”', "has never waited", "speaker", "Nadia Vorst"),
    ("'as a document put it' credits the document",
     'The only condition for the grant is a "clear plan for the old depot," as a Marenhal council '
     'letter put it.', "clear plan", "speaker_text", "a Marenhal council letter"),
    ("a share of people can speak",
     'Fewer than 40 percent of tram users thought the service was "reliable enough to get to work on '
     'time," the survey found.', "reliable enough", "speaker_text", "Fewer than 40 percent of tram users"),
]


@pytest.mark.parametrize(("body", "start", "field", "expected"), [case[1:] for case in PARSER_SLIPS],
                         ids=[case[0] for case in PARSER_SLIPS])
def test_attribution_sees_through_parser_slips(analyse, body, start, field, expected):
    a = analyse(body)
    check_offsets(body, a)
    found = [q for q in a.quotes if not q.is_scare and q.text.startswith(start)]
    assert found, f"no quotation starting {start!r}"
    assert getattr(found[0], field) == expected


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('Ab Vorst said “”"«»‘’\'\n.,é🌊\u0301')), max_size=120))
def test_every_span_of_a_full_analysis_is_exact(body):
    from desktop.analysis import analyze_text

    check_offsets(body, analyze_text(body))
