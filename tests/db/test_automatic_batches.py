"""Analyses stored a batch at a time (bulk INSERTs, spellings read once) give the same library as one by one."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Article, ClaimSuggestion, Entity, EntityAlias, EntityMention, Quote
from desktop.analysis.types import Analysis, EntityResult, Mention, QuoteResult, SuggestionResult
from desktop.services import Library
from desktop.services.annotations import AutomaticWriter, add_automatic
from tests.helpers import add_article

BODIES = [
    "Veltra banned exports. Ilsa Roavik said \"the port stays shut\". Ms Roavik left.",
    "Veltra reopened talks. Roavik Holdings objected, Roavik said. Marenhal waited.",
    "VELTRA ships sailed from Marenhal. \"We are ready,\" said Tomas Ferrin of Roavik Holdings.",
]


def _ent(body: str, name: str, type_: str, *spellings: str) -> EntityResult:
    mentions = tuple(Mention(body.index(s), body.index(s) + len(s), s) for s in spellings)
    return EntityResult(name, type_, mentions, tuple(dict.fromkeys((name, *spellings))))


def _analyses() -> list[Analysis]:
    a, b, c = BODIES
    return [
        Analysis("t1", entities=(_ent(a, "Veltra", "ORG", "Veltra"),
                                 _ent(a, "Ilsa Roavik", "PERSON", "Ilsa Roavik", "Ms Roavik", "Roavik")),
                 quotes=(QuoteResult(a.index("the port"), a.index("the port") + 19, "the port stays shut",
                                     speaker="Ilsa Roavik", speaker_text="Ilsa Roavik", cue="said"),),
                 suggestions=(SuggestionResult(0, 22, "Veltra banned exports.", "a ban", 0.7),)),
        # A country anywhere is the country; a lone surname finds the full name; a kindred type.
        Analysis("t1", entities=(_ent(b, "Veltra", "GPE", "Veltra"), _ent(b, "Roavik Holdings", "ORG", "Roavik Holdings"),
                                 _ent(b, "Roavik", "PERSON", "Roavik"), _ent(b, "Marenhal", "PERSON", "Marenhal"))),
        Analysis("t1", entities=(_ent(c, "VELTRA", "LOC", "VELTRA"), _ent(c, "Marenhal", "GPE", "Marenhal"),
                                 _ent(c, "Tomas Ferrin", "PERSON", "Tomas Ferrin"),
                                 _ent(c, "Roavik Holdings", "ORG", "Roavik Holdings")),
                 quotes=(QuoteResult(c.index("We are"), c.index("We are") + 13, "We are ready,",
                                     speaker="Tomas Ferrin", speaker_text="Tomas Ferrin", cue="said"),)),
    ]


def _content(lib: Library) -> list[tuple]:
    with lib.store.read() as s:
        return [
            *s.execute(select(Entity.id, Entity.name, Entity.type, Entity.version, Entity.type_by_user)
                       .order_by(Entity.id)),
            *s.execute(select(EntityAlias.id, EntityAlias.entity_id, EntityAlias.alias, EntityAlias.norm,
                              EntityAlias.type, EntityAlias.by_user).order_by(EntityAlias.id)),
            *s.execute(select(EntityMention.article_id, EntityMention.entity_id, EntityMention.start,
                              EntityMention.end, EntityMention.text).order_by(EntityMention.id)),
            *s.execute(select(Quote.article_id, Quote.start, Quote.text, Quote.speaker_entity_id, Quote.cue)
                       .order_by(Quote.id)),
            *s.execute(select(ClaimSuggestion.article_id, ClaimSuggestion.text, ClaimSuggestion.score)
                       .order_by(ClaimSuggestion.id)),
        ]


def _library(path: Path, batched: bool) -> Library:
    lib = Library.open(path, annotator="tester")
    # A person's work from before the import: a place retyped by hand, a spelling merged in.
    earlier = "Marenhal queued. Harbour Board met."
    first = add_article(lib, earlier)
    with lib.store.write() as s:
        add_automatic(s, first, earlier, Analysis("t0", entities=(
            _ent(earlier, "Marenhal", "ORG", "Marenhal"), _ent(earlier, "Harbour Board", "ORG", "Harbour Board"))))
    ents = {e.name: e for e in lib.entities.list()}
    lib.entities.retype(ents["Marenhal"].id, "FAC")
    lib.entities.rename(ents["Harbour Board"].id, "Roavik Holdings")
    ids = [add_article(lib, body) for body in BODIES]
    if batched:
        with lib.store.write() as s:
            writer = AutomaticWriter(s)
            for article_id, body, analysis in zip(ids, BODIES, _analyses(), strict=True):
                writer.add(article_id, body, analysis)
            writer.flush()
    else:
        for article_id, body, analysis in zip(ids, BODIES, _analyses(), strict=True):
            with lib.store.write() as s:
                add_automatic(s, article_id, body, analysis)
    return lib


def test_a_batch_gives_the_library_its_articles_give_one_by_one(tmp_path):
    one_by_one, batched = _library(tmp_path / "one.sqlite", False), _library(tmp_path / "batch.sqlite", True)
    try:
        assert _content(batched) == _content(one_by_one)
        names = {(e.name, e.type) for e in batched.entities.list()}
        # Sanity of the rules themselves: one Veltra, made a place; the person's retype stands;
        # the surname alone is Ilsa Roavik; both quotes found their speakers.
        assert {("Veltra", "GPE"), ("Marenhal", "FAC"), ("Ilsa Roavik", "PERSON"), ("Tomas Ferrin", "PERSON")} <= names
        assert sum(1 for name, _t in names if name.casefold() == "veltra") == 1
        assert all(q.speaker_entity_id for q in batched.entities.quotes())
        mentions = {m.text: m.entity_name for aid in batched.articles.ids() for m in batched.entities.mentions(aid)}
        assert mentions["Roavik"] == "Ilsa Roavik" and mentions["VELTRA"] == "Veltra"
    finally:
        one_by_one.close(), batched.close()


def test_a_stored_entity_made_a_place_by_a_batch_is_one_version_on(tmp_path):
    """The bulk UPDATE bumps the version as the ORM's would, so a stale edit is still refused."""
    lib = Library.open(tmp_path / "v.sqlite", annotator="tester")
    try:
        a, b = add_article(lib, "Veltra banned exports."), add_article(lib, "Veltra banned imports.")
        with lib.store.write() as s:
            add_automatic(s, a, "Veltra banned exports.", Analysis("t", entities=(_ent("Veltra", "Veltra", "ORG", "Veltra"),)))
        before = lib.entities.list()[0]
        with lib.store.write() as s:
            add_automatic(s, b, "Veltra banned imports.", Analysis("t", entities=(_ent("Veltra", "Veltra", "GPE", "Veltra"),)))
        after = lib.entities.get(before.id)
        assert (after.type, after.version) == ("GPE", before.version + 1)
        with lib.store.read() as s:
            assert s.scalar(select(Article.analyser_version).where(Article.id == a)) is None  # the caller's to set
    finally:
        lib.close()


@pytest.mark.parametrize("spellings", [("Kell Dana", "KELL DANA"), ("KELL DANA", "Kell Dana")])
def test_the_spelling_kept_among_equal_ones_is_the_analysers_name(tmp_path, spellings):
    """Equal-length spellings are tried in the analysis's order, not a set's (which differs per process)."""
    lib = Library.open(tmp_path / "s.sqlite", annotator="tester")
    try:
        body = " ".join(spellings) + "."
        aid = add_article(lib, body)
        with lib.store.write() as s:
            add_automatic(s, aid, body, Analysis("t", entities=(_ent(body, spellings[0], "PERSON", *spellings),)))
        assert lib.entities.list()[0].aliases[0] == spellings[0]
    finally:
        lib.close()
