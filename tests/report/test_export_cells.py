"""What leaves the library as cells and lines, for any text a claim or article may hold: the CSV export
reads back as written except that a cell a spreadsheet would run as a formula starts with an apostrophe,
the JSON export keeps every character, and a line for the terminal holds no control character while
text without one is printed unchanged."""
from __future__ import annotations

import csv
import itertools
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.report import export
from desktop.report.data_export import FORMULA_STARTS, neutralised
from desktop.services import Library
from desktop.terminal import one_line
from tests.helpers import add_article

_serial = itertools.count()
cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
risky = st.sampled_from(["=HYPERLINK(\"http://x\")", "+1 555", "-3 tonnes", "@SUM(A1)", "\tindented", "\rreturn",
                         "plain note", "", "’quoted’", "=", "1+1"])


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory):
    with Library.open(Path(tmp_path_factory.mktemp("cells")) / "library.sqlite", annotator="Mara Veld") as lib:
        yield lib


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.one_of(risky, cell_text), speaker=st.one_of(st.none(), risky, cell_text), title=st.one_of(risky, cell_text))
def test_csv_reads_back_as_written_but_for_formulas_and_json_keeps_everything(lib, tmp_path_factory, note, speaker,
                                                                              title):
    body = f"The harbour fees at Port Kessa would double in April, said the board. {next(_serial)}"
    article_id = add_article(lib, body, title=title.strip() or "Untitled", outlet="=cmd|' /C calc'!A0")
    lib.claims.create(article_id, 4, 16, [], note=note, speaker_text=speaker or None)
    folder = tmp_path_factory.mktemp("out")
    export(lib, folder / "claims.csv", article_ids=[article_id])
    export(lib, folder / "claims.json", article_ids=[article_id])
    (row,) = list(csv.DictReader((folder / "claims.csv").open(encoding="utf-8-sig", newline="")))
    (record,) = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    for field, value in (("note", note), ("speaker", speaker or None), ("article_title", title.strip() or "Untitled"),
                         ("outlet", "=cmd|' /C calc'!A0"), ("text", "harbour fees")):
        assert record[field] == value
        written = "" if value is None else value
        expected = "'" + written if written.startswith(FORMULA_STARTS) else written
        assert row[field] == expected, field
    assert (int(row["start"]), int(row["end"]), int(row["article_id"])) == (4, 16, article_id)


@given(value=st.one_of(st.integers(), st.floats(allow_nan=False), st.none()))
def test_numbers_and_nothing_stay_as_they_are(value):
    assert neutralised(value) == value


@given(text=st.text(max_size=60))
def test_a_terminal_line_holds_no_control_character(text):
    line = one_line(text)
    assert "\n" not in line and "\x1b" not in line
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in line)


@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60))
def test_a_line_without_control_characters_is_printed_unchanged(text):
    assert one_line(text) == text


def test_escape_sequences_are_dropped_and_other_controls_written_out():
    assert one_line("\x1b[31mred\x1b[0m harbour") == "red harbour"
    assert one_line("\x1b]0;new title\x07Kessa") == "Kessa"
    assert one_line("two\nlines\tand a tab\x07") == "two\\nlines\\tand a tab\\x07"
    assert one_line("name\udcff.txt") == "name\ufffd.txt"
    assert one_line(None) == "" and one_line("") == ""
