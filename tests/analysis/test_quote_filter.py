"""The learned filter between reported speech and titles, names and headings in marks
(desktop/analysis/quote_filter.py, the claimdesk_quote_filter component), on sentences written
for these tests and set in Veltra."""
from __future__ import annotations

import json

import pytest

from desktop.analysis import quote_filter
from desktop.analysis.quotes import find_quote_spans


def _quotes(analyse, body: str) -> dict[str, bool]:
    """Each quotation's text -> whether it is kept apart (scare quote, title, heading)."""
    return {q.text: q.is_scare for q in analyse(body).quotes}


def test_a_heading_in_single_marks_is_not_speech_in_an_article_quoting_in_double_marks(analyse):
    body = ("Pavel Lind opened the depot on Monday.\n\n"
            "'A depot built for the next fifty years.'\n\n"
            "The building cost more than planned. “We finished it before the winter storms came,” Lind said.")
    found = _quotes(analyse, body)
    assert found["A depot built for the next fifty years."] is True
    assert found["We finished it before the winter storms came,"] is False


def test_single_marks_stay_speech_where_the_writer_quotes_in_single_marks(analyse):
    body = ("'We finished the depot before the winter storms came,' Lind said.\n\n"
            "'The trams will run every ten minutes from June,' added Nadia Vorst.")
    found = _quotes(analyse, body)
    assert found["We finished the depot before the winter storms came,"] is False
    assert found["The trams will run every ten minutes from June,"] is False


def test_a_title_after_a_naming_word_is_kept_apart(analyse):
    found = _quotes(analyse, "The Marenhal theatre staged a play called “The Night the Trams Stopped Running” "
                             "last winter, and it sold out.")
    assert found["The Night the Trams Stopped Running"] is True


def test_a_slogan_a_speaker_voices_is_reported_speech(analyse):
    # The title-case rule alone flags it; the speech verb and the speaker around it outweigh that.
    body = "Nadia Vorst told the crowd in Marenhal that Veltra would “Build The Northern Line Again,” she said."
    assert _quotes(analyse, body)["Build The Northern Line Again,"] is False


def test_short_spans_keep_the_rule_and_get_no_features(analyse):
    from desktop.analysis import get_nlp

    doc = get_nlp()("Lind called the plan “a disgrace” and left. “The plan is a disgrace and a waste,” he said.")
    short = [f for (s, _scare), f in zip(doc._.quotations, doc._.quote_features, strict=True)
             if doc.text[s.start:s.end] == "a disgrace"]
    assert short == [None]
    assert sum(f is not None for f in doc._.quote_features) == 1


def test_features_read_the_sentence_around_the_marks():
    from desktop.analysis import get_nlp

    nlp = get_nlp()
    body = "Vorst said the council backed the “plan to extend the tram line north” on Friday."
    doc = nlp(body)
    (span, scare), = doc._.quotations
    f = quote_filter.features(doc, body, span, None, scare, False)
    assert f["cue_before"] == 1.0 and "cue_after" not in f
    assert f["determiner_before"] == 1.0  # 'the “…”': the name of a thing
    assert f["kind_unread"] == 1.0 and f["ends_other"] == 1.0
    assert "whole_paragraph" not in f and "single_in_double_style" not in f


def test_single_style_counts_which_marks_open_the_quotations():
    british = "'We are ready,' said Lind. 'So are we,' said Vorst. He called it a “plan”."
    american = "“We are ready,” said Lind. “So are we,” said Vorst. It was a 'plan' of sorts."
    assert quote_filter.single_style(british, find_quote_spans(british)) is True
    assert quote_filter.single_style(american, find_quote_spans(american)) is False


def test_probability_follows_the_weights():
    assert quote_filter.probability({"bias": 1.0}, {"bias": 0.0}) == pytest.approx(0.5)
    assert quote_filter.probability({"bias": 1.0, "cue_after": 1.0}, {"bias": -1.0, "cue_after": 3.0}) > 0.8
    assert quote_filter.probability({"bias": 1.0}, {"bias": -1000.0}) < 1e-9  # no overflow


def test_the_weights_ship_as_a_small_json_file_fitted_on_train():
    data = json.loads(quote_filter.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert quote_filter.WEIGHTS_FILE.stat().st_size < 10_000
    assert "PolNeAR train" in data["trained_on"]
    coef = data["coef"]
    assert coef["cue_after"] > 0 and coef["cue_before"] > 0  # a speech verb in the sentence means speech
    assert coef["single_in_double_style"] < 0
    assert "single_marks" not in coef  # single marks are quotations where the writer quotes in them
    assert "continues" not in coef  # a paragraph going on with a quotation is speech by convention


def test_quotations_typed_with_doubled_apostrophes_make_single_marks_stand_out():
    """Archive text types its double marks as two apostrophes; a line in single marks there is a
    heading or a phrase, as in an article that quotes in real double marks."""
    from desktop.analysis.quote_filter import single_style
    from desktop.analysis.quotes import find_quote_spans

    body = ("''The depot opens in May,'' Ilsa Roavik said. ''The trams follow in June.''\n\n"
            "'A long wait for the trams.'\n\n''We are ready,'' said Tomas Brenn.")
    spans = find_quote_spans(body)
    assert [body[s.start:s.end] for s in spans] == ["A long wait for the trams."]
    assert not single_style(body, spans)


def test_a_verb_that_names_the_thing_in_marks_is_no_speech_cue():
    from desktop.analysis import get_nlp

    nlp = get_nlp()
    named = nlp("The theatre in Marenhal staged a play called “The Night the Trams Stopped Running” last winter.")
    assert "cue_before" not in next(f for f in named._.quote_features if f)
    said = nlp("Nadia Vorst called the plan “a waste of money for the whole town” on Monday.")
    assert "cue_before" in next(f for f in said._.quote_features if f)


def test_the_words_right_beside_the_marks_are_features():
    from desktop.analysis import get_nlp

    nlp = get_nlp()
    body = "Nadia Vorst told reporters “the trams will run every ten minutes from June” on Friday."
    doc = nlp(body)
    f = next(f for f in doc._.quote_features if f)
    assert f["before_word=reporters"] == 1.0 and f["before_tag=NNS"] == 1.0
    assert f["after_word=on"] == 1.0 and f["after_tag=IN"] == 1.0
    # Nothing but the quotation in its paragraph: the paragraph's edges stand for the words.
    alone = nlp("Lind opened the depot.\n\n“We finished it before the winter storms came.”\n\nThe trams follow.")
    g = next(f for f in alone._.quote_features if f)
    assert g["before_word=<paragraph>"] == 1.0 and g["after_word=<paragraph>"] == 1.0
    assert not any(k.startswith(("before_tag=", "after_tag=")) for k in g)


def test_a_space_glued_to_a_mark_is_not_the_word_beside_it():
    from desktop.analysis import get_nlp

    doc = get_nlp()("The mayor of Marenhal said:  “The depot opens in May for the whole town.”  Then she left.")
    f = next(f for f in doc._.quote_features if f)
    assert f["before_word=:"] == 1.0 and f["after_word=then"] == 1.0


def test_only_words_seen_often_next_to_marks_are_fitted():
    from desktop.analysis.train import MIN_CONTEXT_COUNT, common_words_only

    rows = [{"bias": 1.0, "before_word=told": 1.0, "after_word=by": 1.0} for _ in range(MIN_CONTEXT_COUNT)]
    rows.append({"bias": 1.0, "before_word=whispered": 1.0, "cue_after": 1.0})
    kept = common_words_only(rows)
    assert kept[0] == {"bias": 1.0, "before_word=told": 1.0, "after_word=by": 1.0}
    assert kept[-1] == {"bias": 1.0, "cue_after": 1.0}  # a word seen once says nothing general


def test_a_name_beside_the_marks_counts_by_its_tag_not_its_word():
    from desktop.analysis import get_nlp

    doc = get_nlp()("“The depot opens in May for the whole town,” Nadia Vorst said in Marenhal.")
    f = next(f for f in doc._.quote_features if f)
    assert f["after_tag=NNP"] == 1.0
    assert not any(k.startswith("after_word=") for k in f)


def test_the_fitted_weights_read_a_byline_after_the_marks_as_a_headline():
    coef = quote_filter.weights()
    assert coef["after_word=by"] < 0  # '“Trams Return to the North,” by Ilsa Roavik': a headline
    assert coef["after_word=said"] > 0  # '“…,” said Lind': speech
    lexical = [k for k in coef if k.startswith(("before_word=", "after_word="))]
    assert lexical and all(k == k.lower() for k in lexical)


def test_a_show_named_in_marks_is_kept_apart_by_the_word_after_them(analyse):
    # Neither the word before ('the') nor the title-case rule decides it alone; 'show' after the marks does.
    body = ("Tomas Brenn was a guest on the “Morning in Marenhal with Ilsa Roavik” show, where he said "
            "the depot was ready. “We finished it before the winter storms came,” Brenn said.")
    found = _quotes(analyse, body)
    assert found["Morning in Marenhal with Ilsa Roavik"] is True
    assert found["We finished it before the winter storms came,"] is False


def test_a_byline_after_the_marks_lowers_the_chance_of_speech():
    from desktop.analysis import get_nlp

    nlp = get_nlp()

    def chance(after: str) -> float:
        doc = nlp(f"The Courier ran “Why the northern trams will be late again this winter,” {after} on Monday.")
        return quote_filter.probability(next(f for f in doc._.quote_features if f))

    assert chance("by Ilsa Roavik,") < chance("Ilsa Roavik said,") - 0.2
