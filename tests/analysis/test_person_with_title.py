"""A person named with an organisation in the title ("Harbour Board Chair Mara Velt said") is the
speaker; the organisation there is part of her title, not a voice of its own."""
from __future__ import annotations

import pytest

from desktop.analysis import ranker
from desktop.analysis.ranker import Candidate


def _said(analyse, body: str, starts: str):
    return next(q for q in analyse(body).quotes if not q.is_scare and q.text.startswith(starts))


@pytest.mark.parametrize("body", [
    "The tariffs were dropped on Friday. Harbour Board Secretary-General Mara Velt called the deal "
    "\"a fair price for three years of quiet at the docks.\"",
    "Harbour Board Chair Mara Velt said “the ferries will run on time from next week onwards.”",
])
def test_the_person_after_an_organisation_title_speaks(analyse, body):
    q = _said(analyse, body, "a fair price" if "fair price" in body else "the ferries")
    assert q.speaker == "Mara Velt"


def test_a_people_in_a_description_with_no_name_still_counts():
    """Without a person at the head, the modifier keeps its own feature ("a senior Veltran diplomat")."""
    coef, _ = ranker.weights()
    assert coef["modifier_of_person"] < 0 < coef["attribution_modifier"]


def test_candidates_mark_the_organisation_as_the_persons_title():
    from desktop.analysis import get_nlp

    body = "Harbour Board Chair Mara Velt said “the ferries will run on time from next week onwards.”"
    cands = dict(get_nlp()(body)._.speaker_candidates)["the ferries will run on time from next week onwards."]
    person = next(c for c in cands if c.name == "Mara Velt")
    assert "attribution_head_person" in person.features
    others = [c for c in cands if c.name and c.name != "Mara Velt" and "not_entity" not in c.features]
    assert all("attribution_modifier" not in c.features for c in others)


def test_training_labels_prefer_the_named_person():
    pytest.importorskip("sklearn")
    from desktop.analysis import train

    person = Candidate("Mara Velt", "Mara Velt", {"type_PERSON": 1.0, "attribution_head_person": 1.0})
    board = Candidate("Harbour Board", "Harbour Board", {"type_ORG": 1.0, "modifier_of_person": 1.0})
    nobody = Candidate("", None, {"nobody": 1.0})
    names = train.name_words("Harbour Board Chair Mara Velt")
    assert train.named_labels([person, board, nobody], names) == [True, False, False]
    # With no person among them, the organisation that shares a name word stays right.
    assert train.named_labels([board, nobody], names) == [True, False]
