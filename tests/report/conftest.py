"""A small library with invented text in several scripts, analysed by hand so reports are stable."""
from __future__ import annotations

import pytest

from db.models import Article
from desktop.analysis.types import Analysis, EntityResult, Mention, QuoteResult
from desktop.services import Library
from desktop.services.annotations import replace_automatic
from tests.helpers import add_article

BODY_A = ("Finance Minister Dalia Orsek said exports rose 14% in March. "
          "“The harbour is full again,” Orsek told the Coastal Ledger.\n\n"
          "Critics in Осterlund disagreed: Айгерим Сапарова 🌊 called the figure invented.")
BODY_B = ("The council met in Halvik. שלום and مرحبا were painted on the quay wall. Exports fell 3%.\n\n"
          "Әсем Ғұмарқызы of Өріс Үні said the ұн and қант stocks at Һарбор іске асты 🚢 last week.")


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def analysis_a() -> Analysis:
    def m(text):
        a, b = span(BODY_A, text)
        return Mention(a, b, text)
    return Analysis("test", entities=(
        EntityResult("Dalia Orsek", "PERSON", (m("Dalia Orsek"), Mention(*span(BODY_A, "Orsek told")[:1],
                                                                          span(BODY_A, "Orsek told")[0] + 5, "Orsek")),
                     ("Dalia Orsek", "Orsek")),
        EntityResult("Айгерим Сапарова", "PERSON", (m("Айгерим Сапарова"),), ("Айгерим Сапарова",)),
        EntityResult("Coastal Ledger", "ORG", (m("Coastal Ledger"),), ("Coastal Ledger",)),
    ), quotes=(QuoteResult(*span(BODY_A, "The harbour is full again,"), "The harbour is full again,",
                           speaker="Dalia Orsek", speaker_text="Orsek", cue="told"),))


@pytest.fixture
def report_library(tmp_path):
    lib = Library.open(tmp_path / "Harbour study.sqlite", annotator="Mara Quell")
    a = add_article(lib, BODY_A, title="Exports rise — Осterlund doubts", outlet="Coastal Ledger",
                    author="Jonas Feldt")
    b = add_article(lib, BODY_B, title="Council meets", outlet="Northern Wire")
    with lib.store.write() as s:
        replace_automatic(s, s.get(Article, a), analysis_a())
    stat = lib.tags.find("Factual claim/Statistic").id
    lib.claims.create(a, *span(BODY_A, "exports rose 14% in March"), [stat], verdict="disputed",
                      note="Customs says 9% 🌊")
    lib.claims.create(a, *span(BODY_A, "Айгерим Сапарова 🌊 called the figure invented"),
                      [lib.tags.find("Opinion").id], speaker_text="Айгерим Сапарова")
    lib.claims.create(b, *span(BODY_B, "שלום and مرحبا were painted"), [lib.tags.find("Framing").id], note="RTL")
    lib.claims.create(b, *span(BODY_B, "ұн and қант stocks at Һарбор іске асты 🚢"),
                      [lib.tags.find("Factual claim/Statistic").id, lib.tags.find("Framing").id], verdict="supported",
                      note="Тексерілді: ә ғ қ ң ө ұ ү һ і")
    yield lib
    lib.close()
