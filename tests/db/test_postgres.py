"""A team library on a real PostgreSQL server: the same services, from a throwaway cluster
(the shared pg_url fixture of tests/postgres_server.py).

Skipped where the machine has no PostgreSQL server programs or psycopg is not installed
(`pip install -e '.[team]'`); scripts/test.sh installs the team extra, so CI runs it.
The server comes from the pg_url fixture in tests/postgres_server.py (one server per run).
"""
from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services import Library
from tests.helpers import add_article

pytest.importorskip("psycopg")


BODY = "Minister Dalia Orsek said the grain tariff on Veltra’s harbour would be lifted in May. Café 🌊 owners cheered."


def test_a_library_on_postgresql_keeps_a_persons_work(pg_url):
    with Library.open(pg_url, annotator="tester") as lib:
        aid = add_article(lib, BODY, title="Tariff to be lifted")
        start = BODY.index("the grain tariff")
        claim = lib.claims.create(aid, start, start + len("the grain tariff"), [1], note="check the decree")
        # As on SQLite: the article's words and the claim's words are both searched.
        assert sorted((h.kind, h.article_id, h.claim_id) for h in lib.search("tariff")) == [
            ("article", aid, None), ("claim", aid, claim.id)]
    with Library.open(pg_url) as lib:  # reopened: upgraded in place, nothing lost
        again = lib.claims.get(claim.id)
        assert (again.text, again.note) == ("the grain tariff", "check the decree")
        assert lib.articles.get(aid).body == BODY


def test_the_command_line_reports_from_postgresql(pg_url, tmp_path, capsys):
    out = tmp_path / "team.docx"
    assert main(["export", "--out", str(out), "--db", pg_url]) == 0
    assert out.stat().st_size > 0
    assert main(["search", "grain", "--db", pg_url]) == 0
    assert "Tariff to be lifted" in capsys.readouterr().out


def test_a_filter_longer_than_postgresqls_parameter_limit(pg_url):
    from desktop.services.dto import ArticleFilter

    with Library.open(pg_url) as lib:
        known = lib.articles.ids()
        many = [*known, *range(10_000_000, 10_070_000)]  # 70,000 more ids than PostgreSQL can bind
        assert lib.articles.ids(ArticleFilter(article_ids=tuple(many))) == known
        assert sum(c.n for c in lib.stats.claims_per_tag(many)) == len(lib.claims.all())
        assert [a.id for a in lib.articles.get_many(many)] == known


def test_entity_and_quote_counts_for_more_articles_than_postgresql_binds(pg_url):
    """The article list's counts (claimdesk list) for a filter past the 65,535-parameter limit."""
    quoted = "“The harbour stays open all winter,” Minister Dalia Orsek told the port council in Veltra."
    with Library.open(pg_url) as lib:
        aid = add_article(lib, quoted, title="Harbour stays open")
        lib.importer.analyse([aid])
        few = lib.entities.article_counts([aid])
        assert few[aid].entities > 0 and few[aid].quotes == 1
        many = lib.entities.article_counts([aid, *range(10_000_000, 10_070_000)])
        assert len(many) == 70_001
        assert many[aid] == few[aid]
        assert many[10_069_999].entities == many[10_069_999].quotes == 0


def test_refi_qda_round_trip_and_a_revision_on_postgresql(pg_url, tmp_path):
    from desktop.edits import EditHistory, ImportRevision
    from desktop.exchange.refi_export import export_qdpx
    from desktop.exchange.refi_import import import_project

    with Library.open(tmp_path / "source.sqlite", annotator="tester") as source:
        aid = add_article(source, BODY, title="Tariff lifted", outlet="Coastal Ledger")
        start = BODY.index("the grain tariff")
        source.claims.create(aid, start, start + len("the grain tariff"), [1], note="check the decree")
        export_qdpx(source, tmp_path / "project.qdpx")
    with Library.open(pg_url) as lib:
        result = import_project(lib.store, tmp_path / "project.qdpx")
        (_name, new_id), = result.articles
        assert [c.text for c in lib.claims.for_article(new_id)] == ["the grain tariff"]
        revised = tmp_path / "revised.txt"
        revised.write_text("Tariff lifted\n\nBy Mara Quell\n\nCoastal Ledger — 4 May 2026\n\n"
                           + BODY.replace("in May", "in June") + "\n", encoding="utf-8")
        report = lib.importer.import_paths([revised], analyse=False)
        (_path, rev), = report.revised
        assert rev.previous_id == new_id and rev.claims == 1
        history = EditHistory(lib)
        history.push(ImportRevision(rev.article_id))
        history.undo()
        assert [c.article_id for c in lib.claims.for_article(new_id)] == [new_id]
def test_similar_passages_on_postgresql_without_fts5(pg_url):
    from desktop.ingest.types import ParsedArticle

    first = "Dock fees at Port Kessa will double in April, the harbour board said. Ferries run late."
    second = "The harbour board said that dock fees at Port Kessa would double in April."
    with Library.open(pg_url) as lib:
        items = [(f"{i}.txt", ParsedArticle(title=f"Fees {i}", body=b, original_text=b))
                 for i, b in enumerate((first, second))]
        a, b = (i for _p, i in lib.importer.add_parsed(items).added)
        found = lib.similar.find("dock fees at Port Kessa will double in April", limit=2, exclude_article_id=a)
        assert found[0].article_id == b and found[0].text == second and found[0].same
