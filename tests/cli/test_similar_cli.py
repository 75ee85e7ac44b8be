"""`claimdesk similar`: passages from arguments or stdin, JSON in input order, best first."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.cli import main

HARBOUR = ("Harbour News\n\nGrain exports through Port Kessa fell by less than 5% in March, the harbour "
           "authority said. Dock workers held a meeting on Tuesday.\n")
TRIBUNE = ("Marenhal Tribune\n\nThe harbour authority said grain exports through Port Kessa fell by less than 5% "
           "in March. The weather in Marenhal stayed cold all week.\n")


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "tribune.txt").write_text(TRIBUNE, encoding="utf-8")
    path = str(tmp_path / "lib.sqlite")
    assert main(["import", str(folder), "--db", path, "--no-analysis"]) == 0
    capsys.readouterr()
    return path


def test_similar_prints_json_per_passage_in_input_order(db, capsys):
    first = "grain exports through Port Kessa fell by less than 5% in March"
    code = main(["similar", first, "dock workers met on Tuesday", "--db", db, "--limit", "2", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["passage"] for r in out] == [first, "dock workers met on Tuesday"]
    matches = out[0]["matches"]
    assert len(matches) == 2 and {m["title"] for m in matches} == {"Harbour News", "Marenhal Tribune"}
    assert set(matches[0]) == {"article", "title", "start", "end", "text", "score", "same"}
    assert all(m["same"] for m in matches)
    assert matches[0]["score"] >= matches[1]["score"]
    assert out[1]["matches"][0]["text"] == "Dock workers held a meeting on Tuesday."


def test_similar_reads_passages_one_a_line_from_stdin(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("dock workers met on Tuesday\n\nthe weather stayed cold\n"))
    assert main(["similar", "-", "--db", db, "--json", "--limit", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["passage"] for r in out] == ["dock workers met on Tuesday", "the weather stayed cold"]
    assert out[1]["matches"][0]["text"] == "The weather in Marenhal stayed cold all week."


@pytest.mark.parametrize(("args", "message"), [
    (["similar", "grain", "--limit", "0"], "--limit must be at least 1"),
    (["similar", "grain", "--db", "/nonexistent/none.sqlite"], "no library at"),
])
def test_similar_mistakes_are_one_line(db, capsys, args, message):
    if "--db" not in args:
        args = [*args, "--db", db]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
