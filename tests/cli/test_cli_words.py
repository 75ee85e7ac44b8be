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
