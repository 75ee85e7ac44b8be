"""Undo and redo are exact for every kind of edit a person makes, in any order: random sequences of edits,
undos and redos (hypothesis) over a real analysed library, with everything a person made or decided read
back after each step. Undo must give back exactly the state before the edit, redo exactly the state after,
and an edit the library refuses must change nothing."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import edits
from desktop.services import Library, UserError
from desktop.services.dto import VERDICTS
from tests.helpers import add_article

BODIES = (
    ("Harbour figures", "Finance Minister Dalia Orsek said the harbour handled 3.2 million tonnes of grain last "
                        "year. “Exports will double by 2028,” Orsek told the Coastal Ledger. Tomas Brenn, the "
                        "opposition leader, disagreed. “The figures are invented,” Brenn said."),
    ("Ferry fares", "The harbour board of Osterlund said the ferry fare would rise by a third in June. Fuel prices "
                    "on the islands rose by a fifth over the winter, Ilsa Roavik of the board added."),
)


@pytest.fixture(scope="module")
def analysed_library(tmp_path_factory) -> Path:
    from desktop.analysis import analyze_text  # noqa: F401  (loads spaCy once per session)

    path = tmp_path_factory.mktemp("undo") / "library.sqlite"
    with Library.open(path, annotator="tester") as lib:
        for title, body in BODIES:
            add_article(lib, body, title=title)
        lib.importer.analyse(lib.importer.pending_analysis(), n_process=1)
    return path


def snapshot(lib: Library) -> dict:
    """Everything a person made or decided, without versions and timestamps (those move on by design)."""
    claims = lib.claims.all()
    return {
        "claims": sorted((c.id, c.article_id, c.start, c.end, c.text, c.verdict, c.note, c.speaker, c.tag_ids)
                         for c in claims),
        "links": sorted((lk.from_claim_id, lk.to_claim_id, lk.kind, lk.note)
                        for c in claims for lk in lib.claims.links(c.id)),
        "tags": sorted((t.id, t.name, t.parent_id, t.color, t.description, t.sort_order) for t in lib.tags.list()),
        "entities": sorted((e.id, e.name, e.type, tuple(sorted(e.aliases)), e.mention_count)
                           for e in lib.entities.list(None)),
        "articles": sorted((a.id, a.status, a.title, a.author, a.outlet, a.published)
                           for a in lib.articles.get_many(lib.articles.ids())),
        "suggestions": sorted((s.article_id, s.text) for aid in lib.articles.ids()
                              for s in lib.suggestions.for_article(aid)),
    }


def _span(draw, lib: Library, article_id: int) -> tuple[int, int]:
    body = lib.articles.get(article_id).body
    words = [(m, m + len(w)) for m, w in _word_starts(body)]
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(len(words) - 1, first + 6)))
    return words[first][0], words[last][1]


def _word_starts(body: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for word in body.split(" "):
        out.append((pos, word))
        pos += len(word) + 1
    return [(p, w) for p, w in out if w]


NAMES = ("Port charges", "Fuel", "Islands", "Policy", "Harbour board", "Grain")


def draw_edit(draw, lib: Library):
    """An edit a person could make now, on what the library holds now."""
    claims, tags = lib.claims.all(), lib.tags.list()
    entities = [e for e in lib.entities.list(None) if e.type in ("PERSON", "ORG", "GPE")]
    article_id = draw(st.sampled_from(lib.articles.ids()))
    kinds = ["create_claim", "create_tag", "update_tag", "status", "metadata", "rename_entity", "retype_entity"]
    if claims:
        kinds += ["update_claim", "claim_tags", "delete_claim"]
    if len(claims) >= 2:
        kinds.append("link")
    if len(entities) >= 2:
        kinds.append("merge")
    if any(len(e.aliases) > 1 for e in entities):
        kinds.append("split")
    if lib.suggestions.for_article(article_id):
        kinds.append("dismiss")
    kinds.append("delete_tag")
    kind = draw(st.sampled_from(kinds))
    some_tags = st.lists(st.sampled_from([t.id for t in tags]), max_size=3, unique=True).map(tuple)
    if kind == "create_claim":
        start, end = _span(draw, lib, article_id)
        return edits.CreateClaim(article_id, start, end, draw(some_tags), draw(st.sampled_from(VERDICTS)),
                                 note=draw(st.sampled_from(["", "check the yearbook"])))
    claim = draw(st.sampled_from(claims)) if claims else None
    if kind == "update_claim":
        field = draw(st.sampled_from(["verdict", "note", "speaker_text"]))
        value = {"verdict": st.sampled_from(VERDICTS), "note": st.sampled_from(["", "asked the port", "ü ✓"]),
                 "speaker_text": st.sampled_from([None, "harbour office"])}[field]
        return edits.UpdateClaim(claim.id, {field: draw(value)})
    if kind == "claim_tags":
        return edits.SetClaimTags(claim.id, draw(some_tags))
    if kind == "delete_claim":
        return edits.DeleteClaim(claim.id)
    if kind == "link":
        a, b = draw(st.lists(st.sampled_from([c.id for c in claims]), min_size=2, max_size=2, unique=True))
        return edits.LinkClaims(a, b, draw(st.sampled_from(["repeats", "supports", "contradicts"])))
    if kind == "create_tag":
        parent = draw(st.sampled_from([None, *[t.id for t in tags]]))
        return edits.CreateTag(draw(st.sampled_from(NAMES)), parent)
    if kind == "update_tag":
        tag = draw(st.sampled_from(tags))
        change = draw(st.sampled_from([{"name": "Grain"}, {"name": "Policy"}, {"color": "#123456"},
                                       {"description": "when a figure is given"},
                                       {"parent_id": None, "sort_order": 1}]))
        return edits.UpdateTag(tag.id, change)
    if kind == "delete_tag":
        return edits.DeleteTag(draw(st.sampled_from(tags)).id)
    if kind == "status":
        return edits.SetArticleStatus(article_id, draw(st.sampled_from(["unread", "read", "done"])))
    if kind == "metadata":
        field, value = draw(st.sampled_from([("title", "Corrected title"), ("author", "Mara Quell"),
                                             ("outlet", None), ("author", None)]))
        return edits.SetArticleMetadata(article_id, field, value)
    entity = draw(st.sampled_from(entities))
    if kind == "rename_entity":
        return edits.RenameEntity(entity.id, draw(st.sampled_from(["Dalia Orsek-Lind", "Harbour Board", "Brenn"])))
    if kind == "retype_entity":
        return edits.RetypeEntity(entity.id, draw(st.sampled_from(["PERSON", "ORG", "GPE", "LOC"])))
    if kind == "merge":
        target, source = draw(st.lists(st.sampled_from([e.id for e in entities]), min_size=2, max_size=2,
                                       unique=True))
        return edits.MergeEntities([source], target)
    if kind == "split":
        entity = draw(st.sampled_from([e for e in entities if len(e.aliases) > 1]))
        return edits.SplitEntity(entity.id, [draw(st.sampled_from(entity.aliases[1:]))])
    suggestion = draw(st.sampled_from(lib.suggestions.for_article(article_id)))
    return edits.DismissSuggestion(article_id, suggestion.text)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(data=st.data())
def test_undo_and_redo_give_back_exactly_each_state(analysed_library, data):
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copy(analysed_library, folder / "library.sqlite")
        with Library.open(folder / "library.sqlite", annotator="tester") as lib:
            history = edits.EditHistory(lib)
            states, at = [snapshot(lib)], 0  # states[at] is what the library must hold now
            for _ in range(data.draw(st.integers(4, 14), label="steps")):
                step = data.draw(st.sampled_from(["edit", "edit", "edit", "undo", "redo"]), label="step")
                if step == "edit":
                    edit = draw_edit(data.draw, lib)
                    data.draw(st.just(repr(edit)), label="edit")
                    try:
                        history.push(edit)
                    except UserError:
                        assert snapshot(lib) == states[at], f"refused {edit!r} changed the library"
                        continue
                    states = states[:at + 1] + [snapshot(lib)]
                    at += 1
                elif step == "undo" and history.undo() is not None:
                    at -= 1
                    assert snapshot(lib) == states[at], "undo did not give back the state before the edit"
                elif step == "redo" and history.redo() is not None:
                    at += 1
                    assert snapshot(lib) == states[at], "redo did not give back the state after the edit"
            while history.undo() is not None:  # all the way back: the library as it was
                at -= 1
                assert snapshot(lib) == states[at]
            assert at == 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_undoing_a_rename_and_a_retype_leaves_no_trace(analysed_library, tmp_path):
    """Not even the hidden marks: the new name stays no spelling of the entity (a later article with it
    would be read as this entity), and the name and type are no longer "a person's" (re-analysis and
    later imports treat those as fixed)."""
    from db.models import Entity, EntityAlias

    shutil.copy(analysed_library, tmp_path / "library.sqlite")
    with Library.open(tmp_path / "library.sqlite", annotator="tester") as lib:
        entity = next(e for e in lib.entities.list(None) if e.name == "Tomas Brenn")

        def row() -> tuple:
            with lib.store.read() as s:
                e = s.get(Entity, entity.id)
                aliases = sorted(a.alias for a in s.query(EntityAlias).filter(EntityAlias.entity_id == e.id))
                return e.name, e.name_by_user, e.type, e.type_by_user, aliases

        before = row()
        assert before[1] is False and before[3] is False  # as the analyser left it
        history = edits.EditHistory(lib)
        history.push(edits.RenameEntity(entity.id, "Tomas Brenn-Alvik"))
        history.push(edits.RetypeEntity(entity.id, "ORG"))
        assert row() == ("Tomas Brenn-Alvik", True, "ORG", True, ["Brenn", "Tomas Brenn", "Tomas Brenn-Alvik"])
        history.undo()
        history.undo()
        assert row() == before
        history.redo()
        history.redo()
        assert row() == ("Tomas Brenn-Alvik", True, "ORG", True, ["Brenn", "Tomas Brenn", "Tomas Brenn-Alvik"])
