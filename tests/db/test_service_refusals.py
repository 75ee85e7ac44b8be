"""What the services refuse, and in which words: every refusal is a UserError (NotFound, StaleEdit) with a
sentence a window can show, never a database error, and leaves the library exactly as it was.

Three refusals were database errors until these tests: linking two claims a second time the same way
(the unique constraint), choosing as speaker an entity merged away since (the foreign key), and making a
tag under a parent that is gone (reported as a name clash)."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from db.models import Entity
from desktop.edits import EditHistory, LinkClaims, UpdateClaim
from desktop.services import Library, NotFound, UserError
from desktop.services.errors import StaleEdit
from desktop.services.history import HistoryEntry, describe, local_time, refusal
from tests.helpers import add_article

BODY = "Finance Minister Dalia Orsek said the harbour fees at Port Kessa would double in April."
OTHER = "The harbour board of Marenhal said the fees would rise by a third, not double, in April."


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles with a claim each, nested tags and one entity: made once, copied for each test."""
    path = tmp_path_factory.mktemp("refusals") / "template.sqlite"
    with Library.open(path, annotator="Mara Veld") as lib:
        first = add_article(lib, BODY, title="Fees to double")
        second = add_article(lib, OTHER, title="Fees to rise")
        fees = lib.tags.ensure_path("Economy/Fees").id
        lib.tags.ensure_path("Economy/Ports")
        lib.claims.create(first, BODY.index("the harbour"), len(BODY) - 1, [fees], note="check the ledger")
        lib.claims.create(second, OTHER.index("the fees"), OTHER.index(", in April"), [fees])
        with lib.store.write() as s:
            s.add(Entity(name="Dalia Orsek", type="PERSON", name_by_user=False, type_by_user=False))
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def lib(template: Path, tmp_path: Path):
    shutil.copyfile(template, tmp_path / "library.sqlite")
    with Library.open(tmp_path / "library.sqlite", annotator="Mara Veld") as lib:
        yield lib


def state(lib: Library) -> tuple:
    path = lib.engine.url.database
    with sqlite3.connect(path) as raw:
        return tuple(raw.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                     for t in ("articles", "claims", "claim_tags", "claim_links", "tags", "entities",
                               "entity_aliases", "audit_log"))


def ids(lib: Library) -> tuple[int, int, int]:
    first, second = sorted(c.id for c in lib.claims.all())
    return first, second, lib.tags.find("Economy/Fees").id


REFUSALS = [
    ("a span outside the article", lambda lib, a, b, t: lib.claims.create(1, 5, 500, []), UserError,
     "the span 5-500 is outside the article (length 87)"),
    ("an empty span", lambda lib, a, b, t: lib.claims.create(1, 9, 9, []), UserError, "outside the article"),
    ("a span backwards", lambda lib, a, b, t: lib.claims.create(1, 9, 4, []), UserError, "outside the article"),
    ("an article that is not there", lambda lib, a, b, t: lib.claims.create(99, 0, 4, []), NotFound,
     "no article with id 99"),
    ("a tag that is not there", lambda lib, a, b, t: lib.claims.create(1, 0, 4, [t, 98, 99]), NotFound,
     "no tag with id 98, 99"),
    ("tags that are not there", lambda lib, a, b, t: lib.claims.set_tags(a, [97]), NotFound, "no tag with id 97"),
    ("a verdict not on the list", lambda lib, a, b, t: lib.claims.update(a, verdict="maybe"), UserError,
     "unknown verdict 'maybe'; choose one of unverified, supported"),
    ("a field that is not a claim's", lambda lib, a, b, t: lib.claims.update(a, start=0), UserError,
     "cannot change start of a claim"),
    ("a claim that is not there", lambda lib, a, b, t: lib.claims.update(99, note="x"), NotFound,
     "no claim with id 99"),
    ("a speaker merged away", lambda lib, a, b, t: lib.claims.update(a, speaker_entity_id=99), UserError,
     "that speaker is no longer in the library"),
    ("the same link twice", lambda lib, a, b, t: lib.claims.link(a, b, "contradicts"), UserError,
     "these claims are already linked (contradicts)"),
    ("a link to itself", lambda lib, a, b, t: lib.claims.link(a, a), UserError, "a claim cannot be linked to itself"),
    ("a link of no known kind", lambda lib, a, b, t: lib.claims.link(a, b, "echoes"), UserError,
     "unknown link 'echoes'; choose one of repeats, supports, contradicts"),
    ("a link to a claim not there", lambda lib, a, b, t: lib.claims.link(a, 99), NotFound, "no claim with id 99"),
    ("a colour that is not #rrggbb", lambda lib, a, b, t: lib.tags.create("Weather", color="red"), UserError,
     "not a colour (#rrggbb): red"),
    ("a parent tag that is gone", lambda lib, a, b, t: lib.tags.create("Weather", parent_id=99), NotFound,
     "no tag with id 99"),
    ("a tag name of slashes", lambda lib, a, b, t: lib.tags.create(" / / "), UserError, "a tag needs a name"),
    ("a tag's twin beside it", lambda lib, a, b, t: lib.tags.create("fees", parent_id=lib.tags.find("Economy").id),
     UserError, "a tag named 'fees' already exists there"),
    ("a tag under itself", lambda lib, a, b, t: lib.tags.update(lib.tags.find("Economy").id, parent_id=t), UserError,
     "a tag cannot be moved under itself"),
    ("a tag's version", lambda lib, a, b, t: lib.tags.update(t, version=7), UserError, "cannot change version"),
    ("a rename to a sibling's name",
     lambda lib, a, b, t: lib.tags.update(lib.tags.find("Economy/Ports").id, name="FEES"), UserError,
     "a tag named 'FEES' already exists there"),
    ("a tag not there", lambda lib, a, b, t: lib.tags.delete(99), NotFound, "no tag with id 99"),
    ("a status not on the list", lambda lib, a, b, t: lib.articles.set_status(1, "later"), UserError,
     "unknown status 'later'; choose one of unread, read, done"),
    ("a date that is not one", lambda lib, a, b, t: lib.articles.set_metadata(1, "published", "14 March"), UserError,
     "not a date (YYYY-MM-DD): 14 March"),
    ("a field not to edit", lambda lib, a, b, t: lib.articles.set_metadata(1, "body", "x"), UserError,
     "'body' cannot be edited"),
    ("an article with claims", lambda lib, a, b, t: lib.articles.delete(1), UserError,
     "this article has claims; delete them first"),
    ("an entity named with spaces", lambda lib, a, b, t: lib.entities.rename(1, "   "), UserError,
     "an entity needs a name"),
    ("a type that is not one", lambda lib, a, b, t: lib.entities.retype(1, "a person"), UserError,
     "not an entity type: A PERSON"),
    ("a merge of one entity", lambda lib, a, b, t: lib.entities.merge([1, 1], 1), UserError,
     "choose at least two different entities to merge"),
]


@pytest.mark.parametrize("what, call, kind, words", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_refusal_is_a_sentence_and_changes_nothing(lib, what, call, kind, words):
    a, b, t = ids(lib)
    lib.claims.link(a, b, "contradicts")
    before = state(lib)
    with pytest.raises(kind) as refused:
        call(lib, a, b, t)
    assert words in str(refused.value) and "\n" not in str(refused.value)
    assert state(lib) == before


def test_a_second_link_of_another_kind_or_the_other_way_is_allowed(lib):
    a, b, _t = ids(lib)
    lib.claims.link(a, b, "contradicts")
    lib.claims.link(a, b, "repeats")
    lib.claims.link(b, a, "contradicts")
    assert sorted((lk.from_claim_id, lk.kind) for lk in lib.claims.links(a)) == [
        (a, "contradicts"), (a, "repeats"), (b, "contradicts")]


def test_linking_twice_through_the_undo_stack_refuses_and_leaves_one_undo_step(lib):
    a, b, _t = ids(lib)
    history = EditHistory(lib)
    history.push(LinkClaims(a, b, "supports"))
    with pytest.raises(UserError, match="already linked"):
        history.push(LinkClaims(a, b, "supports"))
    history.undo()
    assert lib.claims.links(a) == []


def test_an_edit_of_a_claim_a_colleague_changed_says_who_and_keeps_theirs(lib, tmp_path):
    a, _b, _t = ids(lib)
    seen = lib.claims.get(a).version
    with Library.open(lib.engine.url.database, annotator="Tomas Irle") as colleague:
        colleague.claims.update(a, verdict="false")
    with pytest.raises(StaleEdit) as refused:
        EditHistory(lib).push(UpdateClaim(a, {"verdict": "supported"}, expected_version=seen))
    message = str(refused.value)
    assert message.startswith("Tomas Irle changed this claim at ") and message.endswith(
        " — here is their version; your change was not saved")
    assert refused.value.current.verdict == "false" and lib.claims.get(a).verdict == "false"


def test_an_edit_of_a_claim_a_colleague_deleted_says_so(lib):
    a, _b, _t = ids(lib)
    seen = lib.claims.get(a).version
    with Library.open(lib.engine.url.database, annotator="Tomas Irle") as colleague:
        colleague.claims.delete(a)
    with pytest.raises(StaleEdit, match=r"^Tomas Irle deleted this claim at .*; your change was not saved$") as refused:
        lib.claims.update(a, expected_version=seen, note="mine")
    assert refused.value.current is None


def test_a_tag_a_colleague_renamed_is_not_renamed_over(lib):
    _a, _b, t = ids(lib)
    seen = lib.tags.get(t).version
    with Library.open(lib.engine.url.database, annotator="Tomas Irle") as colleague:
        colleague.tags.update(t, name="Port fees")
    with pytest.raises(StaleEdit, match="^Tomas Irle changed this tag at .* — here is their version") as refused:
        lib.tags.update(t, expected_version=seen, name="Dock fees")
    assert refused.value.kind == "tag" and lib.tags.get(t).name == "Port fees"


# ---- the history of a claim, in words


def test_every_kind_of_claim_edit_is_told_in_words_oldest_first(lib):
    a, b, t = ids(lib)
    opinion = lib.tags.ensure_path("Opinion").id
    lib.claims.update(a, verdict="disputed")
    lib.claims.update(a, note="")
    lib.claims.update(a, note="see the decree", speaker_text="Orsek")
    lib.claims.set_tags(a, [t, opinion])
    lib.claims.set_tags(a, [])
    link = lib.claims.link(a, b, "supports")
    lib.claims.unlink(link)
    snapshot = lib.claims.delete(a)
    lib.claims.restore(snapshot)
    names = {tag.id: tag.path for tag in lib.tags.list()}
    assert [h.what for h in lib.history.for_claim(a, names)] == [
        "tagged the passage",
        "set the verdict to disputed",
        "cleared the note",
        "changed the note; changed the speaker",
        "set the tags to Economy/Fees, Opinion",
        "set the tags to none",
        f"linked it (supports) with claim {b}",
        "deleted the claim",
        "restored the claim",
    ]
    assert all(h.who == "Mara Veld" for h in lib.history.for_claim(a))
    # The link is in the other claim's history too; the unlink names no claim, so it is in neither.
    assert [h.what for h in lib.history.for_claim(b)] == ["tagged the passage", f"linked it (supports) with claim {b}"]


def test_history_words_for_entries_without_details():
    assert describe("claim.update", {"claim_id": 3}) == "edited the claim"
    assert describe("claim.tags", {"tag_ids": [4, 5]}) == "set the tags to tag 4, tag 5"
    assert describe("claim.link", {"from_id": 1}) == "linked it"
    assert describe("entity.merge", {}) == "entity merge"


def test_a_refusal_names_who_and_when_in_the_persons_words():
    at = dt.datetime(2026, 3, 14, 9, 30)
    entry = HistoryEntry(at, "Tomas Irle", "tag.update", {}, "tag update")
    assert refusal(entry, "Mara Veld", "tag") == (
        f"Tomas Irle changed this tag at {local_time(at)} — here is their version; your change was not saved")
    assert refusal(entry, "Tomas Irle", "tag").startswith("You (in another window) changed this tag at ")
    assert "here is that version" in refusal(entry, "Tomas Irle", "tag")
    assert refusal(None, "Mara Veld", "entity", gone=True) == (
        "Someone else deleted or merged away this entity; your change was not saved")
    nameless = HistoryEntry(at, None, "entity.merge", {}, "")
    assert refusal(nameless, "Mara Veld", "entity").startswith("Someone else changed this entity at ")


def test_local_time_is_the_clock_today_and_the_date_before():
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert len(local_time(now)) == 5 and local_time(now)[2] == ":"
    old = dt.datetime(2020, 2, 29, 23, 59)
    shown = local_time(old)
    assert shown[:4] in ("2020",) and len(shown) == len("2020-02-29 23:59")


def test_a_damaged_audit_entry_still_reads(lib):
    a, _b, _t = ids(lib)
    with sqlite3.connect(lib.engine.url.database) as raw:
        raw.execute("INSERT INTO audit_log (at, annotator, action, detail, claim_id) "
                    "VALUES ('2026-03-14 09:30:00', 'Tomas Irle', 'claim.update', '{not json', ?)", (a,))
    assert lib.history.for_claim(a)[-1].what == "edited the claim"


def test_coders_are_everyone_who_made_a_claim_by_name(lib):
    a, _b, _t = ids(lib)
    with Library.open(lib.engine.url.database, annotator="ada Brenn") as colleague:
        colleague.claims.create(1, 0, 7, [])
    assert lib.history.coders() == ["ada Brenn", "Mara Veld"]
    assert lib.agreement.coders() == ["ada Brenn", "Mara Veld"]
