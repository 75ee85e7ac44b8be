"""Each ClaimDesk spaCy component on its own, on sentences written for these tests."""
from __future__ import annotations

import pytest
import spacy

from desktop.analysis.pipeline import COMPONENTS


@pytest.fixture(scope="module")
def nlp():
    from desktop.analysis import get_nlp

    return get_nlp()


def run_until(nlp, text: str, last: str):
    """The doc after the model and the ClaimDesk components up to `last` (the later ones off)."""
    later = COMPONENTS[COMPONENTS.index(last) + 1:]
    with nlp.select_pipes(disable=list(later)):
        return nlp(text)


def test_the_components_are_registered_and_run_in_order(nlp):
    assert list(nlp.pipe_names[-len(COMPONENTS):]) == list(COMPONENTS)
    for name in COMPONENTS:
        assert name in spacy.registry.factories


def test_quotation_finding_needs_no_model():
    """The quotes component reads marks only, so a blank pipeline runs it."""
    import desktop.analysis.components  # noqa: F401  (registers the components)

    blank = spacy.blank("en")
    blank.add_pipe("claimdesk_quotes")
    doc = blank('The mayor said “the ferry is back” and added “Tickets are cheaper now.” '
                'The so-called “plan” was new.\n\n"We start in May,\n\n"and finish in June," she said.')
    found = [(doc.text[s.start:s.end], scare, s.continues) for s, scare in doc._.quotations]
    assert ("the ferry is back", False, False) in found
    assert ("Tickets are cheaper now.", False, False) in found
    assert ("plan", True, False) in found  # a scare quote is flagged, not dropped
    assert ("We start in May,", False, False) in found  # unclosed at the paragraph's end
    assert ("and finish in June,", False, True) in found  # reopened on the next paragraph: continues


def test_cue_finding_matches_speech_verbs_participles_and_according_to(nlp):
    doc = run_until(nlp, "The minister said the port would open, adding that tolls would fall. According to "
                         "the Marenhal harbour office, the ships are late, as a customs memo put it.",
                    "claimdesk_cues")
    labels = {(c.text, c.label_) for c in doc._.cues}
    assert ("said", "SPEECH") in labels
    assert ("adding", "SPEECH") in labels
    assert ("According to", "ACCORDING") in labels
    assert ("put", "SPEECH") in labels  # "as a memo put it" by the dependency pattern
    assert not [t for t in doc if t._.is_cue and t.lower_ in ("open", "fall", "late")]


def test_attribution_reads_the_subject_of_the_cue(nlp):
    doc = run_until(nlp, "“The trams will run all night,” Councillor Nadia Vorst told reporters on Friday.",
                    "claimdesk_attribution")
    (span, scare), = doc._.quotations
    attr = doc._.attributions[0]
    assert not scare
    assert "Nadia Vorst" in attr.speaker_text and attr.cue == "told" and attr.kind == "name"


def test_entity_merging_joins_a_surname_to_the_full_name(nlp):
    doc = run_until(nlp, "Anna-Lise Orvan opened the new depot in Marenhal. Orvan said it cost less than planned.",
                    "claimdesk_entities")
    people = [e for e in doc._.entities if e.type == "PERSON"]
    orvan = next(e for e in people if "Orvan" in e.name)
    assert orvan.name == "Anna-Lise Orvan" and len(orvan.mentions) == 2


def test_speaker_choice_writes_quotes_and_the_candidates_weighed(nlp):
    doc = nlp("Pavel Lind met Nadia Vorst at the depot. “The budget is settled,” Vorst said afterwards.")
    (quote,) = doc._.quotes
    assert quote.speaker == "Nadia Vorst"
    (text, candidates), = doc._.speaker_candidates
    assert text == quote.text
    assert {"Nadia Vorst", "Pavel Lind", ""} <= {c.name for c in candidates}  # "" is naming no one
