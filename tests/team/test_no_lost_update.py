"""No lost update: an edit made against a claim a colleague has since changed or deleted is refused."""
from __future__ import annotations

import pytest

from desktop.edits import CreateClaim, EditHistory, SetClaimTags, UpdateClaim
from desktop.services.errors import StaleEdit
from tests.helpers import add_article

BODY = "The harbour board of Osterlund said the ferry fare would rise by a third in June."


def _claim(lib):
    aid = add_article(lib, BODY, title="Ferry fares")
    start = BODY.index("the ferry fare")
    return lib.claims.create(aid, start, start + len("the ferry fare would rise by a third"), [1])


def test_a_stale_edit_is_refused_with_the_colleagues_version(pair):
    mara, tomas = pair
    seen_by_tomas = _claim(mara)
    mara.claims.update(seen_by_tomas.id, expected_version=seen_by_tomas.version, verdict="disputed",
                       note="the board's minutes say a quarter")
    with pytest.raises(StaleEdit) as refused:
        tomas.claims.update(seen_by_tomas.id, expected_version=seen_by_tomas.version, note="looks right")
    message = str(refused.value)
    assert message.startswith("Mara Veld changed this claim at ") and "here is their version" in message
    assert (refused.value.current.note, refused.value.current.verdict) == ("the board's minutes say a quarter",
                                                                           "disputed")
    kept = tomas.claims.get(seen_by_tomas.id)  # nothing of Tomas's stale edit was written
    assert kept.note == "the board's minutes say a quarter"
    # With the fresh version in hand, his edit goes through and bumps it again.
    tomas.claims.update(kept.id, expected_version=kept.version, note="a quarter, per the minutes")
    assert mara.claims.get(kept.id).version == kept.version + 1


def test_a_claim_deleted_by_a_colleague_cannot_be_edited_back_to_life(pair):
    mara, tomas = pair
    claim = _claim(mara)
    tomas_sees = tomas.claims.get(claim.id)
    mara.claims.delete(claim.id, expected_version=claim.version)
    for edit in (lambda: tomas.claims.update(claim.id, expected_version=tomas_sees.version, verdict="false"),
                 lambda: tomas.claims.set_tags(claim.id, [2], expected_version=tomas_sees.version)):
        with pytest.raises(StaleEdit) as refused:
            edit()
        assert str(refused.value).startswith("Mara Veld deleted this claim at ")
        assert refused.value.current is None
    assert tomas.claims.for_article(claim.article_id) == []


def test_undo_does_not_overwrite_a_colleagues_later_edit(pair):
    mara, tomas = pair
    history = EditHistory(mara)
    create = CreateClaim(add_article(mara, BODY), 0, 17, (1,))
    history.push(create)
    history.push(UpdateClaim(create.claim_id, {"note": "first"}, expected_version=1))
    history.push(SetClaimTags(create.claim_id, (1, 2), expected_version=2))
    history.undo()  # her own edits undo and redo in a row: the versions follow her own writes
    history.redo()
    theirs = tomas.claims.get(create.claim_id)
    tomas.claims.update(create.claim_id, expected_version=theirs.version, note="Tomas: sourced")
    with pytest.raises(StaleEdit):
        history.undo()
    assert mara.claims.get(create.claim_id).note == "Tomas: sourced"
    assert mara.claims.get(create.claim_id).tag_ids == (1, 2)


def test_every_edit_records_its_coder_and_a_claims_history_reads_back(pair):
    mara, tomas = pair
    claim = _claim(mara)
    tomas.claims.update(claim.id, expected_version=claim.version, verdict="supported")
    other = mara.claims.create(claim.article_id, 0, 16, [2])
    tomas.claims.link(claim.id, other.id, "repeats")
    mara.claims.set_tags(claim.id, [1, 2])
    trail = [(h.who, h.what) for h in mara.history.for_claim(claim.id)]
    assert trail == [("Mara Veld", "tagged the passage"), ("Tomas Irle", "set the verdict to supported"),
                     ("Tomas Irle", f"linked it (repeats) with claim {other.id}"),
                     ("Mara Veld", "set the tags to tag 1, tag 2")]
    assert ("Tomas Irle", f"linked it (repeats) with claim {other.id}") in \
        [(h.who, h.what) for h in tomas.history.for_claim(other.id)]  # a link shows on both ends
    assert mara.claims.get(claim.id).annotator == "Mara Veld"
    assert {c.id for c in tomas.claims.all(coder="Mara Veld")} == {claim.id, other.id}
    assert tomas.claims.all(coder="Tomas Irle") == []


def test_a_codebook_or_entity_change_records_who_made_it(pair):
    mara, tomas = pair
    tag = mara.tags.create("Ferries")
    tomas.tags.update(tag.id, color="#112233")
    rows = [(h.who, h.action) for h in mara.history.recent()][:2]
    assert rows == [("Tomas Irle", "tag.update"), ("Mara Veld", "tag.create")]


def test_a_watcher_sees_a_colleagues_commit(pair):
    mara, tomas = pair
    watcher = mara.watch_changes()
    try:
        assert watcher.poll() is False
        claim = _claim(tomas)
        assert watcher.poll() is True  # Tomas's commit
        assert watcher.poll() is False  # and only once
        mara.claims.update(claim.id, note="Mara's own edit")
        assert watcher.poll() is False  # a window is not told of its own edits
        tomas.claims.update(claim.id, verdict="false")
        mara.claims.update(claim.id, note="both in one poll")
        assert watcher.poll() is True  # a colleague's edit among one's own still counts
    finally:
        watcher.close()


def test_a_stale_codebook_or_entity_edit_is_refused(pair):
    mara, tomas = pair
    seen = tomas.tags.create("Ferries")
    mara.tags.update(seen.id, expected_version=seen.version, name="Ferry services")
    with pytest.raises(StaleEdit) as refused:
        tomas.tags.update(seen.id, expected_version=seen.version, color="#aa3300")
    assert str(refused.value).startswith("Mara Veld changed this tag at ")
    assert refused.value.current.name == "Ferry services" and refused.value.kind == "tag"
    assert tomas.tags.get(seen.id).color == seen.color  # nothing of the stale edit written

    with tomas.store.write() as s:  # an entity, as analysis would make it
        from desktop.services.entities import resolve_entity
        port = resolve_entity(s, "Port of Veltra", "ORG", ("Port of Veltra",))
        board = resolve_entity(s, "Harbour Board", "ORG", ("Harbour Board",))
    before = tomas.entities.get(port)
    mara.entities.rename(port, "Veltra Port Authority", expected_version=before.version)
    with pytest.raises(StaleEdit, match="^Mara Veld changed this entity at "):
        tomas.entities.retype(port, "FAC", expected_version=before.version)
    board_seen = tomas.entities.get(board)
    mara.entities.merge([board], port)
    with pytest.raises(StaleEdit, match="^Mara Veld deleted or merged away this entity at "):
        tomas.entities.rename(board, "Harbour Board of Veltra", expected_version=board_seen.version)
