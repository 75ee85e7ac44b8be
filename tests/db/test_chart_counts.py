"""The dashboard's and the report's counts agree with the article list: an article revised since counts
once, as its newest version. The whole library's charts counted both versions of the article itself (two
articles in March for one article in the list; the undated count likewise). Names and quotations go with
the newest version already (a revision drops the old version's analysis), which the entity, speaker and
dossier checks here hold to."""
from __future__ import annotations

import datetime as dt

import pytest

from db.models import Entity, EntityMention, Quote
from desktop.ingest.types import ParsedArticle
from desktop.services import Library

FIRST = ("The harbour board of Marenhal said on Tuesday that fees at Port Kessa would double from April. "
         "Dalia Orsek said the ferries could not run at a loss. Dock workers will meet again on Friday.")
REVISED = FIRST.replace("double from April", "rise by a third from May")
OTHER = "Ferry fares to Osterlund rose by a fifth over the winter, Dalia Orsek told the island council."


def _parsed(body: str, title: str, published: dt.date | None) -> ParsedArticle:
    return ParsedArticle(title=title, body=body, original_text=body, outlet="Coastal Ledger", published=published)


def _names(lib: Library, article_id: int, body: str) -> None:
    """What an analysis stores: Dalia Orsek named and quoted in the article."""
    start = body.index("Dalia Orsek")
    with lib.store.write() as s:
        orsek = s.query(Entity).filter_by(name="Dalia Orsek").one_or_none()
        if orsek is None:
            orsek = Entity(name="Dalia Orsek", type="PERSON", name_by_user=False, type_by_user=False)
            s.add(orsek)
            s.flush()
        s.add(EntityMention(article_id=article_id, entity_id=orsek.id, start=start, end=start + 11,
                            text="Dalia Orsek", analyser_version="test"))
        s.add(Quote(article_id=article_id, start=start, end=len(body), text=body[start:], speaker_entity_id=orsek.id,
                    speaker_text="Dalia Orsek", cue="said", is_scare=False, analyser_version="test"))


@pytest.fixture
def lib(tmp_path):
    with Library.open(tmp_path / "library.sqlite", annotator="Mara Veld") as lib:
        ((_p, first),) = lib.importer.add_parsed([("fees.txt", _parsed(FIRST, "Fees to double", dt.date(2026, 3, 14)))]).added
        ((_p, other),) = lib.importer.add_parsed([("fares.txt", _parsed(OTHER, "Fares rise", None))]).added
        _names(lib, first, FIRST)
        _names(lib, other, OTHER)
        lib.claims.create(first, 4, 18, [1], verdict="disputed")
        lib.claims.create(other, 0, 11, [1], verdict="supported")
        report = lib.importer.add_parsed([("fees-2.txt", _parsed(REVISED, "Fees to double", dt.date(2026, 3, 14)))])
        ((_p, revision),) = report.added
        assert report.revised and report.revised[0][1].previous_id == first
        _names(lib, revision, REVISED)  # the new version is analysed in turn
        yield lib


def test_the_whole_librarys_counts_are_the_lists(lib):
    listed = lib.articles.ids()
    assert len(listed) == 2
    stats = lib.stats
    assert [(c.label, c.n) for c in stats.articles_per_month()] == [("2026-03", 1)]
    assert stats.undated().articles == 1 and stats.undated_article_ids() == [i for i in listed
                                                                          if lib.articles.get(i).published is None]
    assert [(c.label, c.n) for c in stats.top_entities()] == [("Dalia Orsek", 2)]
    assert [(c.label, c.n) for c in stats.top_speakers()] == [("Dalia Orsek", 2)]
    assert sorted((c.label, c.n) for c in stats.claims_per_verdict()) == [("disputed", 1), ("supported", 1)]
    assert [(c.label, c.n) for c in stats.claims_per_month()] == [("2026-03", 1)]
    assert set(stats.article_ids_with_verdict("disputed")) <= set(listed)


def test_the_counts_of_the_listed_articles_equal_the_whole_librarys(lib):
    listed = lib.articles.ids()
    stats = lib.stats
    for chart in ("articles_per_month", "claims_per_tag", "claims_per_verdict", "top_entities", "top_speakers",
                  "claims_per_month"):
        whole, scoped = getattr(stats, chart)(), getattr(stats, chart)(listed)
        assert [(c.label, c.n) for c in whole] == [(c.label, c.n) for c in scoped], chart
    assert stats.undated() == stats.undated(listed)


def test_a_dossier_shows_a_revised_articles_quotation_once(lib):
    (orsek,) = [e for e in lib.entities.list(None) if e.name == "Dalia Orsek"]
    dossier = lib.dossiers.get(orsek.id)
    listed = set(lib.articles.ids())
    assert len(dossier.quotes) == 2 and {q.article_id for q in dossier.quotes} <= listed


def test_the_entities_panel_for_the_library_counts_a_revised_article_once(lib):
    (orsek,) = [e for e in lib.entities.list(None) if e.name == "Dalia Orsek"]
    assert (orsek.mention_count, orsek.article_count) == (2, 2)  # the newest version and the other article
    for article_id in lib.articles.ids():
        assert [(e.name, e.mention_count) for e in lib.entities.list(article_id)] == [("Dalia Orsek", 1)]
