"""Undo when someone else worked in between: another window on the same file, or a colleague.

SQLite hands the highest row number out again once that row is deleted, so a claim or tag a colleague
makes after a delete can hold the number the undo wants back; a claim that carried a deleted tag may be
gone by the time the tag comes back; the parent of a deleted tag may be gone too. Each of these was a
database error (an "unexpected error" in the window); now the undo either does what still makes sense
or is refused in a sentence, and the colleague's work is never touched."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.edits import CreateTag, DeleteClaim, DeleteTag, EditHistory, MergeEntities
from desktop.services import UserError
from desktop.services.errors import StaleEdit
from tests.helpers import two_coders

BODY = "Finance Minister Dalia Orsek said the harbour fees at Port Kessa would double in April, Orsek added."


@pytest.fixture
def pair(tmp_path: Path):
    with two_coders(tmp_path / "library.sqlite", BODY, "Fees to double") as coders:
        yield coders


def test_a_deleted_claim_whose_number_a_colleague_took_is_refused_and_theirs_kept(pair):
    mara, tomas = pair
    claim = mara.claims.create(1, 0, 16, [], note="mine").id
    history = EditHistory(mara)
    history.push(DeleteClaim(claim))
    theirs = tomas.claims.create(1, 17, 28, [], note="theirs").id
    assert theirs == claim  # the number is handed out again
    with pytest.raises(StaleEdit, match="a claim made since .* has taken this claim's place; it cannot come back"):
        history.undo()
    (kept,) = mara.claims.all()
    assert (kept.text, kept.note, kept.annotator) == ("Dalia Orsek", "theirs", "Tomas Irle")


def test_a_deleted_claim_comes_back_when_its_number_is_free(pair):
    mara, tomas = pair
    first = mara.claims.create(1, 0, 16, [], note="first").id
    mara.claims.create(1, 17, 28, [], note="second")
    history = EditHistory(mara)
    history.push(DeleteClaim(first))
    tomas.claims.create(1, 29, 40, [], note="theirs")
    history.undo()
    assert sorted(c.note for c in mara.claims.all()) == ["first", "second", "theirs"]


def test_a_deleted_tag_comes_back_without_the_claims_a_colleague_deleted_since(pair):
    mara, tomas = pair
    fees = mara.tags.ensure_path("Economy/Fees").id
    gone = mara.claims.create(1, 0, 16, [fees]).id
    kept = mara.claims.create(1, 17, 28, [fees]).id
    history = EditHistory(mara)
    history.push(DeleteTag(fees))
    tomas.claims.delete(gone)
    history.undo()
    assert mara.tags.get(fees).path == "Economy/Fees"
    assert mara.claims.get(kept).tag_names == ("Fees",)
    assert [c.id for c in mara.claims.all()] == [kept]


def test_a_deleted_tag_whose_parent_a_colleague_deleted_comes_back_at_the_top(pair):
    mara, tomas = pair
    fees = mara.tags.ensure_path("Economy/Fees").id
    claim = mara.claims.create(1, 0, 16, [fees]).id
    history = EditHistory(mara)
    history.push(DeleteTag(fees))
    tomas.tags.delete(mara.tags.find("Economy").id)
    history.undo()
    assert mara.tags.get(fees).path == "Fees" and mara.claims.get(claim).tag_names == ("Fees",)


def test_a_deleted_tag_whose_name_a_colleague_used_again_is_refused(pair):
    mara, tomas = pair
    economy = mara.tags.ensure_path("Economy").id
    ports = mara.tags.ensure_path("Economy/Ports").id
    mara.tags.ensure_path("Economy/Zoning")  # the newest tag, so Ports' number stays taken
    history = EditHistory(mara)
    history.push(DeleteTag(ports))
    tomas.tags.create("ports", parent_id=economy)
    with pytest.raises(UserError, match="a tag named 'Ports' already exists there"):
        history.undo()
    assert [t.name for t in mara.tags.list() if t.parent_id == economy] == ["Zoning", "ports"]


def test_a_deleted_tag_whose_number_a_colleague_took_is_refused(pair):
    mara, tomas = pair
    newest = mara.tags.ensure_path("Harbour levy").id
    history = EditHistory(mara)
    history.push(DeleteTag(newest))
    assert tomas.tags.create("Ferry fares").id == newest
    with pytest.raises(UserError, match="the tag 'Harbour levy' cannot come back: a tag made since has taken its place"):
        history.undo()
    assert mara.tags.get(newest).name == "Ferry fares"


def test_undoing_a_new_tag_a_colleague_used_takes_it_off_their_claim_and_redo_puts_it_back(pair):
    mara, tomas = pair
    history = EditHistory(mara)
    made = CreateTag("Weather")
    history.push(made)
    assert made.tag is not None
    claim = tomas.claims.create(1, 0, 16, [made.tag.id]).id
    history.undo()
    assert tomas.claims.get(claim).tag_names == ()
    history.redo()
    assert tomas.claims.get(claim).tag_names == ("Weather",)


def test_undoing_a_merge_after_the_entities_numbers_were_handed_out_again_is_refused(pair):
    from db.models import Entity

    mara, tomas = pair
    with mara.store.write() as s:
        for name in ("Dalia Orsek", "Orsek"):
            s.add(Entity(name=name, type="PERSON", name_by_user=False, type_by_user=False))
    target, source = 1, 2
    history = EditHistory(mara)
    history.push(MergeEntities([source], target))
    with tomas.store.write() as s:  # a re-analysis elsewhere makes an entity: it gets the merged one's number
        s.add(Entity(name="Tomas Brenn", type="PERSON", name_by_user=False, type_by_user=False))
    with pytest.raises(StaleEdit, match="the library changed since the merge"):
        history.undo()
    with mara.store.read() as s:
        assert [e.name for e in s.query(Entity).order_by(Entity.id)] == ["Dalia Orsek", "Tomas Brenn"]


def test_redo_of_a_revision_after_an_import_took_its_number_stores_it_under_a_new_one(pair):
    """Import a revised article, undo it, import something else, redo: the other article had been given the
    undone version's number, and the redo failed with a unique-constraint error."""
    from desktop.edits import ImportRevision
    from desktop.ingest.types import ParsedArticle

    mara, _tomas = pair
    first = "The harbour board of Marenhal said fees at Port Kessa would double from April. Dock workers will meet."

    def parsed(body: str, title: str = "Fees at Port Kessa") -> ParsedArticle:
        return ParsedArticle(title=title, body=body, original_text=body, outlet="Coastal Ledger")

    ((_p, old),) = mara.importer.add_parsed([("fees.txt", parsed(first))]).added
    claim = mara.claims.create(old, first.index("fees"), first.index(" from April"), [], note="check").id
    report = mara.importer.add_parsed([("fees-2.txt", parsed(first.replace("double", "rise by a third")))])
    ((_p, revised),) = report.added
    history = EditHistory(mara)
    edit = ImportRevision(revised)
    history.push(edit)  # as the window does after the import
    history.undo()
    assert mara.claims.get(claim).article_id == old
    ((_p, other),) = mara.importer.add_parsed([("fares.txt", parsed("Ferry fares rose by a fifth.", "Fares"))]).added
    assert other == revised  # the number is handed out again
    history.redo()
    again = mara.claims.get(claim)
    assert edit.article_id not in (old, other) and again.article_id == edit.article_id
    assert again.text == "fees at Port Kessa would rise by a third"
    assert mara.articles.get(other).title == "Fares"
    history.undo()  # and undo again goes back to the old version's words
    assert mara.claims.get(claim).article_id == old and mara.claims.get(claim).text.endswith("would double")
