"""On a real PostgreSQL server: ten clients making the same coder and tag at once, and search
taking "_" and "%" as the characters they are."""
from __future__ import annotations

import pytest

from desktop.services import Library
from tests.db.test_get_or_create import race
from tests.helpers import add_article

pytest.importorskip("psycopg")


def test_clients_at_once_make_one_coder_and_one_tag(pg_url, tmp_path):
    with Library.open(pg_url, annotator="setup") as lib:
        add_article(lib, "The port authority raised night fees for ferries.")
    for round_ in range(2):  # the race was lost 2 to 9 times in 24: give it more than one chance
        race(pg_url, tmp_path, coder=f"Coder {round_}")
    with Library.open(pg_url) as lib:
        assert [t.path for t in lib.tags.list() if t.path.startswith("Port levies")] == [
            "Port levies", "Port levies/Night fees"]
        with lib.store.read() as s:
            from sqlalchemy import text

            per_coder = s.execute(text("SELECT a.name, count(*) FROM claims c JOIN annotators a "
                                       "ON a.id = c.annotator_id GROUP BY a.name ORDER BY a.name")).all()
    assert per_coder == [(f"Coder {n}", 8) for n in range(2)]


def test_search_matches_underscores_and_percent_signs_as_typed(pg_url):
    with Library.open(pg_url, annotator="tester") as lib:
        wanted = add_article(lib, "The file harbour_fees_2026 lists every levy.", title="Underscore")
        add_article(lib, "The harbourXfeesY2026 code is something else.", title="Lookalike")
        assert [h.article_id for h in lib.search("harbour_fees_2026")] == [wanted]
        percent = add_article(lib, "Rents rose 100% in the old town.", title="Percent")
        assert [h.article_id for h in lib.search("rose 100%")] == [percent]


def test_the_readmes_pg_dump_command_backs_the_library_up(pg_url, tmp_path):
    """README: PostgreSQL libraries are backed up by the server's tools; the command shown works."""
    import subprocess

    from tests.postgres_server import _server_bin

    dump = tmp_path / "claimdesk.dump"
    server = pg_url.replace("postgresql+psycopg://", "postgresql://")
    done = subprocess.run([str(_server_bin() / "pg_dump"), "--format=custom", f"--file={dump}", server],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    listing = subprocess.run([str(_server_bin() / "pg_restore"), "--list", str(dump)],
                             capture_output=True, text=True, timeout=60).stdout
    assert "TABLE public claims" in listing and "TABLE DATA public tags" in listing
