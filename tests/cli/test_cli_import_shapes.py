"""What `claimdesk import --json` and `claimdesk analyze` give a script, for every kind of outcome: a new
article, a duplicate, a failure with its reason, a warning, a revision with its claims carried over, a
REFI-QDA project with its counts; and `analyze`'s records with every span exact in the body."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main

FIRST = """Harbour Fees to Double at Port Kessa

By Mara Quell

Coastal Ledger — 14 March 2026

The harbour board of Marenhal said on Tuesday that fees at Port Kessa would double from April.

“We cannot keep the ferries running at a loss,” said Dalia Orsek, the finance minister.
"""
REVISED = FIRST.replace("would double from April", "would rise by a third from May")


def run(capsys, *args: str) -> tuple[int, dict | list, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith(("{", "[")) else out, err


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "lib.sqlite")
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    code, report, err = run(capsys, "import", str(tmp_path / "first.txt"), "--json", "--no-analysis", "--db", path)
    assert code == 0, err
    return path


def test_the_report_has_every_key_even_when_nothing_happened_to_it(capsys, db, tmp_path):
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "first.md").write_text(FIRST, encoding="utf-8")
    (tmp_path / "again" / "broken.docx").write_bytes(b"PK\x03\x04 not really a document")
    code, report, _err = run(capsys, "import", str(tmp_path / "again"), "--json", "--no-analysis", "--db", db)
    assert code == 1
    assert set(report) == {"added", "duplicates", "failed", "warnings", "analysed", "stopped", "revised", "projects"}
    assert report["added"] == [] and [Path(p).name for p, _id in report["duplicates"]] == ["first.md"]
    ((failed, reason),) = report["failed"]
    # A Word file cut short (a download that stopped) is a damaged .docx, not "a zip archive".
    assert Path(failed).name == "broken.docx" and reason == "the file is named .docx but is not a valid DOCX file"
    assert (report["analysed"], report["stopped"], report["revised"], report["projects"]) == (0, None, [], [])


def test_a_revision_reports_its_previous_article_and_the_claims_carried(capsys, db, tmp_path):
    assert main(["claim", "add", "--article", "1", "--text", "fees at Port Kessa would double from April",
                 "--db", db]) == 0
    assert main(["claim", "add", "--article", "1", "--text", "Dalia Orsek", "--db", db]) == 0
    capsys.readouterr()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "first.txt").write_text(REVISED, encoding="utf-8")
    code, report, _err = run(capsys, "import", str(tmp_path / "v2" / "first.txt"), "--json", "--no-analysis",
                             "--db", db)
    assert code == 0
    (revised,) = report["revised"]
    assert Path(revised["path"]).name == "first.txt"
    assert (revised["previous_id"], revised["claims"], revised["flagged"]) == (1, 2, 1)
    assert revised["article_id"] != 1
    assert report["added"] == [[revised["path"], revised["article_id"]]]  # the new version is also an import


def test_a_refi_qda_project_is_reported_with_its_counts(capsys, db, tmp_path):
    assert main(["claim", "add", "--article", "1", "--text", "Dalia Orsek", "--tag", "Economy/Ports", "--db", db]) == 0
    assert main(["export", "--out", str(tmp_path / "p.qdpx"), "--db", db]) == 0
    capsys.readouterr()
    other = str(tmp_path / "other.sqlite")
    code, report, _err = run(capsys, "import", str(tmp_path / "p.qdpx"), "--json", "--no-analysis", "--db", other)
    assert code == 0
    ((project,),) = [report["projects"]]
    assert set(project) == {"path", "articles", "existing", "revised", "tags_added", "tags_merged", "claims_added",
                            "claims_existing", "users_added", "skipped_sources", "skipped_codings"}
    assert (len(project["articles"]), project["claims_added"], project["skipped_codings"]) == (1, 1, [])
    code, report, _err = run(capsys, "import", str(tmp_path / "p.qdpx"), "--json", "--no-analysis", "--db", other)
    ((again,),) = [report["projects"]]
    assert (again["articles"], len(again["existing"]), again["claims_added"], again["claims_existing"]) == ([], 1, 0, 1)


def test_analyze_gives_each_file_its_details_and_exact_spans(capsys, tmp_path):
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    code, records, _err = run(capsys, "analyze", str(tmp_path / "first.txt"), "--json")
    assert code == 0
    (record,) = records
    assert {"path", "title", "author", "published", "outlet", "body", "entities", "quotes", "scare_quotes",
            "claim_suggestions"} <= set(record)
    assert (record["title"], record["author"]) == ("Harbour Fees to Double at Port Kessa", "Mara Quell")
    body = record["body"]
    for entity in record["entities"]:
        assert all(body[m["start"]:m["end"]] == m["text"] for m in entity["mentions"])
    (quote,) = record["quotes"]
    assert body[quote["start"]:quote["end"]] == quote["text"] and "ferries" in quote["text"]
    for s in record["claim_suggestions"]:
        assert body[s["start"]:s["end"]] == s["text"] and s["reason"]
