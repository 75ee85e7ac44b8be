"""Start-up without SQLAlchemy (issue 19): an up-to-date library file opens without an engine, its list's
first page is read with sqlite3 exactly as the services read it, and an older library is still upgraded
when it is opened, before anything can write to it."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from db.migrate import HEAD
from desktop.ingest.types import ParsedArticle
from desktop.services import Library
from desktop.services.dto import ArticleFilter
from tests.helpers import schema_to

ROOT = Path(__file__).resolve().parents[2]


def _parsed(n: int, published: dt.date | None, outlet: str | None = "Vell Gazette") -> ParsedArticle:
    body = f"Ferry number {n} left the quay at Brannock before dawn, its crew said on the radio."
    return ParsedArticle(title=f"Ferry {n}", body=body, original_text=body, outlet=outlet, published=published)


def _make(path: Path) -> list[int]:
    """A library whose list has ties in date, undated articles, corrections, claims, an analysis failure
    and an article revised since (listed only as its newest version)."""
    with Library.open(path, annotator="Ilse Varro") as lib:
        items = [(f"f{n}.txt", _parsed(n, dt.date(2025, 1 + n % 6, 1) if n % 5 else None,
                                       None if n % 7 == 0 else "Vell Gazette")) for n in range(30)]
        ids = [i for _p, i in lib.importer.add_parsed(items).added]
        lib.articles.set_metadata(ids[3], "published", dt.date(2026, 2, 2))
        lib.articles.set_metadata(ids[4], "title", "A corrected title")
        lib.articles.set_metadata(ids[6], "outlet", "Harbour Weekly")
        lib.articles.set_metadata(ids[8], "author", "Oren Tasker")
        lib.articles.set_status(ids[9], "done")
        tag = lib.tags.ensure_path("Ferries").id
        lib.claims.create(ids[1], 0, 12, [tag])
        lib.claims.create(ids[1], 13, 20, [tag])
        lib.claims.create(ids[2], 0, 5, [tag])
        with sqlite3.connect(path) as raw:
            raw.execute("UPDATE articles SET analysis_error = 'the analyser stopped' WHERE id = ?", (ids[5],))
        revised = _parsed(11, dt.date(2025, 6, 1))
        revised = ParsedArticle(title=revised.title, body=revised.body.replace("dawn", "noon"),
                                original_text="", outlet=revised.outlet, published=revised.published)
        report = lib.importer.add_parsed([("f11-again.txt", revised)])
        assert report.revised, "the same article again, changed: a revision"
        return ids


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("limit", [7, 100])
def test_the_first_page_is_what_the_services_read(tmp_path, descending, limit):
    path = tmp_path / "lib.sqlite"
    _make(path)
    quick_lib = Library.open(path)
    assert not quick_lib.connected
    quick = quick_lib.first_page(ArticleFilter(), "published", descending, limit)
    assert quick is not None and not quick_lib.connected  # read without the engine
    with Library.open(path) as lib:
        ids = lib.articles.ids(ArticleFilter(), "published", descending, limit=limit)
        assert quick == (ids, lib.articles.rows_by_id(ids))
        assert len(ids) == (7 if limit == 7 else 30)  # 31 stored, one superseded by its revision
    quick_lib.close()


def test_only_the_unfiltered_list_by_date_of_an_unconnected_file_is_read_quickly(tmp_path):
    path = tmp_path / "lib.sqlite"
    _make(path)
    lib = Library.open(path)
    assert lib.first_page(ArticleFilter(status="done"), "published", True, 5) is None
    assert lib.first_page(ArticleFilter(), "claims", True, 5) is None
    lib.connect()
    assert lib.connected and lib.first_page(ArticleFilter(), "published", True, 5) is None
    lib.close()


def test_an_up_to_date_library_opens_and_lists_its_first_page_without_sqlalchemy(tmp_path):
    path = tmp_path / "lib.sqlite"
    _make(path)
    code = ("import sys\nfrom desktop.services import Library\nfrom desktop.services.dto import ArticleFilter\n"
            "lib = Library.open(sys.argv[1])\nids, rows = lib.first_page(ArticleFilter(), 'published', True, 5)\n"
            "print(len(ids), len(rows), 'sqlalchemy' in sys.modules)\n"
            "print(len(lib.articles.ids()), 'sqlalchemy' in sys.modules)\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["5", "5", "False", "30", "True"]


def test_a_library_of_an_older_schema_is_upgraded_when_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    _make(path)
    schema_to(path, "0007_i12", down=True)
    lib = Library.open(path)
    assert lib.connected  # a migration needs the engine: nothing waits for a first use
    with sqlite3.connect(path) as raw:  # upgraded in open(), before anything else reads or writes
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    assert len(lib.articles.ids()) == 30
    lib.close()


def test_a_thread_waits_for_the_window_before_connecting_but_its_owner_never_does(tmp_path):
    path = tmp_path / "lib.sqlite"
    _make(path)
    lib = Library.open(path)
    painted = threading.Event()
    lib.connect_after(painted, timeout=30)
    seen: list[tuple[bool, float]] = []

    def other_thread() -> None:
        lib.connect()
        seen.append((painted.is_set(), time.monotonic()))

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join(0.3)
    assert worker.is_alive() and not lib.connected  # waiting for the paint
    painted.set()
    worker.join(30)
    assert seen and seen[0][0] and lib.connected
    lib.close()

    again = Library.open(path)
    again.connect_after(threading.Event(), timeout=30)  # never set
    started = time.monotonic()
    assert len(again.articles.ids()) == 30  # the owner's thread (the window's) connects at once
    assert time.monotonic() - started < 20
    waiting = Library.open(path)
    waiting.connect_after(threading.Event(), timeout=0.2)  # a window that never paints: not for ever
    worker = threading.Thread(target=waiting.connect)
    worker.start()
    worker.join(30)
    assert waiting.connected
    again.close()
    waiting.close()
