"""`python -m desktop.analysis.train` gives the same weights every time, whatever weights were
shipped before it ran: the ranker's rounds start from fixed weights (train.START), and the quote
filter is fitted once. A tiny folder in PolNeAR's layout, written for this test and set in
Veltra, stands in for the training split."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

# Each article with the speaker of each of its double-marked quotations, in order (None: a title).
ARTICLES = [
    ("“The depot opens in June and the fares fall by a third,” Nadia Vorst said on Monday. "
     "Pavel Lind, her deputy, disagreed. “Nothing will open before the autumn rains,” Lind said.\n\n"
     "“We have waited long enough for a tram to the northern districts.”\n\n"
     "The city staged a play called “The Night the Trams Stopped Running” last winter.",
     ["Nadia Vorst", "Lind", "Lind", None]),
    ("Tomas Holm spoke in Marenhal. “Every line will run at night by the end of the year,” he said.\n\n"
     "“The drivers are trained and the timetables are printed,” Holm added, “so nothing stands in our way.”\n\n"
     "'A port built for the next fifty years.'\n\n"
     "According to Nadia Vorst, “the port will double its trade within a decade of opening.”",
     ["he", "Holm", "Holm", "Nadia Vorst"]),
    # Who spoke the first quotation decides who goes on speaking in the second, which names nobody:
    # the parse says Vorst, the nearest name to the marks is Lind.
    ("Nadia Vorst, standing on the platform next to Pavel Lind, said: “The tram budget is settled for good.”\n\n"
     "“Every district will have its own line before the next election comes.”\n\n"
     "Officials said privately that “no money has been set aside for the northern line yet.”",
     ["Nadia Vorst", "Nadia Vorst", "Officials"]),
    ("Pavel Lind, who sat beside Tomas Holm at the hearing, said: “The port cannot wait for another study.”\n\n"
     "“We lose ships to the southern harbours every single month that we wait.”",
     ["Pavel Lind", "Pavel Lind"]),
]


def _polnear_folder(root: Path) -> Path:
    """Each article in text/, and one brat attribution per double-marked quotation in attributions/."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for n, (text, sources) in enumerate(ARTICLES):
        (root / "text" / f"a{n}.txt").write_text(text, encoding="utf-8")
        lines = []
        for k, (m, source) in enumerate(zip(re.finditer(r"“[^”]*”", text), sources, strict=True)):
            if source is None:
                continue
            at = max(text.rfind(source, 0, m.start()), 0)
            lines += [f"T{3 * k + 1}\tSource {at} {at + len(source)}\t{source}",
                      f"T{3 * k + 2}\tContent {m.start()} {m.end()}\t{m.group()}",
                      f"E{k + 1}\tAttribution:T{3 * k + 3} Content:T{3 * k + 2} Source:T{3 * k + 1}"]
        (root / "attributions" / f"a{n}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _refit(monkeypatch, tmp_path: Path, eval_dir: Path, shipped: dict[str, float]) -> tuple[str, str]:
    from desktop.analysis import quote_filter, ranker, train

    spk, qf = tmp_path / "speaker_weights.json", tmp_path / "quote_weights.json"
    spk.write_text(json.dumps({"coef": shipped, "intercept": 0.0}), encoding="utf-8")
    qf.write_text(json.dumps({"coef": {"bias": -5.0}}), encoding="utf-8")  # everything a title
    monkeypatch.setattr(ranker, "WEIGHTS_FILE", spk)
    monkeypatch.setattr(quote_filter, "WEIGHTS_FILE", qf)
    ranker.shipped_weights.cache_clear()
    quote_filter.weights.cache_clear()
    try:
        assert train.main(["--eval", str(eval_dir)]) == 0
    finally:
        ranker.shipped_weights.cache_clear()
        quote_filter.weights.cache_clear()
    return spk.read_text(encoding="utf-8"), qf.read_text(encoding="utf-8")


def test_refitting_gives_the_same_weights_whatever_was_shipped(monkeypatch, tmp_path, capsys):
    eval_dir = tmp_path / "eval"
    for split in ("train", "dev"):
        _polnear_folder(eval_dir / f"polnear-{split}")
    from desktop.analysis import train

    monkeypatch.setattr(train, "ROUNDS", 1)  # the first round is where the starting point tells
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    # Two different starting files: the shipped ranker once prefers the parse, once the nearest name.
    first = _refit(monkeypatch, tmp_path / "one", eval_dir, {"rule": 3.0})
    second = _refit(monkeypatch, tmp_path / "two", eval_dir, {"nearest_0": 3.0, "rule": -2.0})
    assert first == second
    speaker = json.loads(first[0])
    assert speaker["coef"] and "PolNeAR train" in speaker["trained_on"]
    assert json.loads(first[1])["spans"] >= 8
    out = capsys.readouterr().out
    assert out.count("round 1: fitted") == 2 and "quote filter: fitted" in out
