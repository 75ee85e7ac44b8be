"""The loose-restatement development set (desktop.claims_match.recall_polnear) on a PolNeAR-shaped
folder written here, in Veltra: brat attribution files, texts and a metadata table."""
from __future__ import annotations

import datetime as dt

from desktop.claims_match import recall_polnear as rp

STRIKE = "the rail strike across Veltra would end by Friday and trains would run again"
STRIKE_AGAIN = "the strike on the rail network will be over before Friday, and the first trains should leave on Saturday"
ARTICLES = {
    # stem: (date, body, [(source, content)])
    "ledger_2026-03-02_strike": ("2026-03-02",
        "Rail strike to end\n\nDock workers held a meeting in Port Kessa on Tuesday. Minister Talen Orsk said "
        f"{STRIKE}. The harbour authority reported calm seas.",
        [("Minister Talen Orsk", STRIKE)]),
    "tribune_2026-03-04_trains": ("2026-03-04",
        "Trains back soon\n\nThe weather in Marenhal stayed cold all week. Talen Orsk told reporters that "
        f"{STRIKE_AGAIN}. A new ferry line to the islands opens in June.",
        [("Talen Orsk", STRIKE_AGAIN)]),
    # Word for word what the ledger printed: a quotation, not a restatement in other words.
    "courier_2026-03-03_quote": ("2026-03-03",
        f"Orsk on the strike\n\nOrsk said {STRIKE}. Ferry tickets will cost more from June.",
        [("Orsk", STRIKE)]),
    # The same words two months later: another event.
    "courier_2026-05-20_again": ("2026-05-20",
        f"Strike again\n\nTalen Orsk said {STRIKE_AGAIN}. Snow closed the mountain pass above Dravo.",
        [("Talen Orsk", STRIKE_AGAIN)]),
    # Another speaker saying the same thing, and a pronoun source.
    "gazette_2026-03-03_union": ("2026-03-03",
        f"Union view\n\nUnion leader Mira Dant said {STRIKE_AGAIN}. He added that the talks went well.",
        [("Union leader Mira Dant", STRIKE_AGAIN), ("He", "that the talks went well")]),
}


def _folder(tmp_path):
    root = tmp_path / "polnear-train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    meta = ["compartment\tfilename\tpublication_date\ttitle"]
    for stem, (date, body, atts) in ARTICLES.items():
        (root / "text" / f"{stem}.txt").write_text(body + "\n", encoding="utf-8")
        lines = []
        for n, (source, content) in enumerate(atts):
            s, c = body.index(source), body.index(content)
            lines += [f"T{3 * n + 1}\tSource {s} {s + len(source)}\t{source}",
                      f"T{3 * n + 2}\tContent {c} {c + len(content)}\t{content}",
                      f"T{3 * n + 3}\tCue {c - 5} {c - 1}\tsaid",
                      f"E{n + 1}\tAttribution:T{3 * n + 3} Content:T{3 * n + 2} Cue:T{3 * n + 3} Source:T{3 * n + 1}"]
        (root / "attributions" / f"{stem}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
        meta.append(f"train\t{stem}\t{date}\t{stem}")
    (root / "metadata.tsv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    return root


def test_the_speaker_is_the_last_name_in_the_source_and_a_pronoun_names_none():
    assert rp.speaker_key("Minister Talen Orsk") == "orsk"
    assert rp.speaker_key("Orsk's spokesman") == "orsk"
    assert rp.speaker_key("President Ilse Varga of Veltra") == "veltra"  # a rough key, the same for both sides
    assert rp.speaker_key("he") is None and rp.speaker_key("The minister") is None


def test_attributions_and_dates_are_read_from_the_brat_files_and_the_table(tmp_path):
    root = _folder(tmp_path)
    atts = rp.read_attributions(root)
    assert {(a.article, a.speaker) for a in atts} == {
        ("ledger_2026-03-02_strike", "orsk"), ("tribune_2026-03-04_trains", "orsk"),
        ("courier_2026-03-03_quote", "orsk"), ("courier_2026-05-20_again", "orsk"),
        ("gazette_2026-03-03_union", "dant")}  # "He" is left out
    assert {"strike", "rail", "friday", "train"} <= next(a.stems for a in atts if a.article.startswith("tribune"))
    assert rp.read_dates(root)["tribune_2026-03-04_trains"] == dt.date(2026, 3, 4)


def test_only_loose_restatements_of_one_speaker_within_days_are_paired(tmp_path):
    root = _folder(tmp_path)
    pairs = rp.restatements(rp.read_attributions(root), rp.read_dates(root))
    got = {(x.article, y.article) for x, y in pairs}
    # The ledger and the courier's quote are word for word; the May article is another event;
    # the union leader is another speaker; the courier's quote and the tribune are a loose pair too.
    assert got == {("ledger_2026-03-02_strike", "tribune_2026-03-04_trains"),
                   ("courier_2026-03-03_quote", "tribune_2026-03-04_trains")}


def test_the_query_is_the_sentence_holding_the_content_and_a_long_content_is_left_out():
    body = "One short line. The minister said the strike would end. Then came rain. And snow fell."
    at = body.index("the strike")
    assert body[slice(*rp.query_span(body, at, at + 10))] == "The minister said the strike would end."
    assert rp.query_span(body, 0, len(body)) is None  # four sentences: not one claim


def test_measured_through_the_real_import_and_search_both_ways(tmp_path):
    root = _folder(tmp_path)
    pairs = [p for p in rp.restatements(rp.read_attributions(root), rp.read_dates(root))
             if p[0].article.startswith("ledger")]
    result = rp.measure(tmp_path / "lib.sqlite", root, pairs, k=5)
    assert (result.found, result.asked, result.retrieved, result.missed) == (2, 2, 2, [])
    # The courier's word-for-word quote and the two copies of the tribune's words elsewhere rank
    # first: at k=1 both directions miss, and the miss says where the restatement was.
    top = rp.measure(tmp_path / "lib.sqlite", root, pairs, k=1)  # the library is used again, not re-imported
    assert (top.found, top.asked, top.retrieved) == (0, 2, 2)
    assert top.missed and all(rank is not None and 1 < rank <= 5 for _q, _t, rank in top.missed)


def test_the_command_reports_and_refuses_the_held_out_split_and_a_missing_folder(tmp_path, capsys):
    root = _folder(tmp_path)
    assert rp.main(["--data", str(root), "--k", "5", "--show", "1"]) == 0
    assert "recall@5 on the all part: 1.000 (4 of 4); retrieved at all 4 of 4 (2 pairs)" in capsys.readouterr().out
    assert rp.main(["--data", str(root), "--k", "1", "--show", "1"]) == 0
    out = capsys.readouterr().out
    assert "recall@1 on the all part: 0.000 (0 of 4)" in out and out.count("- rank ") == 1
    dev = tmp_path / "polnear-dev"
    root.rename(dev)
    assert rp.main(["--data", str(dev)]) == 1
    assert "held out" in capsys.readouterr().err
    assert rp.main(["--data", str(tmp_path / "nowhere")]) == 1
    assert "no PolNeAR folder" in capsys.readouterr().err


def test_odd_lines_in_a_brat_file_are_skipped_and_the_split_is_stable(tmp_path):
    root = _folder(tmp_path)
    ann = root / "attributions" / "ledger_2026-03-02_strike.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + "E9\n#1\tAnnotatorNotes T1\tnote\nE10\tAttribution:T1\n",
                   encoding="utf-8")
    atts = rp.read_attributions(root)
    assert sum(a.article.startswith("ledger") for a in atts) == 1  # the broken events add nothing
    parts = {s: rp.part_of(s) for s in ("orsk", "dant", "varga", "kessa", "marenhal", "dravo", "talen", "ilse")}
    assert parts == {s: rp.part_of(s) for s in parts}  # the same speaker always lands in the same part
    assert set(parts.values()) == {"fit", "held"}


def test_a_content_is_placed_by_its_opening_words_when_the_import_changed_its_marks():
    opening = "the levy on harbour dues will go by Friday"
    body = f"He said “{opening} at last” on Tuesday, and more."
    at = body.index(opening)
    assert rp._locate(body, opening) == (at, at + len(opening))
    changed = opening + ' at last" on Tuesday'  # straight marks where the stored body has curly ones
    assert rp._locate(body, changed) == (at, at + len(changed))
    assert rp._locate(body, "nothing like it") is None
