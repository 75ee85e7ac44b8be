"""What the commands print for a person (not only --json): list, search with the hits marked, claim add
and claim list, analyze of files, export of a Word report and a REFI-QDA project, agreement; and the
exit codes of an interrupt and a closed pipe."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.cli import main
from tests.cli.test_cli import ARTICLE


@pytest.fixture
def lib_with_two(tmp_path: Path, capsys) -> str:
    db = str(tmp_path / "lib.sqlite")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "two.txt").write_text(ARTICLE.replace("Veltra", "Osterlund").replace("14%", "9%"), encoding="utf-8")
    assert main(["import", str(folder), "--db", db, "--no-analysis"]) == 0
    capsys.readouterr()
    return db


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_one_line_a_file_and_a_summary(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "again.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 cut short")
    code, out, err = run(capsys, "import", str(folder), "--db", str(tmp_path / "l.sqlite"), "--no-analysis")
    assert code == 1  # a file failed; the others are in
    lines = out.splitlines()
    assert sum(line.startswith("imported ") for line in lines) == 1
    assert sum(line.startswith("duplicate ") and "(already in the library)" in line for line in lines) == 1
    assert any(line.startswith("failed ") and "bad.pdf" in line for line in lines)
    assert "1 imported" in lines[-1]
    assert "created a new library" in err


def test_import_json_reports_every_outcome(capsys, tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(tmp_path / "one.txt"), str(tmp_path / "missing.txt"), "--json",
                       "--db", str(tmp_path / "l.sqlite"), "--no-analysis")
    report = json.loads(out)
    assert code == 1
    assert [Path(p).name for p, _ in report["added"]] == ["one.txt"]
    assert [Path(p).name for p, _ in report["failed"]] == ["missing.txt"]
    assert report["duplicates"] == [] and report["revised"] == [] and report["projects"] == []


def test_list_prints_a_row_an_article_and_filters_by_status(capsys, lib_with_two):
    code, out, _ = run(capsys, "list", "--db", lib_with_two)
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "2 articles"
    assert all("claims 0" in line and "Harbour Tariff Lifted in" in line for line in lines[:-1])
    code, out, _ = run(capsys, "list", "--status", "done", "--db", lib_with_two)
    assert out.splitlines() == ["0 articles"]


def test_search_marks_the_words_it_found(capsys, lib_with_two):
    code, out, _ = run(capsys, "search", "tariff", "--db", lib_with_two)
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "2 hits"
    assert lines[0].startswith("article")
    assert "[" in lines[1] and "]" in lines[1] and "tariff" in lines[1].lower()


def test_claim_add_and_claim_list_in_words(capsys, lib_with_two):
    code, out, _ = run(capsys, "claim", "add", "--article", "2", "--text", "grain exports rose 9%",
                       "--tag", "Economy", "--speaker", "harbour authority", "--db", lib_with_two)
    assert code == 0
    assert out.strip().startswith("claim 1 on article 2 [") and out.strip().endswith("tags: Economy; verdict: unverified")
    code, out, _ = run(capsys, "claim", "list", "--db", lib_with_two)
    lines = out.splitlines()
    assert lines[-1] == "1 claims"
    assert "article 2" in lines[0] and "Economy" in lines[0] and "grain exports rose 9%" in lines[0]
    code, out, _ = run(capsys, "claim", "list", "--json", "--db", lib_with_two)
    (claim,) = json.loads(out)
    assert (claim["speaker"], claim["tags"], claim["text"]) == ("harbour authority", ["Economy"],
                                                                "grain exports rose 9%")


def test_claim_add_json_gives_the_exact_offsets(capsys, lib_with_two):
    code, out, _ = run(capsys, "claim", "add", "--article", "1", "--text", "grain exports rose 14%", "--tag",
                       "Economy", "--json", "--db", lib_with_two)
    claim = json.loads(out)
    body = ARTICLE.split("By Mara Quell\n\n", 1)[1]
    assert claim["text"] == "grain exports rose 14%"
    assert claim["end"] - claim["start"] == len("grain exports rose 14%")
    assert "grain exports rose 14%" in body


def test_analyze_prints_each_files_analysis_as_json(capsys, tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 cut short")
    code, out, err = run(capsys, "analyze", str(tmp_path / "one.txt"), str(tmp_path / "bad.pdf"))
    (record,) = json.loads(out)
    assert code == 1 and "bad.pdf" in err and len(err.strip().splitlines()) == 1
    assert record["title"] == "Harbour Tariff Lifted in Veltra" and record["author"] == "Mara Quell"
    assert "Ilsa Roavik" in {e["name"] for e in record["entities"]}
    body = record["body"]
    assert all(body[m["start"]:m["end"]] == m["text"] for e in record["entities"] for m in e["mentions"])


def test_analyze_needs_files_or_the_library(capsys):
    code, _, err = run(capsys, "analyze")
    assert code == 1 and "give files to analyse" in err
    code, _, err = run(capsys, "analyze", "x.txt", "--all")
    assert code == 1 and "--cluster and --all go with --library" in err


def test_export_a_word_report_and_a_refi_qda_project(capsys, lib_with_two, tmp_path):
    run(capsys, "claim", "add", "--article", "1", "--text", "grain exports rose 14%", "--tag", "Economy",
        "--note", "check the customs tables", "--db", lib_with_two)
    code, out, _ = run(capsys, "export", "--out", str(tmp_path / "r.docx"), "--no-charts", "--db", lib_with_two)
    assert code == 0 and out.strip() == f"wrote {tmp_path / 'r.docx'}"
    assert [c.text for c in docx.Document(str(tmp_path / "r.docx")).comments][0].find("check the customs") >= 0
    code, out, _ = run(capsys, "export", "--out", str(tmp_path / "p.qdpx"), "--db", lib_with_two)
    assert code == 0 and "2 articles" in out and "1 claim," in out and "REFI-QDA project" in out
    with zipfile.ZipFile(tmp_path / "p.qdpx") as z:
        assert "project.qde" in z.namelist()


def test_agreement_of_two_coders_in_words(capsys, lib_with_two):
    for user in ("Mara Veld", "Tomas Irle"):
        run(capsys, "claim", "add", "--article", "1", "--text", "grain exports rose 14%", "--tag", "Economy",
            "--user", user, "--db", lib_with_two)
    code, out, _ = run(capsys, "agreement", "--db", lib_with_two)
    assert code == 0
    assert "Mara Veld" in out and "Tomas Irle" in out
    code, out, _ = run(capsys, "agreement", "--json", "--coders", "Mara Veld, Tomas Irle", "--db", lib_with_two)
    assert json.loads(out)["coders"] == ["Mara Veld", "Tomas Irle"]


def test_an_interrupt_is_exit_130_and_a_closed_pipe_is_quiet(capsys, monkeypatch, lib_with_two):
    from desktop import cli

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_list", interrupted)
    code, _, err = run(capsys, "list", "--db", lib_with_two)
    assert code == 130 and err.strip() == "claimdesk: interrupted"

    def closed(*_a, **_k):
        raise BrokenPipeError

    monkeypatch.setattr(cli, "_list", closed)
    code, _, err = run(capsys, "list", "--db", lib_with_two)
    assert code == 0 and err == ""
