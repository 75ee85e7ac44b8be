"""Every command's mistakes, one by one: each is one line on stderr, exit 1 (argparse's own refusals exit 2
with a usage line), nothing written; and the --json shapes scripts read. A REFI-QDA export used to take
--tag and unknown --article ids and write something else without a word; it refuses them now."""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from tests.cli.test_cli import ARTICLE

SECOND = ARTICLE.replace("Veltra", "Osterlund").replace("14%", "9%").replace("Monday", "Tuesday")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err and err.startswith("claimdesk: ")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles; article 1 carries one claim by each of two coders, tagged alike (made once, copied)."""
    folder = tmp_path_factory.mktemp("in")
    (folder / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "two.txt").write_text(SECOND, encoding="utf-8")
    path = folder.parent / "template.sqlite"
    assert main(["import", str(folder), "--db", str(path), "--no-analysis"]) == 0
    for user in ("Mara Veld", "Tomas Irle"):
        assert main(["claim", "add", "--article", "1", "--text", "grain exports rose 14%",
                     "--tag", "Economy/Exports", "--user", user, "--db", str(path)]) == 0
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the whole library in the one file copied
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path, capsys) -> str:
    capsys.readouterr()
    path = tmp_path / "lib.sqlite"
    shutil.copyfile(template, path)
    return str(path)


def _digest(path: str) -> list[tuple]:
    with sqlite3.connect(path) as raw:
        return [raw.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("articles", "claims", "tags")]


@pytest.mark.parametrize("args, message", [
    (["claim", "add", "--article", "1", "--text", ""], "the passage is empty"),
    (["claim", "add", "--article", "1", "--text", "grain", "--occurrence", "0"], "--occurrence must be between 1 and 1"),
    (["claim", "add", "--article", "1", "--text", "grain", "--occurrence", "-3"], "--occurrence must be between"),
    (["claim", "add", "--article", "1", "--text", "grain", "--tag", "/"], "a tag needs a name"),
    (["claim", "add", "--article", "1", "--text", "grain", "--tag", "  "], "a tag needs a name"),
    (["claim", "add", "--article", "-1", "--text", "grain"], "no article with id -1"),
    (["export", "--out", "r.txt"], "the output must end in .docx"),
    (["export", "--out", "missing-folder/r.docx"], "does not exist"),
    (["export", "--out", "p.qdpx", "--article", "7"], "no article with id 7 in the library"),
    (["export", "--out", "p.qdpx", "--article", "1", "--article", "8", "--article", "9"], "no article with id 8, 9"),
    (["export", "--out", "p.qdpx", "--tag", "Economy"], "holds every claim of its articles"),
    (["export", "--out", "r.json", "--tag", "Nope"], "no tag named 'Nope'"),
    (["export", "--out", "r.json", "--article", "5"], "no article with id 5"),
    (["agreement", "--coders", "Mara Veld,Nobody"], "no claims by Nobody; coders here: Mara Veld, Tomas Irle"),
    (["agreement", "--coders", "Mara Veld"], "agreement needs at least two coders"),
    (["agreement", "--coders", "Mara Veld,Mara Veld"], "agreement needs at least two coders"),
    (["agreement", "--tag", "Weather"], "no tag 'Weather' in the codebook"),
    (["similar", "grain", "--limit", "0"], "--limit must be at least 1"),
    (["list", "--sort", "colour"], "cannot sort by 'colour'"),
    (["backup", "restore", "12"], "no backup number 12"),
])
def test_a_mistake_is_one_line_exit_1_and_changes_nothing(capsys, tmp_path, monkeypatch, db, args, message):
    monkeypatch.chdir(tmp_path)
    before = _digest(db)
    code, out, err = run(capsys, *args, "--db", db)
    assert (code, out) == (1, "") and one_line(err), err
    assert message in err
    assert _digest(db) == before
    assert not any(tmp_path.glob("r.*")) and not any(tmp_path.glob("p.*"))


@pytest.mark.parametrize("args", [
    ["search", "grain", "--limit", "ten"],
    ["list", "--status", "unknown"],
    ["claim", "add", "--article", "one", "--text", "grain"],
    ["claim", "add", "--article", "1", "--text", "grain", "--verdict", "maybe"],
    ["claim", "add", "--text", "grain"],
    ["claim"],
    ["export"],
    ["backup", "keep", "0"],
    ["similar"],
])
def test_what_argparse_refuses_is_a_usage_line_and_exit_2(capsys, db, args):
    with pytest.raises(SystemExit) as stop:
        main([*args, "--db", db])
    err = capsys.readouterr().err
    assert stop.value.code == 2
    assert err.startswith("usage: claimdesk") and "error:" in err.splitlines()[-1] and "Traceback" not in err


@pytest.mark.parametrize("command", [["list"], ["search", "grain"], ["claim", "list"], ["agreement"],
                                     ["export", "--out", "r.docx"], ["similar", "grain"]])
def test_a_command_that_only_reads_makes_no_library(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    wanted = tmp_path / "nothing-here.sqlite"
    code, out, err = run(capsys, *command, "--db", str(wanted))
    assert (code, out) == (1, "") and one_line(err)
    assert f"no library at {wanted}" in err
    assert not wanted.exists() and not (tmp_path / "r.docx").exists()


def test_a_refi_qda_project_of_chosen_articles_holds_only_them(capsys, tmp_path, db):
    out = tmp_path / "chosen.qdpx"
    code, printed, err = run(capsys, "export", "--out", str(out), "--article", "2", "--db", db)
    assert code == 0, err
    assert printed.strip().endswith("1 article, 15 tags, 0 claims, 2 coders (REFI-QDA project)")
    with zipfile.ZipFile(out) as z:
        sources = [n for n in z.namelist() if n.startswith("sources/")]
        assert len(sources) == 1 and "Osterlund" in z.read(sources[0]).decode("utf-8")


def test_list_json_has_one_object_an_article_with_every_field(capsys, db):
    code, out, _ = run(capsys, "list", "--json", "--sort", "title", "--db", db)
    rows = json.loads(out)
    assert code == 0
    assert [set(r) for r in rows] == [{"id", "title", "outlet", "author", "published", "status", "claims",
                                       "analysis_error", "entities", "quotes"}] * 2
    assert [r["title"] for r in rows] == ["Harbour Tariff Lifted in Osterlund", "Harbour Tariff Lifted in Veltra"]
    assert {r["id"]: r["claims"] for r in rows} == {1: 2, 2: 0}
    assert {r["status"] for r in rows} == {"unread"} and {r["author"] for r in rows} == {"Mara Quell"}


def test_search_json_gives_each_hit_its_kind_and_highlights_in_the_snippet(capsys, db):
    code, out, _ = run(capsys, "search", "exports", "--json", "--db", db)
    hits = json.loads(out)
    assert code == 0 and hits
    for hit in hits:
        assert set(hit) == {"kind", "article_id", "claim_id", "title", "snippet", "highlights"}
        assert hit["kind"] in ("article", "claim") and (hit["claim_id"] is None) == (hit["kind"] == "article")
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].lower().startswith("export")
    assert {h["article_id"] for h in hits if h["kind"] == "article"} == {1, 2}
    code, out, _ = run(capsys, "search", "exports", "--json", "--limit", "1", "--db", db)
    assert len(json.loads(out)) == 1


def test_claim_list_json_carries_the_coder_fields_and_exact_text(capsys, db):
    code, out, _ = run(capsys, "claim", "list", "--json", "--db", db)
    claims = json.loads(out)
    assert code == 0 and len(claims) == 2
    for c in claims:
        assert set(c) == {"id", "article_id", "start", "end", "text", "tags", "verdict", "speaker", "note"}
        assert (c["text"], c["tags"], c["verdict"], c["speaker"], c["note"]) == (
            "grain exports rose 14%", ["Exports"], "unverified", None, "")
        assert c["end"] - c["start"] == len(c["text"])


def test_claim_add_json_with_a_chosen_occurrence_and_a_speaker(capsys, db):
    code, out, err = run(capsys, "claim", "add", "--article", "2", "--text", "harbour", "--occurrence", "1",
                         "--speaker", "Ilsa Roavik", "--verdict", "supported", "--note", "see port log",
                         "--json", "--db", db)
    assert code == 0, err
    made = json.loads(out)
    assert set(made) == {"id", "article_id", "start", "end", "text", "tags", "verdict"}
    assert (made["article_id"], made["text"], made["tags"], made["verdict"]) == (2, "harbour", [], "supported")
    assert made["end"] - made["start"] == len("harbour")
    code, out, _ = run(capsys, "claim", "list", "--json", "--db", db)
    mine = next(c for c in json.loads(out) if c["id"] == made["id"])
    assert (mine["speaker"], mine["note"]) == ("Ilsa Roavik", "see port log")


def test_agreement_json_of_two_coders_who_agree(capsys, db):
    code, out, _ = run(capsys, "agreement", "--json", "--db", db)
    report = json.loads(out)
    assert code == 0
    assert set(report) == {"coders", "units", "articles", "disagreements", "rows"}
    assert (report["coders"], report["units"], report["articles"], report["disagreements"]) == (
        ["Mara Veld", "Tomas Irle"], 1, 1, 0)
    assert [r["tag"] for r in report["rows"]] == ["(all tags)", "Economy/Exports"]
    assert all(set(r) == {"tag", "units", "kappa", "alpha"} and r["units"] == 1 for r in report["rows"])
    code, out, _ = run(capsys, "agreement", "--json", "--tag", "Economy", "--db", db)
    (row,) = json.loads(out)["rows"]
    assert row["tag"] == "Economy"  # a child's claims count for the parent asked for


def test_agreement_in_words_says_why_kappa_is_missing_for_three_coders(capsys, db):
    code, _out, err = run(capsys, "claim", "add", "--article", "1", "--text", "grain exports rose 14%",
                          "--tag", "Opinion", "--user", "Ilsa Brandt", "--db", db)
    assert code == 0, err
    code, out, _ = run(capsys, "agreement", "--db", db)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "3 coders (Ilsa Brandt, Mara Veld, Tomas Irle), 1 units in 1 article, 1 with disagreement"
    assert lines[2].split() == ["tag", "units", "kappa", "alpha"]
    assert all(line.split()[-2] == "n/a" for line in lines[3:-1])  # kappa compares two coders only
    assert lines[-1].startswith("(Cohen's kappa compares two coders")


def test_backup_now_list_and_restore_by_file_from_the_command_line(capsys, tmp_path, db):
    code, out, _ = run(capsys, "backup", "now", "--db", db)
    made = Path(out.strip().removeprefix("wrote "))
    assert code == 0 and made.exists()
    code, _out, err = run(capsys, "claim", "add", "--article", "2", "--text", "harbour", "--occurrence", "1",
                          "--db", db)
    assert code == 0, err
    code, out, _ = run(capsys, "backup", "list", "--db", db)
    listed = out.splitlines()
    assert code == 0 and any("manual" in line and str(made) in line for line in listed)
    assert listed[-1].startswith(f"{len(listed) - 1} backups of ")
    code, out, _ = run(capsys, "backup", "restore", str(made), "--db", db)
    assert code == 0 and out.startswith(f"restored {db} from {made}")
    code, out, _ = run(capsys, "claim", "list", "--json", "--db", db)
    assert [c["article_id"] for c in json.loads(out)] == [1, 1]  # the claim made after the backup is gone


def test_backup_now_of_a_library_that_does_not_exist(capsys, tmp_path):
    code, out, err = run(capsys, "backup", "now", "--db", str(tmp_path / "none.sqlite"))
    assert (code, out) == (1, "") and one_line(err) and "no library at" in err


def test_a_user_name_of_control_characters_only_is_the_systems_name(capsys, db):
    code, _out, err = run(capsys, "claim", "add", "--article", "2", "--text", "harbour", "--occurrence", "1",
                          "--user", "\x1b\x07", "--db", db)
    assert code == 0, err
    with sqlite3.connect(db) as raw:
        names = [r[0] for r in raw.execute("SELECT name FROM annotators")]
    assert all(name and not any(ord(ch) < 32 for ch in name) for name in names)


def test_a_tag_name_two_tags_share_is_refused_with_their_paths(capsys, tmp_path, db):
    """Taken as unknown, `--tag Ports` made a third tag called Ports, and `export --tag Ports` said none existed."""
    for path in ("Economy/Ports", "Trade/Ports"):
        code, _out, err = run(capsys, "claim", "add", "--article", "2", "--text", "harbour", "--occurrence", "1",
                              "--tag", path, "--db", db)
        assert code == 0, err
    before = _digest(db)
    for command in (["claim", "add", "--article", "1", "--text", "grain", "--tag", "ports"],
                    ["export", "--out", str(tmp_path / "r.csv"), "--tag", "Ports"],
                    ["agreement", "--tag", "PORTS"]):
        code, out, err = run(capsys, *command, "--db", db)
        assert (code, out) == (1, "") and one_line(err)
        assert "names 2 tags (Economy/Ports, Trade/Ports); give its path, such as Economy/Ports" in err
    assert _digest(db) == before and not (tmp_path / "r.csv").exists()
    code, _out, err = run(capsys, "export", "--out", str(tmp_path / "r.csv"), "--tag", "trade/ports", "--db", db)
    assert code == 0, err
    rows = list(csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8-sig")))
    assert [(r["text"], r["tags"]) for r in rows] == [("harbour", "Ports")]


def test_a_passage_that_is_not_utf8_is_refused_in_one_line(capsys, db):
    """From a Latin-1 terminal a byte that is not UTF-8 arrives as a lone surrogate; `similar` went on
    to the tokenizer with it and failed with an unexpected error."""
    passage = b"harbour fees \xff".decode("utf-8", errors="surrogateescape")
    code, out, err = run(capsys, "similar", passage, "--db", db)
    assert (code, out) == (1, "") and one_line(err)
    assert err.strip() == ("claimdesk: the passages text is not valid UTF-8; use a UTF-8 terminal or fix the text")
