"""A library of every earlier release opens in this one with everything a person made kept.

For each older revision, a library is made at that revision and a person's work is written into it
with that release's tables (claims with notes, verdicts and speakers, nested tags, a link, a renamed
entity, a corrected title, audit entries), and then opened: the upgrade must keep all of it, leave the
same schema a new library has (tables, indexes, search index and triggers), be backed up first, and
give a library in which the old work can be searched, edited and undone. The same from the first
revision on a PostgreSQL server.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from db.engine import make_engine
from db.migrate import HEAD, alembic_config, current_revision, upgrade_to_head
from desktop.edits import EditHistory, UpdateClaim
from desktop.services import Library
from desktop.services.backups import Backups

OLDER = ["0001", "0002", "0003_i15", "0004_i18b", "0005_i14", "0006_i18a"]
FIRST_BODY = ("Finance Minister Dalia Orsek said the harbour fees at Port Kessa would double in April. "
              "“The ferries cannot run at a loss,” Orsek told the Coastal Ledger.")
SECOND_BODY = ("The harbour board of Marenhal said fees would rise by a third, not double. "
               "Dock workers in Osterlund held a meeting on Tuesday.")
WHEN = dt.datetime(2026, 3, 14, 9, 30)


def at_revision(engine: Engine, revision: str) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _insert(conn, table: str, **values) -> int:
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join(f":{c}" for c in values)
    return conn.execute(text(f'INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id'), values).scalar_one()


def write_old_work(engine: Engine, revision: str) -> dict[str, int]:
    """A person's work as the release at this revision stored it (the first release's columns, plus the
    claim an audit entry names from 0005 on); no ids chosen by hand."""
    twins = revision < "0006"
    ids: dict[str, int] = {}
    with engine.begin() as conn:
        ids["mara"] = _insert(conn, "annotators", name="Mara Veld", created_at=WHEN)
        ids["tomas"] = _insert(conn, "annotators", name="Tomas Irle", created_at=WHEN)
        for key, body, title, hash_ in (("first", FIRST_BODY, "Fees to double", "a" * 64),
                                        ("second", SECOND_BODY, "Fees to rise", "b" * 64)):
            ids[key] = _insert(conn, "articles", title=title, body=body, original_text=body, source_format="txt",
                               content_hash=hash_, word_count=len(body.split()), imported_at=WHEN,
                               status="read" if key == "first" else "unread", outlet="Coastal Ledger",
                               published=dt.date(2026, 3, 13))
        conn.execute(text("UPDATE articles SET title_user = :t WHERE id = :id"),
                     {"t": "Harbour fees to double", "id": ids["first"]})
        ids["economy"] = _insert(conn, "tags", name="Economy", color="#4e79a7", description="money", sort_order=1)
        ids["fees"] = _insert(conn, "tags", name="Fees", parent_id=ids["economy"], color="#f28e2b",
                              description="", sort_order=1)
        if twins:  # two clients made one top-level tag twice before 0006 forbade it
            ids["twin"] = _insert(conn, "tags", name="economy", color="#e15759", description="", sort_order=2)
        ids["orsek"] = _insert(conn, "entities", name="Dalia Orsek", type="PERSON", name_by_user=True,
                               type_by_user=False, created_at=WHEN)
        _insert(conn, "entity_aliases", entity_id=ids["orsek"], alias="Orsek", norm="orsek", type="PERSON",
                by_user=True)
        start = FIRST_BODY.index("Dalia Orsek")
        _insert(conn, "entity_mentions", article_id=ids["first"], entity_id=ids["orsek"], start=start,
                end=start + len("Dalia Orsek"), text="Dalia Orsek", analyser_version="old")
        q_start = FIRST_BODY.index("“")
        q_end = FIRST_BODY.index("”") + 1
        _insert(conn, "quotes", article_id=ids["first"], start=q_start, end=q_end, text=FIRST_BODY[q_start:q_end],
                speaker_entity_id=ids["orsek"], speaker_text="Orsek", cue="told", is_scare=False,
                analyser_version="old")
        passage = "the harbour fees at Port Kessa would double in April"
        c_start = FIRST_BODY.index(passage)
        ids["claim"] = _insert(conn, "claims", article_id=ids["first"], start=c_start, end=c_start + len(passage),
                               text=passage, verdict="disputed", speaker_entity_id=ids["orsek"],
                               note="check the port ledger", annotator_id=ids["mara"], created_at=WHEN,
                               updated_at=WHEN)
        other = "fees would rise by a third, not double"
        o_start = SECOND_BODY.index(other)
        ids["other"] = _insert(conn, "claims", article_id=ids["second"], start=o_start, end=o_start + len(other),
                               text=other, verdict="unverified", speaker_text="the harbour board", note="",
                               annotator_id=ids["tomas"], created_at=WHEN, updated_at=WHEN)
        conn.execute(text("INSERT INTO claim_tags (claim_id, tag_id) VALUES (:c, :t)"),
                     [{"c": ids["claim"], "t": ids["fees"]}, {"c": ids["other"], "t": ids.get("twin", ids["economy"])}])
        _insert(conn, "claim_links", from_claim_id=ids["claim"], to_claim_id=ids["other"], kind="contradicts",
                note="other month", created_at=WHEN)
        for action, detail in (("claim.update", {"claim_id": ids["claim"], "verdict": "disputed"}),
                               ("claim.link", {"from_id": ids["claim"], "to_id": ids["other"], "kind": "contradicts"}),
                               ("claim.create", {"article_id": ids["first"], "start": c_start, "end": c_start + 9})):
            named = {"claim_id": detail.get("claim_id", detail.get("from_id")), "other_claim_id": detail.get("to_id")}
            _insert(conn, "audit_log", at=WHEN, annotator="Mara Veld", action=action, detail=json.dumps(detail),
                    **(named if revision >= "0005" else {}))
        _insert(conn, "suggestion_dismissals", article_id=ids["second"], text="Dock workers in Osterlund",
                created_at=WHEN)
    return ids


def check_work_kept(lib: Library, ids: dict[str, int], twins: bool) -> None:
    claim = lib.claims.get(ids["claim"])
    assert (claim.text, claim.verdict, claim.note, claim.speaker, claim.annotator) == (
        "the harbour fees at Port Kessa would double in April", "disputed", "check the port ledger",
        "Dalia Orsek", "Mara Veld")
    assert claim.tag_names == ("Fees",) and claim.version == 1
    other = lib.claims.get(ids["other"])
    assert (other.speaker, other.annotator, other.article_title) == ("the harbour board", "Tomas Irle", "Fees to rise")
    assert [(lk.kind, lk.note) for lk in lib.claims.links(ids["claim"])] == [("contradicts", "other month")]
    paths = {t.path for t in lib.tags.list()}
    assert {"Economy", "Economy/Fees"} <= paths
    if twins:
        assert "economy (2)" in paths and other.tag_names == ("economy (2)",)
    article = lib.articles.get(ids["first"])
    assert (article.title, article.status, article.body) == ("Harbour fees to double", "read", FIRST_BODY)
    (orsek,) = [e for e in lib.entities.list(None) if e.id == ids["orsek"]]
    assert orsek.name == "Dalia Orsek" and "Orsek" in orsek.aliases
    assert [q.speaker for q in lib.entities.quotes_by_article([ids["first"]])[ids["first"]]] == ["Dalia Orsek"]
    # The audit entries written before 0005 name their claim now: the claim has a history.
    assert [h.what for h in lib.history.for_claim(ids["claim"])] == [
        "set the verdict to disputed", f"linked it (contradicts) with claim {ids['other']}"]


def check_still_usable(lib: Library, ids: dict[str, int]) -> None:
    """The old work can be found, edited with its version, undone; new work gets new ids."""
    assert ids["claim"] in [h.claim_id for h in lib.search("ledger")]
    assert ids["first"] in [h.article_id for h in lib.search("Kessa")]
    history = EditHistory(lib)
    history.push(UpdateClaim(ids["claim"], {"verdict": "false"}, expected_version=1))
    assert lib.claims.get(ids["claim"]).verdict == "false"
    history.undo()
    assert lib.claims.get(ids["claim"]).verdict == "disputed"
    made = lib.claims.create(ids["second"], 0, len("The harbour board"), [ids["economy"]], note="new")
    assert made.id not in (ids["claim"], ids["other"])
    found = lib.similar.find("harbour fees at Port Kessa would double in April", limit=3)
    assert ids["first"] in [c.article_id for c in found]


def schema(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as raw:
        return sorted((kind, name, " ".join((sql or "").split())) for kind, name, sql in
                      raw.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


@pytest.fixture(scope="module")
def new_schema(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    path = tmp_path_factory.mktemp("new") / "new.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    engine.dispose()
    return schema(path)


@pytest.mark.parametrize("revision", OLDER)
def test_a_library_of_an_older_release_keeps_a_persons_work(tmp_path, revision, new_schema):
    path = tmp_path / f"made-at-{revision}.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    at_revision(engine, revision)
    twins = revision < "0006"
    ids = write_old_work(engine, revision)
    engine.dispose()
    with Library.open(path, annotator="Mara Veld") as lib:
        assert current_revision(lib.engine) == HEAD
        check_work_kept(lib, ids, twins)
        check_still_usable(lib, ids)
    assert schema(path) == new_schema  # the same tables, indexes, search index and triggers as a new library
    with sqlite3.connect(path) as raw, pytest.raises(sqlite3.DatabaseError, match="immutable"):
        raw.execute("UPDATE articles SET body = 'rewritten' WHERE id = ?", (ids["first"],))
    (backup,) = [b for b in Backups(path).list() if b.reason == f"before-{HEAD}"]
    with sqlite3.connect(backup.path) as raw:  # the backup is the library as it was, before the upgrade
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (revision,)
        assert raw.execute("SELECT count(*) FROM claims").fetchone() == (2,)


def test_an_upgrade_that_fails_half_way_leaves_the_old_library_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    at_revision(engine, "0004_i18b")
    write_old_work(engine, "0004_i18b")
    engine.dispose()
    before = schema(path)
    real_upgrade = command.upgrade

    def half_way(cfg, _target):  # one migration runs inside the upgrade's transaction, then the disk goes
        real_upgrade(cfg, "0005_i14")
        raise OSError("disk unplugged")

    monkeypatch.setattr(command, "upgrade", half_way)
    with pytest.raises(OSError, match="disk unplugged"):
        Library.open(path)
    assert schema(path) == before
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004_i18b",)
        assert raw.execute("SELECT count(*) FROM claims").fetchone() == (2,)
    monkeypatch.undo()
    with Library.open(path) as lib:  # the next start upgrades it whole
        assert current_revision(lib.engine) == HEAD and len(lib.claims.all()) == 2


def test_a_postgresql_library_of_the_first_release_keeps_a_persons_work(pg_server):
    from tests.postgres_server import new_database

    url = new_database(pg_server)
    engine = make_engine(url)
    at_revision(engine, "0001")
    ids = write_old_work(engine, "0001")
    engine.dispose()
    with Library.open(url, annotator="Mara Veld") as lib:
        assert current_revision(lib.engine) == HEAD
        check_work_kept(lib, ids, twins=True)
        check_still_usable(lib, ids)
