"""Links and accepted candidates are edits: undone and redone exactly, committed when made."""
from __future__ import annotations

from desktop.edits import AcceptCandidate, DismissCandidate, EditHistory, LinkClaims
from tests.claims_match.test_similar import COURIER, HARBOUR, TRIBUNE, imported


def test_link_with_a_note_shows_on_both_claims_and_undoes(library):
    a, b = imported(library, HARBOUR, TRIBUNE)
    one = library.claims.create(a, 0, 20)
    two = library.claims.create(b, 0, 20)
    history = EditHistory(library)
    history.push(LinkClaims(one.id, two.id, "contradicts", note="other month"))
    for mine, theirs in ((one, two), (two, one)):
        (link,) = library.claims.links(mine.id)
        assert (link.kind, link.note, link.other_text) == ("contradicts", "other month", theirs.text)
    history.undo()
    assert library.claims.links(one.id) == [] and library.claims.links(two.id) == []
    history.redo()
    assert len(library.claims.links(two.id)) == 1


def test_accepting_a_candidate_makes_a_tagged_claim_there_and_links_it(library):
    harbour, tribune, courier = imported(library, HARBOUR, TRIBUNE, COURIER)
    tag = library.tags.ensure_path("Economy/Exports")
    start = HARBOUR.index("Grain exports")
    claim = library.claims.create(harbour, start, HARBOUR.index(", the harbour"), [tag.id])
    cand = library.similar.for_claim(claim.id)[0]
    history = EditHistory(library)
    edit = AcceptCandidate(claim.id, cand.article_id, cand.start, cand.end)
    history.push(edit)
    made = library.claims.get(edit.new_claim_id)
    assert (made.article_id, made.text, made.tag_ids) == (tribune, cand.text, (tag.id,))
    assert [lk.other_text for lk in library.claims.links(claim.id)] == [cand.text]
    # Once linked, it is no longer offered.
    assert all(c.article_id != tribune for c in library.similar.for_claim(claim.id))
    history.undo()
    assert library.claims.for_article(tribune) == [] and library.claims.links(claim.id) == []
    history.redo()
    assert library.claims.get(edit.new_claim_id).text == cand.text
    assert len(library.claims.links(claim.id)) == 1
    history.undo()
    history.redo()
    assert len(library.claims.links(claim.id)) == 1


def test_a_dismissal_is_undoable(library):
    harbour, _tribune, courier = imported(library, HARBOUR, TRIBUNE, COURIER)
    start = HARBOUR.index("Grain exports")
    claim = library.claims.create(harbour, start, HARBOUR.index(", the harbour"))
    other_figure = next(c for c in library.similar.for_claim(claim.id) if c.article_id == courier)
    history = EditHistory(library)
    history.push(DismissCandidate(claim.id, other_figure))
    assert all(c.article_id != courier for c in library.similar.for_claim(claim.id))
    history.undo()
    assert any(c.article_id == courier for c in library.similar.for_claim(claim.id))
