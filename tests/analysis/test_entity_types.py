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
