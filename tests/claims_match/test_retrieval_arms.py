"""The candidates' two retrieval arms (desktop.services.similar): the rarest words OR-ed and ranked,
and the common words (names first) together, on Veltra articles written here."""
from __future__ import annotations

from desktop.ingest.types import ParsedArticle
from desktop.services import similar

CLAIM = "Minister Talen Orsk told the Veltra parliament on Tuesday that the harbour levy would be scrapped."
# The same statement in another outlet: the same people and subject, none of the claim's rare words.
RESTATED = "Talen Orsk said Veltra's harbour charge will go, according to lawmakers."
# Background that makes the shared words common: each is in more sentences than COMMON (set low).
FILLER = [f"Talen Orsk visited the harbour in Veltra for the {n}th time this year." for n in range(6)]
# The claim's rare words in an unrelated sentence, so the first arm has something to rank.
DECOY = "The parliament scrapped the levy on Tuesday for ferry tickets, the minister told reporters."


def _imported(lib, *bodies: str) -> list[int]:
    report = lib.importer.add_parsed([(f"{i}.txt", ParsedArticle(title=f"Article {i}", body=b, original_text=b))
                                      for i, b in enumerate(bodies)])
    return [i for _p, i in report.added]


def test_the_second_arm_takes_the_left_out_words_names_first_and_together(monkeypatch):
    monkeypatch.setattr(similar, "BUDGET", 1000)
    counts = {"scrapped": 2, "levy": 3, "orsk": 900, "veltra": 1000, "harbour": 400, "parliament": 1000}
    assert similar.rare_terms(counts) == ["scrapped", "levy", "harbour"]
    assert similar.together_match(counts, frozenset({"orsk", "veltra"})) == '"orsk" AND "veltra" AND "parliament"'
    assert similar.together_match(counts, frozenset()) == '"orsk" AND "parliament" AND "veltra"'  # by count
    # Nothing rare: the first arm already asks for the common words together.
    assert similar.together_match({"veltra": 1000, "orsk": 1000}, frozenset({"orsk"})) is None
    assert similar.together_match({"levy": 3, "orsk": 1000}, frozenset()) is None  # one word left: no pair


def test_a_restatement_sharing_only_common_words_is_found_by_the_second_arm(library, monkeypatch):
    monkeypatch.setattr(similar, "COMMON", 5)
    monkeypatch.setattr(similar, "COUNT_STEPS", (3,))
    claim_article, restated_article, *_ = _imported(library, CLAIM, RESTATED, DECOY, " ".join(FILLER))
    found = library.similar.find(CLAIM, limit=5, exclude_article_id=claim_article)
    assert restated_article in {c.article_id for c in found}
    monkeypatch.setattr(similar, "TOGETHER", 0)
    library.similar._counts.clear()
    alone = library.similar.find(CLAIM, limit=30, exclude_article_id=claim_article)
    assert restated_article not in {c.article_id for c in alone}


def test_unranked_search_returns_spans_of_sentences_holding_all_the_words(library):
    _imported(library, RESTATED, DECOY)
    with library.store.read() as s:
        rows = similar.sentence_fts.search_unranked(s, '"orsk" AND "harbour"', 10)
    assert len(rows) == 1
    _id, _article, start, end = rows[0]
    assert RESTATED[start:end] == RESTATED


def test_a_sentence_both_arms_find_is_a_candidate_once(library, monkeypatch):
    monkeypatch.setattr(similar, "COMMON", 5)
    monkeypatch.setattr(similar, "COUNT_STEPS", (3,))
    # The claim's own words again, in a sentence that also holds the common ones: both arms return it.
    twice = "Talen Orsk told the Veltra parliament the harbour levy would be scrapped on Tuesday."
    claim_article, *_ = _imported(library, CLAIM, twice, RESTATED, " ".join(FILLER))
    found = library.similar.find(CLAIM, limit=30, exclude_article_id=claim_article)
    spans = [(c.article_id, c.start) for c in found]
    assert len(spans) == len(set(spans))
    assert found[0].text == twice  # the rare words and the common ones: first
    assert all(c.article_id != claim_article for c in found)


def test_retrieval_without_the_second_arm_is_the_first_arms_ranking(library, monkeypatch):
    monkeypatch.setattr(similar, "TOGETHER", 0)
    claim_article, decoy_article, *_ = _imported(library, CLAIM, DECOY, RESTATED)
    found = library.similar.find(CLAIM, limit=5, exclude_article_id=claim_article)
    assert found and found[0].article_id == decoy_article  # it holds the claim's rare words
