"""A library analysed by an earlier analyser is re-analysed by this one, and every piece of a
person's work (claims, tags, notes, links, merges, retypes, dismissed suggestions) stays."""
from __future__ import annotations

from sqlalchemy import update

from db.models import Article, ClaimSuggestion, EntityMention, Quote
from desktop.analysis import ANALYSER_VERSION
from desktop.analysis.pipeline import analyser_version
from desktop.edits import EditHistory, MergeEntities
from tests.helpers import add_article

PREVIOUS_VERSION = "claimdesk-analysis-2"  # the fixed name the analyser had before it was derived
BODIES = [
    "Transport Minister Nadia Vorst opened the Marenhal tram depot on Monday. “The first trams run in June, "
    "and fares drop by a third,” Vorst told reporters. Pavel Lind of the Osterlund Rail Union was not convinced.\n\n"
    "“We have heard this before,” Lind said. The depot cost 40% more than planned.",
    "Pavel Lind met the Marenhal Water Board on Tuesday. “The pipes are older than the city,” Lind said.",
]


def test_the_version_is_a_digest_of_what_decides_the_output():
    assert ANALYSER_VERSION == analyser_version()
    assert ANALYSER_VERSION.startswith("claimdesk-analysis-") and ANALYSER_VERSION != PREVIOUS_VERSION
    assert len(ANALYSER_VERSION) <= 50  # the column's width


def _made_by_the_previous_version(library) -> list[int]:
    """Analyse, then label every automatic row as the previous analyser's and drop one quote,
    as that analyser's different output would have been stored."""
    ids = [add_article(library, body, title=f"Depot {n}") for n, body in enumerate(BODIES)]
    library.importer.analyse(library.importer.pending_analysis(), n_process=1)
    with library.store.write() as s:
        for model in (Article, EntityMention, Quote, ClaimSuggestion):
            s.execute(update(model).values(analyser_version=PREVIOUS_VERSION))
        s.delete(s.query(Quote).filter(Quote.article_id == ids[1]).first())
    return ids


def test_reanalysis_after_a_version_change_keeps_all_user_work(library):
    ids = _made_by_the_previous_version(library)
    assert library.importer.pending_analysis() == ids  # nothing is current any more

    tag = library.tags.ensure_path("Statistic/Cost")
    body = BODIES[0]
    start = body.index("The depot cost")
    claim = library.claims.create(ids[0], start, start + len("The depot cost 40% more than planned."),
                                  [tag.id], verdict="false", note="checked against the budget")
    other = library.claims.create(ids[1], 0, 10, [], note="second")
    link = library.claims.link(claim.id, other.id, note="same source")
    people = {e.name: e for e in library.entities.list() if e.type == "PERSON"}
    EditHistory(library).push(MergeEntities([people["Pavel Lind"].id], people["Nadia Vorst"].id))
    board = next(e for e in library.entities.list() if "Water Board" in e.name)
    library.entities.retype(board.id, "GPE")
    dismissed = library.suggestions.for_article(ids[0])[0]
    library.suggestions.dismiss(ids[0], dismissed.text)
    before_claims = [library.claims.get(c.id) for c in (claim, other)]
    before_links = library.claims.links(claim.id)

    assert library.importer.analyse(library.importer.pending_analysis(), n_process=1) == 2

    assert library.importer.pending_analysis() == []
    assert {library.articles.get(i).analyser_version for i in ids} == {ANALYSER_VERSION}
    assert [library.claims.get(c.id) for c in (claim, other)] == before_claims
    assert library.claims.links(claim.id) == before_links and link
    names = {e.name: e for e in library.entities.list()}
    assert "Pavel Lind" not in names and names["Nadia Vorst"].article_count == 2  # the merge holds
    assert names[board.name].type == "GPE"  # the retype holds
    assert dismissed.text not in [s.text for s in library.suggestions.for_article(ids[0])]
    assert len(library.entities.quotes(ids[1])) == 1  # the lost quotation is found again
