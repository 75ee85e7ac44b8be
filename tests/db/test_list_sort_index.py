"""Migration 0008_i19_list_sort: the article list's order (date, newest first) is read off an index."""
from __future__ import annotations

import datetime as dt
import sqlite3

from sqlalchemy import select, text
from sqlalchemy.dialects import sqlite

from db.migrate import HEAD, current_revision
from db.models import Article
from desktop.services import Library
from desktop.services.articles import apply_filter
from desktop.services.dto import ArticleFilter
from tests.helpers import add_article, schema_to

INDEX = "ix_articles_published_sort"


def _indexes(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_library_of_0007_gains_the_index_and_keeps_a_persons_work(tmp_path):
    path = tmp_path / "old.sqlite"
    with Library.open(path, annotator="tester") as lib:
        older = add_article(lib, "The port council met on Monday.", title="Older", published=dt.date(2024, 3, 1))
        newer = add_article(lib, "Fees at the harbour rose again.", title="Newer", published=dt.date(2024, 5, 1))
        undated = add_article(lib, "A note without a date.", title="Undated")
        lib.articles.set_metadata(older, "published", dt.date(2024, 6, 1))  # the person's correction
        tag = lib.tags.ensure_path("Fees").id
        claim = lib.claims.create(newer, 0, 20, [tag], note="ask the port").id
        lib.articles.set_status(undated, "done")
        order = lib.articles.ids(ArticleFilter(), "published", True)
    schema_to(path, "0007_i12", down=True)
    assert INDEX not in _indexes(path)

    with Library.open(path) as lib:  # opening upgrades it
        assert current_revision(lib.engine) == HEAD
        assert lib.articles.ids(ArticleFilter(), "published", True) == order == [older, newer, undated]
        assert lib.articles.ids(ArticleFilter(), "published", True, limit=2) == [older, newer]
        assert lib.articles.get(older).published == dt.date(2024, 6, 1)
        assert lib.articles.get(undated).status == "done"
        again = lib.claims.get(claim)
        assert (again.text, again.note, again.tag_names) == ("Fees at the harbour ", "ask the port", ("Fees",))
    with sqlite3.connect(path) as raw:
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (INDEX,)).fetchone()[0]
    assert " ".join(sql.split()) == f"CREATE INDEX {INDEX} ON articles (coalesce(published_user, published), id)"

    schema_to(path, "0007_i12", down=True)  # and back down: the index goes, nothing else does
    assert INDEX not in _indexes(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert raw.execute("SELECT note FROM claims WHERE id = ?", (claim,)).fetchone()[0] == "ask the port"


def test_the_lists_first_page_is_read_off_the_index(library):
    """SQLite's plan for the list's first page, newest first and oldest first: no sort of the whole library."""
    for descending in (True, False):
        with library.store.read() as s:
            stmt = apply_filter(select(Article.id), ArticleFilter(), s).order_by(
                *library.articles._order("published", descending)).limit(201)
            sql = str(stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
            plan = " ".join(row[3] for row in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert f"USING INDEX {INDEX}" in plan and "TEMP B-TREE" not in plan, plan
