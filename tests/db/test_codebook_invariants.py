"""The codebook stays a tree whatever a person does to it: random sequences of new tags, renames, moves,
reorders and deletes (with their undo) never make a cycle, never give two tags of one parent the same name
(ignoring case), keep every path unique and findable, keep a deleted tag's children under its parent, and
undo gives back exactly the codebook before."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.edits import CreateTag, DeleteTag, EditHistory, UpdateTag
from desktop.services import Library, UserError

NAMES = ("Economy", "economy", "Fees", "Ports", "Ferries", "Opinion", "Levy")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Economy/Fees and Opinion: made once, copied for each example."""
    path = Path(tmp_path_factory.mktemp("codebook")) / "template.sqlite"
    with Library.open(path, annotator="Mara Veld", seed_codebook=False) as lib:
        for name, parent in (("Economy", None), ("Fees", "Economy"), ("Opinion", None)):
            lib.tags.create(name, lib.tags.find(parent).id if parent else None)
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def tree(lib: Library) -> list[tuple]:
    return sorted((t.id, t.name, t.parent_id, t.color, t.description, t.sort_order) for t in lib.tags.list())


def check_invariants(lib: Library) -> None:
    tags = lib.tags.list()
    by_id = {t.id: t for t in tags}
    for t in tags:
        seen, parent = {t.id}, t.parent_id
        while parent is not None:  # walking up ends at the top: no cycle, no missing parent
            assert parent not in seen and parent in by_id
            seen.add(parent)
            parent = by_id[parent].parent_id
    siblings = [(t.parent_id, t.name.lower()) for t in tags]
    assert len(siblings) == len(set(siblings))
    assert len({t.path.lower() for t in tags}) == len(tags)
    for t in tags:
        assert lib.tags.find(t.path) == t
        assert lib.tags.subtree(t.id) == {u.id for u in tags if u.id == t.id or u.path.startswith(t.path + "/")}


@st.composite
def steps(draw, ids: list[int]) -> object:
    kind = draw(st.sampled_from(["create", "rename", "move", "reorder", "delete", "undo", "redo"]))
    some_tag = st.sampled_from(ids)
    if kind == "create":
        return CreateTag(draw(st.sampled_from(NAMES)), draw(st.one_of(st.none(), some_tag)))
    if kind == "rename":
        return UpdateTag(draw(some_tag), {"name": draw(st.sampled_from(NAMES))})
    if kind == "move":
        return UpdateTag(draw(some_tag), {"parent_id": draw(st.one_of(st.none(), some_tag))})
    if kind == "reorder":
        return UpdateTag(draw(some_tag), {"sort_order": draw(st.integers(0, 5))})
    if kind == "delete":
        return DeleteTag(draw(some_tag))
    return kind


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_codebook_edits_keep_a_tree_and_undo_exactly(template, data):
    path = template.with_name("library.sqlite")
    for leftover in (path, path.with_name("library.sqlite-wal"), path.with_name("library.sqlite-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(template, path)
    with Library.open(path, annotator="Mara Veld", seed_codebook=False) as lib:
        history = EditHistory(lib)
        states = [tree(lib)]  # the codebook after each edit still on the undo stack
        undone: list[list[tuple]] = []
        for _ in range(data.draw(st.integers(1, 12))):
            ids = [t.id for t in lib.tags.list()]
            if not ids:
                break
            step = data.draw(steps(ids))
            if step == "undo":
                if history.undo() is not None:
                    undone.append(states.pop())
                    assert tree(lib) == states[-1]
            elif step == "redo":
                if history.redo() is not None:
                    states.append(undone.pop())
                    assert tree(lib) == states[-1]
            else:
                before = tree(lib)
                if isinstance(step, DeleteTag):
                    doomed = lib.tags.get(step.tag_id)
                    kids = [t.id for t in lib.tags.list() if t.parent_id == doomed.id]
                try:
                    history.push(step)
                except UserError:
                    assert tree(lib) == before  # a refused edit changes nothing
                    continue
                if isinstance(step, DeleteTag):
                    assert all(lib.tags.get(k).parent_id == doomed.parent_id for k in kids)
                states.append(tree(lib))
                undone.clear()
            check_invariants(lib)
        while history.undo() is not None:
            states.pop()
            assert tree(lib) == states[-1]
        check_invariants(lib)


def test_deleting_a_tag_whose_child_would_meet_its_namesake_is_refused(template, tmp_path):
    """Deleting Economy moves Fees up beside a top-level Fees: that was a unique-index error."""
    shutil.copyfile(template, tmp_path / "library.sqlite")
    with Library.open(tmp_path / "library.sqlite", annotator="Mara Veld", seed_codebook=False) as lib:
        lib.tags.create("fees")
        before = tree(lib)
        with pytest.raises(UserError, match="'Economy' cannot be deleted: its tag 'Fees' would move up beside "
                                            "another 'Fees'; rename or move one of them first"):
            EditHistory(lib).push(DeleteTag(lib.tags.find("Economy").id))
        assert tree(lib) == before
