"""Entity types corrected by the article's own evidence where the small model guesses."""
from __future__ import annotations

from tests.analysis.test_quotes_and_speakers import check_offsets


def _types(analysis) -> dict[str, str]:
    return {e.name: e.type for e in analysis.entities}


def test_a_people_and_its_place_are_told_apart(analyse):
    body = ("Veltra banned grain exports on Monday. Veltran officials said the ban would last ninety days, "
            "and traders in Veltra said Veltran ships would wait in port.")
    a = analyse(body)
    check_offsets(body, a)
    types = _types(a)
    assert types.get("Veltran") == "NORP"
    assert types.get("Veltra") == "GPE"


def test_a_place_ending_names_the_place_not_the_people(analyse):
    body = ("Uzbekistan lowered its cotton levy. Uzbek growers cheered the decision, and Uzbekistan's "
            "ministry said Uzbek cotton sales would rise.")
    types = _types(analyse(body))
    assert types.get("Uzbek") == "NORP"
    assert types.get("Uzbekistan") == "GPE"


def test_an_acronym_is_never_a_people(analyse):
    body = "The EU said Europe must buy more grain, and EU ministers agreed to meet in Europe again."
    types = _types(analyse(body))
    assert types.get("EU") not in (None, "NORP")


def test_the_article_before_a_name_is_kept_as_an_alias(analyse):
    body = "Veltra has drifted toward the West since 2019, and the West has noticed."
    west = next(e for e in analyse(body).entities if e.name == "West")
    assert "the West" in west.aliases
    assert all(m.text == "West" for m in west.mentions)


def test_a_one_word_person_standing_after_in_is_a_place(analyse):
    body = ('"We will not ship grain abroad while families in Marenhal queue for bread," President Aurel '
            'Danek said.')
    types = _types(analyse(body))
    assert types.get("Marenhal") == "GPE"
    assert types.get("Aurel Danek") == "PERSON"


def test_a_place_taken_for_a_person_joins_the_same_place():
    """One 'Marenhal' called a city and another, after 'in', a person: one entity, not two."""
    from desktop.analysis.entities import _merge
    from desktop.analysis.types import Mention

    body = "Marenhal voted. Families in Marenhal queue for bread."
    city, person = Mention(0, 8, "Marenhal"), Mention(28, 36, "Marenhal")
    merged = _merge([("GPE", "Marenhal", city, "Marenhal"), ("PERSON", "Marenhal", person, "Marenhal")], body)
    assert [(e.name, e.type, len(e.mentions)) for e in merged] == [("Marenhal", "GPE", 2)]


def test_an_outlet_told_things_is_an_organisation_not_a_person(analyse):
    """News introduces a person by full name; a one-word name that is only ever told things is an outlet."""
    body = ('"The harbour will reopen in June," the port director Ilse Varnow told Kestrel, adding that '
            '"the cranes are already being repaired."\n\nKestrel visited the port last week.')
    types = _types(analyse(body))
    assert types.get("Kestrel") == "ORG"
    assert types.get("Ilse Varnow") == "PERSON"


def test_a_surname_told_things_stays_a_person_when_the_full_name_is_there(analyse):
    body = ('Finance Minister Aurel Danek spoke first. "The levy stays," the harbour master told Danek, '
            'and Danek nodded.')
    types = _types(analyse(body))
    assert types.get("Aurel Danek") == "PERSON"
    assert "Danek" not in types


def test_an_institution_at_the_start_of_a_quotation_is_an_organisation(analyse):
    body = '"The Government of Veltra has kept every promise it made to the farmers," said a senior diplomat.'
    assert _types(analyse(body)).get("Government of Veltra") == "ORG"


def test_a_stance_or_era_adjective_is_not_a_people(analyse):
    body = "Veltra has moved away from its post-Soviet habits, and Veltran farmers now sell to Europe."
    types = _types(analyse(body))
    assert "post-Soviet" not in types
    assert types.get("Veltran") == "NORP"


def _span_mention(text: str, first: str, last: str, label: str):
    from spacy.tokens import Span

    from desktop.analysis import get_nlp
    from desktop.analysis.entities import _mention

    doc = get_nlp().make_doc(text)
    start = next(t.i for t in doc if t.text == first)
    end = next(t.i for t in doc if t.text == last) + 1
    return _mention(text, Span(doc, start, end, label=label))


def test_a_name_never_runs_over_a_line_break_and_a_subheading_is_not_a_name():
    text = "Debts and New Realities for Veltra\n\nThe ministry said exports rose."
    assert _span_mention(text, "Debts", "\n\n", "ORG") is None  # the whole line: a subheading
    m = _span_mention("Veltra\n\nThe ministry said so.", "Veltra", "\n\n", "GPE")
    assert m is not None and m.text == "Veltra"


def test_an_unclosed_bracket_is_cut_from_a_name():
    text = "Traders use the Marenhal Freight Corridor (MFC to reach the coast."
    m = _span_mention(text, "Marenhal", "MFC", "FAC")
    assert m is not None and m.text == "Marenhal Freight Corridor"
