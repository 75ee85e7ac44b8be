"""The retrieval development measure (desktop.claims_match.recall_dev) on pairs written here, in Veltra."""
from __future__ import annotations

import re

from desktop.claims_match import recall_dev

HEADER = "\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"
ROWS = [
    ("1", "11", "12", "The Veltran parliament approved the new harbour tax in Marenhal on Tuesday.",
     "On Tuesday the parliament of Veltra passed the new harbour tax, lawmakers in Marenhal said."),
    ("1", "21", "22", "Grain exports through Port Kessa fell by a tenth in March.",
     "In March, grain exports via Port Kessa dropped by ten per cent."),
    ("0", "31", "32", "The Coastal Ledger hired three reporters for its Kessa bureau.",
     "Ferry tickets to the northern islands will cost more from June."),
    ("1", "41", "42", "Minister Talen Orsk said the rail strike would end by Friday.",
     "The rail strike will be over by Friday, according to minister Talen Orsk."),
    ("0", "51", "52", "Snow closed the mountain pass above Dravo for two days.",
     "The Veltran chess federation elected a new president in Marenhal."),
]


def _mrpc_file(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_text("\n".join([HEADER, *("\t".join(r) for r in ROWS)]) + "\n", encoding="utf-8")
    return path


def test_each_sentence_goes_into_one_article_and_pairs_in_one_article_are_left_out(tmp_path):
    rows = recall_dev.read_rows(_mrpc_file(tmp_path))
    out = tmp_path / "articles"
    out.mkdir()
    pairs = recall_dev.write_articles(rows, out, group=1)
    assert len(list(out.glob("*.txt"))) == 10  # one sentence an article
    assert all(p is not None and p.first_file != p.second_file for p in pairs)
    lines = [line for f in sorted(out.glob("*.txt")) for line in f.read_text(encoding="utf-8").splitlines()[2:]]
    assert sorted(lines) == sorted(s for r in ROWS for s in r[3:])
    together = recall_dev.write_articles(rows, tmp_path, group=10)  # all ten sentences in one article
    assert together == [None] * len(ROWS)


def test_restatements_are_found_in_the_top_k_and_an_unrelated_pair_is_not(tmp_path):
    rows = recall_dev.read_rows(_mrpc_file(tmp_path))
    tallies = recall_dev.measure(tmp_path / "dev.sqlite", rows, list(range(len(rows))), [], k=1, group=1)
    assert (tallies[1].found, tallies[1].asked) == (3, 3)
    assert (tallies[0].found, tallies[0].asked, tallies[0].retrieved) == (0, 2, 0)  # no shared word: never retrieved
    assert tallies[1].recall == 1.0 and tallies[0].recall == 0.0
    wider = recall_dev.measure(tmp_path / "dev3.sqlite", rows, list(range(len(rows))), [], k=3, group=1)
    assert (wider[1].found, wider[1].first) == (3, 3)  # each restatement is the best candidate, not just in the top 3


def test_the_command_reports_both_labels_and_refuses_an_existing_library(tmp_path, capsys):
    data = _mrpc_file(tmp_path)
    assert recall_dev.main(["--data", str(data), "--part", "all", "--group", "1", "--k", "1"]) == 0
    out = capsys.readouterr().out
    assert "recall@1 on the all part: 0.600 (3 of 5)" in out and "label 1) 1.000 (3 of 3)" in out and "at the top 3, retrieved at all 3 of 5" in out
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"")
    assert recall_dev.main(["--data", str(data), "--db", str(taken)]) == 1
    assert "exists" in capsys.readouterr().err
    assert recall_dev.main(["--data", str(tmp_path / "missing")]) == 1


def test_background_articles_join_the_library_without_hiding_a_restatement(tmp_path):
    from desktop.services import Library

    rows = recall_dev.read_rows(_mrpc_file(tmp_path))
    background = tmp_path / "background"
    background.mkdir()
    (background / "ledger.txt").write_text(
        "Harbour news\n\nThe harbour tax debate in Marenhal went on for hours. Lawmakers in Veltra spoke of the "
        "port's future.\n", encoding="utf-8")
    (background / "courier.txt").write_text(
        "Rail news\n\nCommuters waited for the rail strike to end. The minister visited the depot on Monday.\n",
        encoding="utf-8")
    path = tmp_path / "dev.sqlite"
    tallies = recall_dev.measure(path, rows, list(range(len(rows))), [background], k=5, group=1)
    assert (tallies[1].found, tallies[1].first, tallies[1].asked) == (3, 3, 3)
    with Library.open(path) as lib:
        assert lib.articles.count() == 2 * len(ROWS) + 2  # a sentence an article, and the two beside them


def test_the_held_part_is_the_quarter_the_pair_model_never_saw(tmp_path, capsys):
    more = ROWS + [
        ("1", "61", "62", "The Dravo dam will open to visitors in May.", "Visitors may tour the Dravo dam from May."),
        ("0", "71", "72", "Veltra's central bank kept its rate at four per cent.", "Apple harvests in the south were poor."),
        ("1", "81", "82", "Marenhal's mayor cut the bus fares by half.", "Bus fares in Marenhal were halved by the mayor."),
    ]
    data = tmp_path / "more.txt"
    data.write_text("\n".join([HEADER, *("\t".join(r) for r in more)]) + "\n", encoding="utf-8")
    rows = recall_dev.read_rows(data)
    _fit, held = recall_dev.held_out_split([int(r[0]) for r in rows])
    assert len(held) == 2
    assert recall_dev.main(["--data", str(data), "--group", "1"]) == 0
    asked = re.search(r"held part: [\d.]+ \(\d+ of (\d+)\)", capsys.readouterr().out)
    assert asked and int(asked.group(1)) == len(held)
