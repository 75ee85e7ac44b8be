"""Migration 0009_polish_sort_indexes: the list's title, outlet and author sorts ignore case, give the same
order on SQLite and PostgreSQL, and read their first page off an index instead of sorting the library."""
from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, text

from db.migrate import HEAD, current_revision
from desktop.services import Library
from desktop.services.dto import ArticleFilter
from tests.helpers import add_article, schema_to

INDEXES = {f"ix_articles_{c}_sort" for c in ("title", "outlet", "author")}
# Titles a person might type in any case; the outlets include none at all and an empty one.
ARTICLES = [
    ("zebra crossing on the quay", "harbour Gazette", None),
    ("Apple growers meet in Veltra", "Coastal Ledger", "ilse Varnow"),
    ("apple tariffs lifted", None, "Tomas Brenn"),
    ("Zinc prices at the port", "coastal ledger", "orla Fenwick"),
    ("Bridge tolls to rise", "", "Dalia Orsek"),
    ("bridge closed for repairs", "Harbour Gazette", "dalia orsek"),
]
BY_TITLE = ["Apple growers meet in Veltra", "apple tariffs lifted", "bridge closed for repairs",
            "Bridge tolls to rise", "zebra crossing on the quay", "Zinc prices at the port"]


def _add_all(lib: Library) -> dict[str, int]:
    return {title: add_article(lib, f"The port council discussed item {n}.", title=title, outlet=outlet,
                               author=author)
            for n, (title, outlet, author) in enumerate(ARTICLES)}


def _titles(lib: Library, sort: str, descending: bool = False, limit: int | None = None) -> list[str]:
    ids = lib.articles.ids(ArticleFilter(), sort, descending, limit=limit)
    rows = lib.articles.rows_by_id(ids)
    return [rows[i].title for i in ids]


def _check_orders(lib: Library) -> None:
    """Case ignored; ties (the same words in another case) broken by import order, both ways."""
    assert _titles(lib, "title") == BY_TITLE
    assert _titles(lib, "title", descending=True) == BY_TITLE[::-1]
    assert _titles(lib, "title", limit=3) == BY_TITLE[:3]  # the list's first page
    # No outlet and an empty one come first; "coastal ledger" and "Coastal Ledger" side by side.
    assert _titles(lib, "outlet") == ["apple tariffs lifted", "Bridge tolls to rise", "Apple growers meet in Veltra",
                                      "Zinc prices at the port", "zebra crossing on the quay",
                                      "bridge closed for repairs"]
    assert _titles(lib, "author")[-2:] == ["Zinc prices at the port", "apple tariffs lifted"]
    assert _titles(lib, "author")[1:3] == ["Bridge tolls to rise", "bridge closed for repairs"]


def _indexes(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_text_sorts_ignore_case_and_follow_the_persons_corrections(library):
    ids = _add_all(library)
    _check_orders(library)
    # The person corrects a title: the list sorts by what it shows.
    library.articles.set_metadata(ids["zebra crossing on the quay"], "title", "aardvark crossing on the quay")
    assert _titles(library, "title")[0] == "aardvark crossing on the quay"
    library.articles.set_metadata(ids["apple tariffs lifted"], "outlet", "Veltra Times")
    assert _titles(library, "outlet")[-1] == "apple tariffs lifted"


def test_a_library_of_0008_gains_the_indexes_and_keeps_a_persons_work(tmp_path):
    path = tmp_path / "old.sqlite"
    with Library.open(path, annotator="tester") as lib:
        ids = _add_all(lib)
        first = ids["Apple growers meet in Veltra"]
        tag = lib.tags.ensure_path("Tariffs").id
        claim = lib.claims.create(first, 0, 8, [tag], note="ask the council").id
        lib.articles.set_status(first, "done")
    schema_to(path, "0008_i19_list_sort", down=True)
    assert not INDEXES & _indexes(path)

    with Library.open(path) as lib:  # opening upgrades it
        assert current_revision(lib.engine) == HEAD == "0009_polish_sort_indexes"
        _check_orders(lib)
        assert lib.articles.get(first).status == "done"
        again = lib.claims.get(claim)
        assert (again.text, again.note, again.tag_names) == ("The port", "ask the council", ("Tariffs",))
    assert INDEXES <= _indexes(path)
    with sqlite3.connect(path) as raw:
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_articles_title_sort'").fetchone()[0]
    assert " ".join(sql.split()) == ("CREATE INDEX ix_articles_title_sort ON articles "
                                     "(lower(coalesce(title_user, title, '')), id)")

    schema_to(path, "0008_i19_list_sort", down=True)  # and back down: the indexes go, nothing else does
    assert not INDEXES & _indexes(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
        assert raw.execute("SELECT note FROM claims WHERE id = ?", (claim,)).fetchone()[0] == "ask the council"


def _statements_of(lib: Library, work) -> list[tuple[str, object]]:
    """The SQL (and parameters) the services send while work() runs."""
    sent: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(lib.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(lib.engine, "before_cursor_execute", record)
    return sent


@pytest.mark.parametrize("sort", ["title", "outlet", "author"])
def test_the_first_page_of_a_text_sort_is_read_off_its_index(library, sort):
    """SQLite's plan for the very statement the list sends (its '' and its LIMIT as sent): no sort of the library."""
    _add_all(library)
    for descending in (False, True):
        sent = _statements_of(library, lambda d=descending: library.articles.ids(ArticleFilter(), sort, d, limit=201))
        (statement, parameters), = [(s, p) for s, p in sent if "ORDER BY" in s]
        with library.store.read() as s:
            raw = s.connection().connection.driver_connection
            plan = " ".join(row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters))
        assert f"USING INDEX ix_articles_{sort}_sort" in plan and "TEMP B-TREE" not in plan, plan


# ---- PostgreSQL: the same order, whatever the database's own collation


def _database_with_a_language_collation(server_url: str) -> str | None:
    """A new database whose default collation is a language's (ICU English), where a plain ORDER BY would
    ignore case and spaces; None where the server has no ICU."""
    import psycopg

    name = "sort_icu"
    with psycopg.connect(server_url.replace("postgresql+psycopg", "postgresql") + "/postgres",
                         autocommit=True) as conn:
        try:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                         "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
        except psycopg.errors.DatabaseError:
            return None
    return f"{server_url}/{name}"


# Words that a language collation orders otherwise than SQLite: spaces and punctuation, accents.
ODD = ["Port Kessa", "Portage fees", "port-side cafés", "Émile's quay", "émigré sailors", "Port-Kessa ferry"]


def test_postgresql_sorts_as_sqlite_does(pg_server, tmp_path):
    pytest.importorskip("psycopg")
    url = _database_with_a_language_collation(pg_server)
    if url is None:
        from tests.postgres_server import new_database

        url = new_database(pg_server)
    with Library.open(url, annotator="tester") as pg, Library.open(tmp_path / "same.sqlite") as lite:
        for lib in (pg, lite):
            _add_all(lib)
        _check_orders(pg)
        for lib in (pg, lite):
            for n, title in enumerate(ODD):
                add_article(lib, f"A harbour note, number {n}.", title=title)
        for sort in ("title", "outlet", "author"):
            for descending in (False, True):
                assert _titles(pg, sort, descending) == _titles(lite, sort, descending), (sort, descending)
        # Read off the index there too (with sequential scans and sorts priced out, as on a large library).
        with pg.store.read() as s:
            s.execute(text("SET LOCAL enable_seqscan = off"))
            s.execute(text("SET LOCAL enable_sort = off"))
            from sqlalchemy import select

            from db.models import Article
            from desktop.services.articles import apply_filter

            stmt = apply_filter(select(Article.id), ArticleFilter(), s).order_by(
                *pg.articles._order("title", False)).limit(201)
            plan = "\n".join(r[0] for r in s.execute(text("EXPLAIN " + str(stmt.compile(
                dialect=s.get_bind().dialect, compile_kwargs={"literal_binds": True})))))
        assert "ix_articles_title_sort" in plan, plan


@pytest.mark.parametrize("sort", ["title", "outlet", "author"])
def test_start_up_reads_a_text_sorts_first_page_as_the_services_do(tmp_path, sort):
    """A person who sorts by title sees the first page before the services load (first_page.py), in the
    order the services give, off the same index."""
    from desktop.services.first_page import _IDS, SORTS
    from tests.db.test_first_page import _make

    path = tmp_path / "lib.sqlite"
    _make(path)  # corrections, ties, no outlet, a revision
    with Library.open(path) as lib:
        _add_all(lib)
    for descending in (False, True):
        quick_lib = Library.open(path)
        quick = quick_lib.first_page(ArticleFilter(), sort, descending, 20)
        assert quick is not None and not quick_lib.connected  # read without the engine
        quick_lib.close()
        with Library.open(path) as lib:
            ids = lib.articles.ids(ArticleFilter(), sort, descending, limit=20)
            assert quick == (ids, lib.articles.rows_by_id(ids))
    with sqlite3.connect(path) as raw:
        sql = _IDS.format(key=SORTS[sort], dir="ASC")
        plan = " ".join(r[3] for r in raw.execute("EXPLAIN QUERY PLAN " + sql, (20,)))
    assert f"USING INDEX ix_articles_{sort}_sort" in plan and "TEMP B-TREE" not in plan, plan


def test_the_outlet_filter_lists_outlets_ignoring_case(library):
    _add_all(library)
    assert library.articles.outlets() == ["", "Coastal Ledger", "coastal ledger", "Harbour Gazette", "harbour Gazette"]
