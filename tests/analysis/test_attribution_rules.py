"""Rules learned from real articles, checked on invented ones: transcripts, stray marks,
quotations hanging from a non-speech verb, 'it said', 'the source' named earlier, and the
parser's slips that the attribution has to see through."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis.test_quotes_and_speakers import check_offsets, quotes


def test_quoted_transcript_lines_are_not_quotations(analyse):
    body = ('Partial transcript as follows:\n\n"HOST: Will the ferry run on Sunday?\n\n'
            '"ORSEK: It will, and the “Blue Line” will run too.\n\n"(CROSSTALK.)\n\n"Follow us online."')
    a = analyse(body)
    check_offsets(body, a)
    assert not [t for t, _ in quotes(a) if "ferry" in t or "It will" in t]


def test_a_closing_mark_without_its_opening_does_not_swallow_the_paragraph(analyse):
    body = ('Dr. Pell gave the mayor a quick review of [her] plans" and her budget. Later Mayor Ilsa Roavik '
            'said "the harbour is open again" to reporters.')
    a = analyse(body)
    check_offsets(body, a)
    assert [t for t, _ in quotes(a)] == ["the harbour is open again"]


def test_speaker_of_a_quotation_hanging_from_another_verb(analyse):
    body = 'Senator Arlo Vennick has attacked the governor as a “captain who abandoned the harbour for good.”'
    a = analyse(body)
    assert quotes(a) == [("captain who abandoned the harbour for good.", "Arlo Vennick")]


def test_it_said_names_the_body_not_a_person(analyse):
    body = ('Dalia Orsek met the Veltra Harbour Authority on Monday. The Veltra Harbour Authority issued a '
            'statement after the meeting. In it, it called the closure “a serious and lasting threat to trade.”')
    a = analyse(body)
    speakers = {t: s for t, s in quotes(a)}
    assert speakers["a serious and lasting threat to trade."] != "Dalia Orsek"


def test_the_source_is_the_one_introduced_earlier(analyse):
    body = ('Tomas Brenn repeated the line of a senior Veltran port official who spoke to reporters.\n\n'
            '“The harbour will stay closed until spring,” the official explained, adding nothing more.')
    a = analyse(body)
    q = [x for x in a.quotes if not x.is_scare][0]
    assert q.speaker_text == "the official"
    assert q.speaker and "Veltran" in q.speaker


# (what the rule is, article text, how the quotation starts, which field, what it must say)
PARSER_SLIPS = [
    ("a verb before 'asking' lends its subject",
     '“Promise me you will keep the ferries running,” Orsek sings to Brenn before asking him, '
     '“Where do we go from here, captain?”', "Where do we go", "speaker", "Orsek"),
    ("a participle after a name is that person speaking",
     "The ad uses footage of Dalia Orsek asking, “Why aren’t I 50 points ahead, you might ask?”",
     "Why aren", "speaker_text", "Dalia Orsek"),
    ("a dash parsed as the subject is not the speaker",
     'When Orsek noted that Brenn has occasionally not paid anything in harbour taxes ― as was true for '
     'the few years his returns were made public ― Brenn boasted, “That makes me smart.”',
     "That makes me", "speaker", "Brenn"),
    ("a quotation after a said-sentence goes on from it",
     'The delay may be deliberate, Senator Arlo Vennick said. “The board has not met since March and '
     'nobody will tell us why it stopped.”', "The board", "speaker", "Arlo Vennick"),
    ("a quotation that ends its sentence keeps to that sentence",
     'Tolvia branded its neighbour an “outlaw state on the northern border.” Marsk insisted that the '
     'talks “must go on without any delay at all.”', "outlaw state", "speaker", "Tolvia"),
    ("the next sentence's quotation has its own speaker",
     'Tolvia branded its neighbour an “outlaw state on the northern border.” Marsk insisted that the '
     'talks “must go on without any delay at all.”', "must go on", "speaker", "Marsk"),
    ("a person in apposition speaks for a misparsed subject",
     'With 40 days until the election, Mira Halvard, a senior adviser to the Orsek campaign, called '
     'Mr. Brenn\'s remarks on Saturday "a true wake-up call for every harbour trader" to his supporters.',
     "a true wake-up", "speaker", "Mira Halvard"),
    ("a relative clause on a common noun is not the attribution",
     'Finance Minister Dalia Orsek had mocked the complaint, saying anybody who complains about the '
     'ferry timetable “is not having a good season at all.”', "is not having", "speaker", "Dalia Orsek"),
    ("as a memo put it",
     'The main requirement for the harbour licence is a "lawful source of investment income," as a '
     'Veltra customs memo put it.', "lawful source", "speaker_text", "a Veltra customs memo"),
    ("a share of people can speak",
     'Only 52 percent of registered voters agreed that Brenn is in "good enough overall health to serve '
     'as minister," the poll found.', "good enough", "speaker_text", "Only 52 percent of registered voters"),
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
@given(st.text(alphabet=st.sampled_from(list('Ab Orsek said “”"«»‘’\'\n.,é🌊\u0301')), max_size=120))
def test_every_span_of_a_full_analysis_is_exact(body):
    from desktop.analysis import analyze_text

    check_offsets(body, analyze_text(body))
