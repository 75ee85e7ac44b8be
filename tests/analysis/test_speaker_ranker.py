"""The learned speaker choice: the phenomena its features stand for, the shipped weights, and
the fitting code (on invented candidate lists)."""
from __future__ import annotations

import json

import pytest

from desktop.analysis import ranker
from desktop.analysis.ranker import Candidate


def _best(analyse, body: str, starts: str):
    a = analyse(body)
    return next(q for q in a.quotes if not q.is_scare and q.text.startswith(starts))


def test_the_weights_ship_as_a_small_json_file():
    data = json.loads(ranker.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert ranker.WEIGHTS_FILE.stat().st_size < 20_000
    assert "PolNeAR train" in data["trained_on"]
    assert data["coef"]["rule"] > 0  # the parse's reading of the attribution counts for its speaker
    assert data["coef"].get("inside_quote", 0) <= 0  # someone named inside the quotation is talked about


def test_a_subject_of_a_speech_verb_beats_a_name_nearer_the_marks(analyse):
    q = _best(analyse, "Nadia Vorst, who met Pavel Lind on Monday, said: “The tram budget is settled for good.”",
              "The tram budget")
    assert q.speaker == "Nadia Vorst"


def test_an_unattributed_quotation_goes_on_with_the_previous_speaker(analyse):
    body = ("“Our depot is ready,” said Pavel Lind, the transport chief.\n\n"
            "“The first trains leave at dawn and the last at midnight, every single day.”")
    assert _best(analyse, body, "The first trains").speaker == "Pavel Lind"


def test_a_person_in_according_to_speaks(analyse):
    body = "Ticket prices will fall, according to Nadia Vorst: “Every fare drops by a third in June.”"
    assert _best(analyse, body, "Every fare").speaker == "Nadia Vorst"


def test_a_description_that_names_nobody_gets_no_entity(analyse):
    body = ("Pavel Lind opened the depot on Monday.\n\n"
            "“Nobody on the council read the contract before signing it,” officials said privately.")
    q = _best(analyse, body, "Nobody on")
    assert q.speaker is None and q.speaker_text == "officials"


def test_choose_ranks_by_the_weights(monkeypatch):
    monkeypatch.setattr(ranker, "weights", lambda: ({"rule": 2.0, "nearest_0": 0.5, "nobody": 0.1}, 0.0))
    cands = [Candidate("Pavel Lind", "Lind", {"nearest_0": 1.0}), Candidate("Nadia Vorst", "Vorst", {"rule": 1.0}),
             Candidate("", None, {"nobody": 1.0})]
    assert ranker.choose(cands).name == "Nadia Vorst"


def test_fitting_learns_a_ranking_from_candidate_lists():
    pytest.importorskip("sklearn")
    from desktop.analysis import train

    right = {"rule": 1.0, "same_sentence": 1.0}
    groups = []
    for n in range(40):
        cands = [Candidate("A", None, dict(right)), Candidate("B", None, {"same_sentence": 1.0, "nearest_0": 1.0}),
                 Candidate("", None, {"nobody": 1.0})]
        groups.append((cands, [True, False, False], True, ("x", str(n), "A")))
    coef = train.fit(groups)["coef"]
    assert coef["rule"] > coef.get("nearest_0", 0.0)
    assert coef["rule"] > coef.get("nobody", 0.0)


def test_gold_quotations_are_read_from_brat_content_spans(tmp_path):
    from desktop.analysis import train

    (tmp_path / "attributions").mkdir()
    (tmp_path / "attributions" / "a.ann").write_text(
        "T1\tSource 0 5\tVorst\nT2\tCue 6 10\tsaid\nT3\tContent 11 40\t“the depot opens in June” soon\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n", encoding="utf-8")
    assert train.load_gold(tmp_path) == {"a": [("the depot opens in June", "Vorst")]}
    assert train.name_words("Councillor Nadia Vorst") == {"councillor", "nadia", "vorst"}
    assert train.match([("the depot opens in June", "Vorst")], ["the depot opens in June", "x y"]) == [(0, 0)]


def test_he_said_stands_for_a_person_not_a_body_named_nearer(analyse):
    body = ("Mayor Tomas Holm visited the port of Veltra on Monday.\n\n"
            "“Every depot will reopen before the winter,” he said in Veltra.")
    assert _best(analyse, body, "Every depot").speaker == "Tomas Holm"


def test_a_description_keeps_its_words_and_never_goes_to_a_bystander(analyse):
    """'a senior Osterlund diplomat': the entity may be the body the diplomat speaks for, the
    words at the attribution stay, and the person merely named before is not the speaker."""
    body = ("Pavel Lind left the talks early.\n\n"
            "“The treaty is dead until the spring at the very least,” a senior Osterlund diplomat said.")
    q = _best(analyse, body, "The treaty")
    assert q.speaker in (None, "Osterlund") and q.speaker_text == "a senior Osterlund diplomat"


def test_a_continued_quotation_keeps_the_words_of_its_attribution(analyse):
    body = ("“The trams are ready,” said Councillor Nadia Vorst. “The drivers are trained and the "
            "timetable is printed.”")
    quotes = [q for q in analyse(body).quotes if not q.is_scare]
    assert [q.speaker for q in quotes] == ["Nadia Vorst", "Nadia Vorst"]
    assert quotes[1].speaker_text == quotes[0].speaker_text


def test_the_outlet_spoken_to_is_not_the_speaker(analyse):
    """'explained to the Veltra Herald', 'told the Herald': the addressee of a cue is spoken to."""
    body = ("Nadia Vorst spoke to the press on Monday.\n\n"
            "“The depot will open in June, and fares will fall,” the minister explained to the Veltra Herald.")
    q = _best(analyse, body, "The depot")
    assert q.speaker != "Veltra Herald" and q.speaker_text == "the minister"
    told = _best(analyse, "“The depot will open in June, and fares will fall,” Nadia Vorst told the Veltra Herald.",
                 "The depot")
    assert told.speaker == "Nadia Vorst"
