"""The small pieces of the command line's words: an import's summary line for every mix of outcomes, the
search hits marked in brackets wherever they fall, and --limit read as a whole number in range whatever
is typed (hypothesis)."""
from __future__ import annotations

import argparse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli import MAX_LIMIT, _count, _marked
from desktop.services.importer import ImportReport
from desktop.services.revisions import Revised


@pytest.mark.parametrize("report, line", [
    (ImportReport(), "0 imported, 0 already in the library, 0 failed"),
    (ImportReport(added=[("a.txt", 1), ("b.txt", 2)], duplicates=[("c.txt", 1)], failed=[("d.pdf", "damaged")]),
     "2 imported, 1 already in the library, 1 failed"),
    (ImportReport(added=[("a.txt", 2)], revised=[("a.txt", Revised(1, 2, 3, 1, 2))]),
     "1 imported, 1 revised (claims carried over), 0 already in the library, 0 failed"),
    (ImportReport(added=[("a.html", 1)], notes=[("a.html", "2 bytes replaced")], cancelled=True),
     "1 imported, 0 already in the library, 0 failed, 1 read with a warning, cancelled"),
    (ImportReport(added=[("a.txt", 1)], stopped="the disk is full; 3 files were not read"),
     "1 imported, 0 already in the library, 0 failed; the disk is full; 3 files were not read"),
])
def test_an_imports_summary_line_for_every_mix_of_outcomes(report, line):
    assert report.summary() == line


def test_search_hits_are_marked_in_brackets_wherever_they_fall():
    assert _marked("harbour fees at Port Kessa", ((0, 7), (21, 26))) == "[harbour] fees at Port [Kessa]"
    assert _marked("fees", ((0, 4),)) == "[fees]"
    assert _marked("the fees\nrose", ((4, 8),)) == "the [fees] rose"  # one line: the break goes
    assert _marked("no hits here", ()) == "no hits here"


@given(number=st.integers(-10**30, 10**30))
def test_a_limit_is_a_whole_number_from_one_to_the_maximum(number):
    if 1 <= number <= MAX_LIMIT:
        assert _count(str(number)) == number
    else:
        with pytest.raises(argparse.ArgumentTypeError, match="out of range; give a number from 1 to 10,000"):
            _count(str(number))


@given(text=st.text(max_size=12).filter(lambda t: not t.strip().lstrip("+-").isdigit()))
def test_a_limit_that_is_not_a_whole_number_is_said_so(text):
    with pytest.raises(argparse.ArgumentTypeError, match="is not a whole number"):
        _count(text)


@pytest.mark.parametrize("args, shown", [
    (["claim", "add", "--article", "1", "--text", "{bad}"], "--text"),
    (["claim", "add", "--article", "1", "--text", "fees", "--tag", "{bad}"], "--tag"),
    (["claim", "add", "--article", "1", "--text", "fees", "--note", "{bad}"], "--note"),
    (["claim", "add", "--article", "1", "--text", "fees", "--speaker", "{bad}"], "--speaker"),
    (["search", "{bad}"], "query"),
    (["similar", "fees", "{bad}"], "passages"),
])
def test_words_that_are_not_utf8_are_refused_naming_where_they_were(capsys, tmp_path, args, shown):
    from desktop.cli import main

    bad = b"Kessa \xe9t\xe9".decode("utf-8", errors="surrogateescape")  # Latin-1 bytes from a terminal
    db = tmp_path / "never-made.sqlite"
    code = main([a.replace("{bad}", bad) for a in args] + ["--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1 and err.strip() == (f"claimdesk: the {shown} text is not valid UTF-8; use a UTF-8 terminal "
                                         "or fix the text")
    assert not db.exists()  # refused before any library is opened or made


def test_a_server_url_or_an_existing_file_is_never_a_new_library(tmp_path):
    from desktop.cli import _new_library_file

    assert _new_library_file("postgresql+psycopg://mara@server/claimdesk") is None
    existing = tmp_path / "lib.sqlite"
    existing.write_bytes(b"")
    assert _new_library_file(str(existing)) is None
    assert _new_library_file(str(tmp_path / "new.sqlite")) == tmp_path / "new.sqlite"


@pytest.mark.parametrize("written, shown", [
    ("\x1b]8;;http://harbour.example\x1b\\Port fees\x1b]8;;\x1b\\", "Port fees"),  # a terminal hyperlink
    ("\x1b[2J\x1b[HKessa", "Kessa"),  # clear the screen, cursor home
    ("\x9b31mred", "red"),  # the one-byte form of the escape
    ("fees\x00rose", "fees\\x00rose"),
    ("Zoë\u200bBrenn", "Zoë\u200bBrenn"),  # a format character is not a control character
])
def test_a_line_drops_terminal_sequences_and_writes_other_controls_out(written, shown):
    from desktop.terminal import one_line

    assert one_line(written) == shown
