"""The small-library development set (desktop.claims_match.recall_small) on the PolNeAR-shaped
folder of test_recall_polnear, in Veltra, with a few more articles to fill the libraries."""
from __future__ import annotations

import datetime as dt

from desktop.claims_match import recall_polnear as rp
from desktop.claims_match import recall_small as rs
from tests.claims_match import test_recall_polnear as polnear

MORE = {
    # Same week, same speaker, the same story: the nearest neighbours of the ledger/tribune pair.
    "herald_2026-03-03_rail": ("2026-03-03",
        "Rail talks\n\nTalen Orsk met the rail union on Monday. The strike has closed every line in Veltra "
        "and the trains stand in the depots. Talks resume on Thursday.", []),
    # Same week, same speaker, another story.
    "post_2026-03-05_budget": ("2026-03-05",
        "Budget vote\n\nTalen Orsk voted for the budget. Parliament will sit late on Wednesday.", []),
    # The same story a month later: outside the window.
    "herald_2026-04-10_rail": ("2026-04-10",
        "Rail strike remembered\n\nTalen Orsk recalled the strike that closed every rail line and the trains "
        "that stood in the depots.", []),
    # Same week, same story, but the speaker is not named.
    "post_2026-03-04_depots": ("2026-03-04",
        "Depots full\n\nThe strike has closed every rail line and trains stand in the depots.", []),
}


def _folder(tmp_path, monkeypatch):
    monkeypatch.setattr(polnear, "ARTICLES", {**polnear.ARTICLES, **MORE})
    return polnear._folder(tmp_path)


def _ledger_pair(root):
    pairs = rp.restatements(rp.read_attributions(root), rp.read_dates(root))
    return next(p for p in pairs if p[0].article.startswith("ledger"))


def test_the_others_are_the_nearest_same_week_articles_naming_the_speaker(tmp_path, monkeypatch):
    root = _folder(tmp_path, monkeypatch)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (root / "text").glob("*.txt")}
    dates = rp.read_dates(root)
    pair = _ledger_pair(root)
    assert dates[pair[0].article] == dt.date(2026, 3, 2)
    # Within 14 days and naming Orsk: the herald's rail talks, the budget vote, the courier's two
    # March articles; the April one is too late, the depots article names nobody.
    one = rs.same_subject_others(pair, texts, dates, 1)
    assert one == ["courier_2026-03-03_quote"]  # the courier's quote is the ledger's own words
    many = rs.same_subject_others(pair, texts, dates, 10)
    assert set(many) == {"courier_2026-03-03_quote", "herald_2026-03-03_rail", "post_2026-03-05_budget"}
    assert rs.same_subject_others(pair, texts, dates, 10) == many  # the same library every time


def test_each_pair_is_asked_both_ways_in_its_own_library_kept_for_the_next_run(tmp_path, monkeypatch):
    root = _folder(tmp_path, monkeypatch)
    pair = _ledger_pair(root)
    cache = tmp_path / "libs"
    result = rs.measure(root, [pair], k=5, others=2, cache=cache)
    assert (result.found, result.asked, result.retrieved, result.missed) == (2, 2, 2, [])
    kept = sorted(cache.glob("*.sqlite"))
    assert len(kept) == 1
    again = rs.measure(root, [pair], k=5, others=2, cache=cache)  # read from the kept library
    assert (again.found, again.asked) == (2, 2) and sorted(cache.glob("*.sqlite")) == kept


def test_the_command_reports_and_refuses_the_held_out_split_and_a_missing_folder(tmp_path, monkeypatch, capsys):
    root = _folder(tmp_path, monkeypatch)
    assert rs.main(["--data", str(root), "--others", "1"]) == 0
    out = capsys.readouterr().out
    assert "recall@5 in small libraries (pair + 1) on the all part:" in out and "(2 pairs)" in out
    dev = tmp_path / "polnear-dev"
    root.rename(dev)
    assert rs.main(["--data", str(dev)]) == 1
    assert "held out" in capsys.readouterr().err
    assert rs.main(["--data", str(tmp_path / "nowhere")]) == 1
    assert "no PolNeAR folder" in capsys.readouterr().err
