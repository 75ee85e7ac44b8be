"""Candidate speakers the ranker may choose from: general phenomena of how names and verbs are
parsed, written with sentences set in the demo's country."""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from desktop.analysis import ranker
from desktop.analysis.types import EntityResult, Mention


def _lind(body: str) -> EntityResult:
    at = body.index("Pavel Lind")
    return EntityResult("Pavel Lind", "PERSON", (Mention(at, at + 10, "Pavel Lind"),), ("Pavel Lind", "Lind"))


def _doc(words: list[str], pos: list[str], deps: list[str], heads: list[int]) -> Doc:
    return Doc(Vocab(), words=words, pos=pos, deps=deps, heads=heads, sent_starts=[True] + [False] * (len(words) - 1))


def test_a_surname_the_recogniser_missed_still_names_its_person():
    body = "Pavel Lind runs the depot . Lind barked ."
    doc = _doc(body.split(), ["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PUNCT"],
               ["compound", "nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "punct"],
               [1, 2, 2, 4, 2, 2, 7, 7, 7])
    found = ranker._unlinked_mentions(doc, [_lind(body)])
    at = body.rindex("Lind")
    assert found == {"Pavel Lind": [Mention(at, at + 4, "Lind")]}


def test_a_surname_two_people_share_links_to_neither():
    body = "Pavel Lind met Ola Lind . Lind barked ."
    doc = _doc(body.split(), ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"],
               ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "punct"],
               [1, 2, 2, 4, 2, 2, 7, 7, 7])
    ola = EntityResult("Ola Lind", "PERSON", (Mention(15, 23, "Ola Lind"),), ("Ola Lind",))
    assert ranker._unlinked_mentions(doc, [_lind(body), ola]) == {}


def test_a_name_parsed_as_a_compound_on_the_verb_is_its_subject():
    # '“…,” Lind barked' with the small model's misparse: "Lind" a compound of "barked".
    doc = _doc(["Lind", "barked", "."], ["PROPN", "VERB", "PUNCT"], ["compound", "ROOT", "punct"], [1, 1, 1])
    index = ranker.DocIndex(doc, doc.text, lambda tok: tok.text == "said")
    assert ranker._role(doc[0], index) == "subj_other"
    doc = _doc(["Lind", "said", "."], ["PROPN", "VERB", "PUNCT"], ["compound", "ROOT", "punct"], [1, 1, 1])
    index = ranker.DocIndex(doc, doc.text, lambda tok: tok.text == "said")
    assert ranker._role(doc[0], index) == "subj_speech"


def test_a_missed_surname_after_the_quotation_makes_its_person_a_candidate():
    body = "Pavel Lind runs the depot .\n\n“ The trams are late again , ” Lind barked ."
    words = body.replace("\n\n", " \n\n ").split(" ")
    words = [w for w in words if w]
    pos = ["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "SPACE", "PUNCT", "DET", "NOUN", "AUX", "ADJ",
           "ADV", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    deps = ["compound", "nsubj", "ROOT", "det", "dobj", "punct", "dep", "punct", "det", "nsubj", "ccomp", "acomp",
            "advmod", "punct", "punct", "compound", "ROOT", "punct"]
    heads = [1, 2, 2, 4, 2, 2, 5, 16, 9, 10, 16, 10, 10, 10, 16, 16, 16, 16]
    doc = Doc(Vocab(), words=words, pos=pos, deps=deps, heads=heads,
              spaces=[w not in ("\n\n",) and nxt != "\n\n" for w, nxt in zip(words, words[1:] + [""], strict=True)],
              sent_starts=[i in (0, 7) for i in range(len(words))])
    text = doc.text
    open_at, close_at = text.index("“"), text.index("”")
    index = ranker.DocIndex(doc, text, lambda tok: tok.text == "said")
    ctx = ranker.QuoteContext(open_at, close_at + 1, None, "none", None, None, None, 99)
    at = text.index("Pavel Lind")
    lind = EntityResult("Pavel Lind", "PERSON", (Mention(at, at + 10, "Pavel Lind"),), ("Pavel Lind", "Lind"))
    cands = {c.name: c for c in ranker.candidates(index, [lind], ctx)}
    assert cands["Pavel Lind"].features.get("right_after_subject_other") == 1.0
    assert cands["Pavel Lind"].features.get("same_sentence") == 1.0


def _quote(analyse, body: str, starts: str):
    return next(q for q in analyse(body).quotes if not q.is_scare and q.text.startswith(starts))


def test_a_hyphen_inside_a_word_does_not_cut_a_description(analyse):
    q = _quote(analyse, "“The new fares will hurt the suburbs badly,” said a left-leaning councillor in Marenhal.",
               "The new fares")
    assert q.speaker_text is not None and q.speaker_text.startswith("a left-leaning councillor")


def test_a_past_participle_after_a_description_belongs_to_it(analyse):
    q = _quote(analyse, "“The depot will close in June for good,” said a source involved in the tram talks.",
               "The depot will")
    assert q.speaker_text == "a source involved in the tram talks"


def test_a_dash_credit_on_the_line_under_the_quotation_names_its_speaker(analyse):
    body = ("“Every tram in Marenhal will run on time from the first of June.”\n\n"
            "- Nadia Vorst, Veltra's transport minister.\n\nThe council meets again on Friday.")
    q = _quote(analyse, body, "Every tram")
    assert q.speaker_text == "Nadia Vorst"


def test_a_list_item_under_a_quotation_is_not_a_credit():
    from desktop.analysis.speakers import dash_after

    body = "“We promise three things to every rider.”\n\n- Lower fares for every rider in the city.\n"
    assert dash_after(body, body.index("”")) is None


def test_a_name_written_only_in_capitals_is_marked_as_a_dateline():
    doc = _doc(["MARENHAL", "—", "Lind", "said", "."], ["PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"],
               ["npadvmod", "punct", "nsubj", "ROOT", "punct"], [3, 3, 3, 3, 3])
    text = doc.text
    index = ranker.DocIndex(doc, text, lambda tok: tok.text == "said")
    place = EntityResult("MARENHAL", "GPE", (Mention(0, 8, "MARENHAL"),))
    ctx = ranker.QuoteContext(len(text), len(text), None, "none", None, None, None, 99)
    cands = {c.name: c for c in ranker.candidates(index, [place], ctx)}
    assert cands["MARENHAL"].features.get("only_capitals") == 1.0


def test_a_surname_inside_a_sentence_names_its_person_whatever_its_tag():
    # '…,” said Lind, …' where the small model tagged the surname as a verb or a noun.
    body = "Pavel Lind runs the depot . It works , said Lind ."
    words = body.split()
    doc = _doc(words, ["PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "VERB", "VERB",
                       "PUNCT"],
               ["compound", "nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ccomp", "punct", "ROOT", "dobj",
                "punct"], [1, 2, 2, 4, 2, 2, 7, 9, 9, 9, 9, 9])
    found = ranker._unlinked_mentions(doc, [_lind(body)])
    at = body.rindex("Lind")
    assert found == {"Pavel Lind": [Mention(at, at + 4, "Lind")]}
    # The first word of a sentence still needs the name's tag: 'Lind' there could be any word.
    first = "Lind works . Pavel Lind runs the depot ."
    doc = _doc(first.split(), ["NOUN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
               ["nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT", "det", "dobj", "punct"],
               [1, 1, 1, 4, 5, 5, 7, 5, 5])
    assert ranker._unlinked_mentions(doc, [_lind(first)]) == {}
