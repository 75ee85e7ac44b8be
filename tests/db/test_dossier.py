"""An entity's dossier: which claims are about it is decided by the library, without a display."""
from __future__ import annotations

import pytest

from desktop.analysis.types import Analysis, EntityResult, Mention, QuoteResult
from desktop.services import NotFound
from desktop.services.annotations import replace_automatic
from desktop.services.claims import find_passage
from desktop.services.dossier import names
from desktop.services.dto import EntityInfo
from tests.helpers import add_article

ANALYSED = ("Deputy Minister Ilsa Roavik said the Veltran harbour fees would rise in May. "
            "“The port must pay for itself,” she said. Dock crews called the plan unfair.")
UNANALYSED = "Traders in Marenhal blamed roavik for the fees. The Veltra council stayed silent."


def _analyse(library, article_id: int) -> None:
    from db.models import Article

    roavik = EntityResult("Ilsa Roavik", "PERSON", (Mention(16, 27, "Ilsa Roavik"),), ("Ilsa Roavik", "Roavik"))
    quote = QuoteResult(78, 106, "The port must pay for itself", "Ilsa Roavik", "she", "said")
    with library.store.write() as s:
        replace_automatic(s, s.get(Article, article_id), Analysis("test-1", entities=(roavik,),
                                                                  quotes=(quote,)))


def _claim(library, article_id: int, body: str, passage: str, **extra) -> int:
    start, end = find_passage(body, passage)
    return library.claims.create(article_id, start, end, **extra).id


@pytest.fixture
def claims(library):
    first = add_article(library, ANALYSED, title="Harbour fees")
    second = add_article(library, UNANALYSED, title="Traders angry")
    _analyse(library, first)
    roavik = next(e.id for e in library.entities.list(first) if e.name == "Ilsa Roavik")
    made = {
        "covers a mention": _claim(library, first, ANALYSED, "Ilsa Roavik said the Veltran harbour fees"),
        "spoken by her": _claim(library, first, ANALYSED, "The port must pay for itself", speaker_entity_id=roavik),
        "names her in lower case": _claim(library, second, UNANALYSED, "Traders in Marenhal blamed roavik"),
        "about someone else": _claim(library, first, ANALYSED, "Dock crews called the plan unfair"),
        "names Veltra, not her": _claim(library, second, UNANALYSED, "The Veltra council stayed silent"),
        "her words, speaker typed in": _claim(library, second, UNANALYSED, "Traders in Marenhal",
                                              speaker_text="Deputy Minister Ilsa Roavik"),
    }
    return roavik, made


def test_dossier_gathers_claims_spoken_by_covering_or_naming_the_entity(library, claims):
    roavik, made = claims
    dossier = library.dossiers.get(roavik)
    assert dossier.entity.name == "Ilsa Roavik"
    assert {c.id for c in dossier.claims} == {made["covers a mention"], made["spoken by her"],
                                              made["names her in lower case"], made["her words, speaker typed in"]}
    assert [c.article_title for c in dossier.claims] == ["Harbour fees"] * 2 + ["Traders angry"] * 2
    assert [q.text for q in dossier.quotes] == ["The port must pay for itself"]


def test_a_spelling_inside_a_longer_word_is_not_the_entity(library, claims):
    _roavik, made = claims
    veltra = EntityInfo(0, "Veltra", "GPE", ("Veltra",), 0, 0)  # known by its spelling alone
    ids = library.dossiers.claim_ids_about(veltra)
    assert ids == {made["names Veltra, not her"]}  # "Veltran harbour" is the people's adjective, not Veltra


def test_short_spellings_match_only_as_written():
    assert names("The EU objected.", ["EU"])
    assert not names("Tell us more about the harbour.", ["US"])
    assert names("Officials in the usa agreed.", ["USA"])
    assert not names("Roaviks are a family of traders.", ["Roavik"])


def test_an_entity_merged_away_has_no_dossier(library):
    with pytest.raises(NotFound):
        library.dossiers.get(9999)
