"""A person's work round-trips through the library and survives reopening it."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from desktop.edits import CreateClaim, EditHistory, MergeEntities, SetClaimTags, UpdateClaim
from desktop.services import Library, NotFound, UserError
from desktop.services.claims import find_passage
from desktop.services.dto import ArticleFilter
from tests.helpers import add_article

BODY = "Zoë said “the dam 🌊 cost 40% more than planned,” and the ministry disagreed. Café owners agreed."


def test_article_round_trip(library):
    aid = add_article(library, BODY, title="Dam costs", author="Ana Pell", outlet="Ledger",
                      published=dt.date(2026, 3, 14))
    art = library.articles.get(aid)
    assert (art.title, art.author, art.outlet, art.published, art.body) == (
        "Dam costs", "Ana Pell", "Ledger", dt.date(2026, 3, 14), BODY)
    assert art.word_count == len(BODY.split())


def test_user_corrections_are_kept_beside_what_was_found(library):
    aid = add_article(library, BODY, title="Dam cost")
    library.articles.set_metadata(aid, "title", "Dam costs soar")
    library.articles.set_metadata(aid, "published", "2026-01-02")
    art = library.articles.get(aid)
    assert art.title == "Dam costs soar" and art.found["title"] == "Dam cost"
    assert art.published == dt.date(2026, 1, 2)
    with pytest.raises(UserError):
        library.articles.set_metadata(aid, "published", "yesterday")


def test_claims_keep_text_and_offsets_across_restart(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        aid = add_article(lib, BODY)
        start, end = find_passage(BODY, "the dam 🌊 cost 40% more than planned")
        tag = lib.tags.ensure_path("Economy/Costs")
        claim = lib.claims.create(aid, start, end, [tag.id], verdict="disputed", note="ask the ministry")
    with Library.open(path) as lib:
        again = lib.claims.get(claim.id)
        body = lib.articles.get(aid).body
    assert body[again.start:again.end] == again.text == "the dam 🌊 cost 40% more than planned"
    assert (again.verdict, again.note, again.tag_names) == ("disputed", "ask the ministry", ("Costs",))


def test_find_passage_rules():
    assert find_passage("a b a", "b") == (2, 3)
    with pytest.raises(UserError, match="2 times"):
        find_passage("a b a", "a")
    assert find_passage("a b a", "a", occurrence=2) == (4, 5)
    with pytest.raises(UserError, match="does not occur"):
        find_passage("a b a", "c")


def test_claim_span_is_checked(library):
    aid = add_article(library, BODY)
    with pytest.raises(UserError):
        library.claims.create(aid, 5, 5000)
    with pytest.raises(NotFound):
        library.claims.create(9999, 0, 1)
    with pytest.raises(UserError):
        library.claims.create(aid, 0, 3, verdict="maybe")


def test_undo_redo_of_edits(library):
    aid = add_article(library, BODY)
    history = EditHistory(library)
    create = CreateClaim(aid, 0, 3)
    history.push(create)
    history.push(UpdateClaim(create.claim_id, {"note": "first note"}))
    history.push(SetClaimTags(create.claim_id, (1, 2)))
    assert library.claims.get(create.claim_id).tag_ids == (1, 2)
    history.undo()
    history.undo()
    assert library.claims.get(create.claim_id).note == ""
    history.undo()
    assert library.claims.all() == []
    history.redo()
    assert library.claims.get(create.claim_id).text == "Zoë"
    history.redo()
    assert library.claims.get(create.claim_id).note == "first note"


def test_audit_log_records_each_edit(library, tmp_path):
    aid = add_article(library, BODY)
    library.claims.create(aid, 0, 3)
    raw = sqlite3.connect(library.location)
    actions = [r[0] for r in raw.execute("SELECT action FROM audit_log ORDER BY id")]
    assert "claim.create" in actions


def test_article_with_claims_cannot_be_deleted(library):
    aid = add_article(library, BODY)
    library.claims.create(aid, 0, 3)
    with pytest.raises(UserError):
        library.articles.delete(aid)


def test_tag_hierarchy_and_cycles(library):
    parent = library.tags.create("Sources")
    child = library.tags.create("Anonymous", parent_id=parent.id)
    assert library.tags.get(child.id).path == "Sources/Anonymous"
    with pytest.raises(UserError):
        library.tags.update(parent.id, parent_id=child.id)
    with pytest.raises(UserError):
        library.tags.create("anonymous", parent_id=parent.id)
    with pytest.raises(UserError):
        library.tags.update(child.id, color="red")


def test_tag_delete_and_restore_keeps_claims(library):
    aid = add_article(library, BODY)
    tag = library.tags.create("Temporary")
    claim = library.claims.create(aid, 0, 3, [tag.id])
    saved = library.tags.delete(tag.id)
    assert library.claims.get(claim.id).tag_ids == ()
    library.tags.restore(saved)
    assert library.claims.get(claim.id).tag_ids == (tag.id,)


def test_default_codebook_seeded_once(tmp_path):
    with Library.open(tmp_path / "a.sqlite") as lib:
        n = len(lib.tags.list())
        assert n >= 8 and lib.created
    with Library.open(tmp_path / "a.sqlite") as lib:
        assert len(lib.tags.list()) == n and not lib.created


def test_list_filter_sort_and_page(library):
    for i in range(30):
        add_article(library, f"Body number {i} about the harbour.", title=f"Article {i:02d}",
                    outlet="Ledger" if i % 2 else "Gazette", published=dt.date(2026, 1, 1 + i))
    assert library.articles.count() == 30
    assert library.articles.count(ArticleFilter(outlet="Ledger")) == 15
    rows = library.articles.rows(sort="title", descending=True, offset=0, limit=5)
    assert [r.title for r in rows] == [f"Article {i:02d}" for i in range(29, 24, -1)]
    flt = ArticleFilter(date_from=dt.date(2026, 1, 10), date_to=dt.date(2026, 1, 12))
    assert library.articles.count(flt) == 3
    assert library.articles.count(ArticleFilter(text="number 7")) == 1
    with pytest.raises(UserError):
        library.articles.rows(sort="nonsense")


def test_merge_survives_reanalysis_and_can_be_undone(library):
    from desktop.analysis.types import Analysis, EntityResult, Mention
    from desktop.services.annotations import replace_automatic

    body = "Ilsa Roavik met Roavik Holdings. Later Ms Roavik spoke."
    aid = add_article(library, body)

    def analysis():
        return Analysis("test-1", entities=(
            EntityResult("Ilsa Roavik", "PERSON", (Mention(0, 11, "Ilsa Roavik"), Mention(43, 49, "Roavik")),
                         ("Ilsa Roavik", "Roavik")),
            EntityResult("Roavik Holdings", "ORG", (Mention(16, 31, "Roavik Holdings"),), ("Roavik Holdings",)),
        ))

    with library.store.write() as s:
        from db.models import Article
        replace_automatic(s, s.get(Article, aid), analysis())
    ents = {e.name: e.id for e in library.entities.list(aid)}
    history = EditHistory(library)
    history.push(MergeEntities([ents["Roavik Holdings"]], ents["Ilsa Roavik"]))
    with library.store.write() as s:
        replace_automatic(s, s.get(Article, aid), analysis())
    assert [e.name for e in library.entities.list(aid)] == ["Ilsa Roavik"]
    history.undo()
    assert sorted(e.name for e in library.entities.list(aid)) == ["Ilsa Roavik", "Roavik Holdings"]


def test_a_place_typed_two_ways_in_two_articles_is_one_entity(library):
    from db.models import Article
    from desktop.analysis.types import Analysis, EntityResult, Mention
    from desktop.services.annotations import replace_automatic

    body = "Veltra banned exports."
    first, second = add_article(library, body), add_article(library, body + " Again.")

    def analyse(aid: int, type_: str) -> None:
        found = Analysis("test-1", entities=(EntityResult("Veltra", type_, (Mention(0, 6, "Veltra"),), ("Veltra",)),))
        with library.store.write() as s:
            replace_automatic(s, s.get(Article, aid), found)

    def places() -> list[tuple[str, int]]:
        return [(e.type, e.article_count) for e in library.entities.list() if e.name == "Veltra"]

    analyse(first, "ORG")
    analyse(second, "GPE")  # a country anywhere is the country
    assert places() == [("GPE", 2)]
    library.entities.retype(library.entities.list()[0].id, "ORG")
    analyse(second, "GPE")  # a person's retype stands
    assert places() == [("ORG", 2)]


def test_a_retype_holds_when_a_later_analyser_agrees_with_it(library):
    from db.models import Article
    from desktop.analysis.types import Analysis, EntityResult, Mention
    from desktop.services.annotations import replace_automatic

    aid = add_article(library, "Marenhal queued for bread.")

    def analyse(type_: str) -> None:
        found = Analysis("test", entities=(EntityResult("Marenhal", type_, (Mention(0, 8, "Marenhal"),), ("Marenhal",)),))
        with library.store.write() as s:
            replace_automatic(s, s.get(Article, aid), found)

    analyse("PERSON")
    retyped = library.entities.list()[0].id
    library.entities.retype(retyped, "GPE")
    analyse("GPE")
    assert [(e.id, e.name, e.type) for e in library.entities.list()] == [(retyped, "Marenhal", "GPE")]


def test_reanalysis_never_touches_claims(library):
    from db.models import Article
    from desktop.analysis.types import Analysis
    from desktop.services.annotations import replace_automatic

    aid = add_article(library, BODY)
    claim = library.claims.create(aid, 0, 3, [1], note="mine")
    library.suggestions.dismiss(aid, "whatever")
    with library.store.write() as s:
        replace_automatic(s, s.get(Article, aid), Analysis("v2"))
    assert library.claims.get(claim.id).note == "mine"
    assert library.articles.get(aid).analyser_version == "v2"


def test_article_body_is_immutable(library):
    import sqlite3

    aid = add_article(library, BODY)
    raw = sqlite3.connect(library.location)
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        raw.execute("UPDATE articles SET body = 'changed' WHERE id = ?", (aid,))
    raw.execute("UPDATE articles SET status = 'done' WHERE id = ?", (aid,))


@pytest.mark.parametrize("extra", [0, 70_000], ids=["a short list", "longer than PostgreSQL's 65,535 parameters"])
def test_reads_by_many_ids(library, extra):
    """A filter of tens of thousands of articles works like a short one."""
    first, second = add_article(library, "Veltra banned exports."), add_article(library, "Osterlund objected.")
    claim = library.claims.create(second, 0, 9, [1])
    many = [second, *range(10_000_000, 10_000_000 + extra), first]
    assert [a.id for a in library.articles.get_many(many)] == [second, first]
    assert [c.id for c in library.claims.all(article_ids=many)] == [claim.id]
    assert library.entities.mentions_by_article(many) == {}
    assert library.articles.ids(ArticleFilter(article_ids=tuple(many))) == [first, second]
    assert [c.n for c in library.stats.claims_per_tag(many)] == [1]


def test_peoples_are_not_among_the_most_named(library):
    from db.models import Article
    from desktop.analysis.types import Analysis, EntityResult, Mention
    from desktop.services.annotations import replace_automatic

    body = "Veltran traders met Nadia Vorst. Veltran ships wait."
    for n in range(3):
        aid = add_article(library, body + " " * n)
        found = Analysis("test", entities=(
            EntityResult("Veltran", "NORP", (Mention(0, 7, "Veltran"), Mention(33, 40, "Veltran")), ("Veltran",)),
            EntityResult("Nadia Vorst", "PERSON", (Mention(20, 31, "Nadia Vorst"),), ("Nadia Vorst",))))
        with library.store.write() as s:
            replace_automatic(s, s.get(Article, aid), found)
    assert [c.label for c in library.stats.top_entities()] == ["Nadia Vorst"]
