"""Exports that refuse to replace a read-only file and never hand a spreadsheet a formula, and a
report whose author's name had control characters (issue 18, items 12, 13 and 18)."""
from __future__ import annotations

import csv
import os
import stat
import zipfile

import pytest

from desktop.report import export
from desktop.services import Library, UserError
from tests.helpers import add_article

HOSTILE_BODY = ("=HYPERLINK(\"http://example.invalid\",\"Port Kessa figures\") opened the page.\n\n"
                "@SUM(A1:A9) was pasted below it, +1 and -1 too, and a tab.")


@pytest.fixture
def formula_library(tmp_path):
    lib = Library.open(tmp_path / "formulas.sqlite", annotator="Mara Quell")
    aid = add_article(lib, HOSTILE_BODY, title="=cmd|' /C calc'!A0", outlet="+Coastal Ledger", author="-Jonas Feldt")
    tag = lib.tags.ensure_path("@Opinion").id
    lib.claims.create(aid, 0, HOSTILE_BODY.index(" opened"), [tag], note="-2% is the real figure",
                      speaker_text="=Mira Halvard")
    start = HOSTILE_BODY.index("@SUM")
    lib.claims.create(aid, start, start + len("@SUM(A1:A9)"), [tag], note="\tindented note")
    yield lib
    lib.close()


def test_every_text_cell_that_could_be_a_formula_is_neutralised(formula_library, tmp_path):
    out = export(formula_library, tmp_path / "data.csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    first = next(r for r in rows if r["text"].startswith("'=HYPERLINK"))
    assert first["article_title"] == "'=cmd|' /C calc'!A0" and first["outlet"] == "'+Coastal Ledger"
    assert first["author"] == "'-Jonas Feldt" and first["note"] == "'-2% is the real figure"
    assert first["speaker"] == "'=Mira Halvard" and first["tags"] == "'@Opinion"
    assert next(r for r in rows if r["text"] == "'@SUM(A1:A9)")["note"] == "'\tindented note"
    assert first["id"].isdigit() and first["start"] == "0"  # numbers stay numbers


def test_json_keeps_the_text_exactly(formula_library, tmp_path):
    import json

    rows = json.loads(export(formula_library, tmp_path / "data.json").read_text(encoding="utf-8"))
    assert any(r["text"].startswith("=HYPERLINK") for r in rows)


@pytest.mark.parametrize("name", ["report.docx", "data.csv", "data.json"])
def test_a_read_only_file_is_not_replaced(formula_library, tmp_path, name):
    out = tmp_path / name
    out.write_bytes(b"the colleague's copy")
    out.chmod(0o444)
    with pytest.raises(UserError, match="is read-only"):
        export(formula_library, out, charts=False)
    assert out.read_bytes() == b"the colleague's copy"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444  # still read-only, even when the test runs as root
    out.chmod(0o644)
    export(formula_library, out, charts=False)  # writable again: replaced as usual
    assert out.read_bytes() != b"the colleague's copy"


def test_a_user_name_with_control_characters_still_writes_a_report(tmp_path, monkeypatch):
    monkeypatch.setenv("USER", "mara\x07\x1b[31m quell")
    monkeypatch.setenv("LOGNAME", "mara\x07\x1b[31m quell")
    # The name comes from the passwd entry before the login name (issue 14): set it where a user would.
    monkeypatch.setenv("CLAIMDESK_USER", "mara\x07\x1b[31m quell")
    with Library.open(tmp_path / "lib.sqlite") as lib:
        assert lib.store.annotator == "mara[31m quell"
        aid = add_article(lib, "The harbour of Dunmore reopened, the mayor Vera Selin said.", title="Dunmore")
        lib.claims.create(aid, 0, 30, [lib.tags.ensure_path("Opinion").id], note="check")
        out = export(lib, tmp_path / "r.docx", charts=False)
    with zipfile.ZipFile(out) as zf:
        assert b"mara[31m quell" in zf.read("word/comments.xml")


def test_the_cli_refuses_a_read_only_target_in_one_line(formula_library, tmp_path, capsys):
    from desktop.cli import main

    out = tmp_path / "r.csv"
    out.write_text("old")
    os.chmod(out, 0o444)
    assert main(["export", "--out", str(out), "--db", str(tmp_path / "formulas.sqlite")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is read-only" in err
