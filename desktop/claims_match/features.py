"""What a pair of passages share: the features the same-claim model weighs.

Lexical overlap (words, stems, n-grams, fuzzy string ratios), semantic overlap
(static word-piece vectors distilled from a sentence encoder, see distill.py),
numbers with their scale and unit, names (capitalised words), negation and
direction words. Scoring fifty candidates takes milliseconds.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from desktop.claims_match import embeddings

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['’]\w+)?", re.UNICODE)
_NUMBER = re.compile(
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<pct>%|per\s?cent|percent)?"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?",
    re.IGNORECASE,
)
_FRACTION_WORDS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0,
                   "dozen": 12.0}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "hundred": 100}
STOPWORDS = frozenset(
    """a an the and or but if then than so as of at by for from in into on onto to with without about
    over under after before between through during is are was were be been being am do does did doing
    has have had having it its it's this that these those there here he she they them his her their
    we us our you your i me my who whom whose which what when where why how all any both each few more
    most other some such only own same too very can will just should would could may might must shall
    also said says say told according s t not no nor""".split()
)
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot can't won't don't "
                       "doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't n't deny denied "
                       "denies refused rejected".split())
_UP = frozenset("rise rises rose risen rising increase increased increases increasing grow grew grown growth "
                "growing up higher more gain gained gains surge surged jump jumped climb climbed boost "
                "boosted expand expanded above over exceed exceeded doubled tripled".split())
_DOWN = frozenset("fall falls fell fallen falling decrease decreased decreases decreasing decline declined "
                  "declines drop dropped drops down lower less fewer loss lost cut cuts shrink shrank "
                  "reduced reduce below under slump slumped plunge plunged halved".split())

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


@dataclass(frozen=True)
class Passage:
    """A passage read once, so that comparing it with many others repeats no work."""

    text: str
    words: tuple[str, ...]  # lower case
    stems: tuple[str, ...]
    content: frozenset[str]  # stems of words that carry meaning
    names: frozenset[str]  # capitalised words past the first, lower case
    numbers: frozenset[float]
    negated: bool
    up: bool
    down: bool
    vector: np.ndarray  # unit mean of the word-piece vectors
    pieces: np.ndarray  # unit vectors of the meaningful word pieces, one a row


def read(text: str) -> Passage:
    return _passage(text, embeddings.load().read(text))


def read_many(texts: list[str]) -> list[Passage]:
    """Passages for many texts."""
    return [_passage(t, pieces) for t, pieces in zip(texts, embeddings.load().read_many(texts), strict=True)]


def _passage(text: str, piece_vectors: tuple[np.ndarray, np.ndarray]) -> Passage:
    raw = TOKEN.findall(text)
    words = tuple(w.lower() for w in raw)
    stems = tuple(_stem(w) for w in words)
    content = frozenset(s for w, s in zip(words, stems, strict=True) if w not in STOPWORDS)
    names = frozenset(w.lower() for i, w in enumerate(raw) if i and w[:1].isupper() and w.lower() not in STOPWORDS)
    wordset = set(words)
    vector, pieces = piece_vectors
    return Passage(
        text=text,
        words=words,
        stems=stems,
        content=content,
        names=names,
        numbers=frozenset(quantities(text)),
        negated=bool(wordset & _NEGATIONS) or "n't" in text,
        up=bool(wordset & _UP),
        down=bool(wordset & _DOWN),
        vector=vector,
        pieces=pieces,
    )


def quantities(text: str) -> list[float]:
    """Numbers as values: "4.5 million" 4,500,000, "12 per cent" 12, "a fifth" 20 (as a percentage)."""
    out: list[float] = []
    for m in _NUMBER.finditer(text):
        try:
            value = float(m.group("num").replace(",", ""))
        except ValueError:
            continue
        scale = (m.group("scale") or "").lower()
        out.append(value * _SCALES.get(scale, 1.0))
    lowered = text.lower()
    out += [_FRACTION_WORDS[w] for w in dict.fromkeys(m.group(1) for m in _FRACTION.finditer(lowered))]
    out += [float(_NUMBER_WORDS[w]) for w in dict.fromkeys(m.group(0) for m in _NUMBER_WORD.finditer(lowered))]
    return out


# One pattern each, so that reading a passage is one scan rather than one per word.
_FRACTION = re.compile(rf"\b(?:a|one|two|three)[ -]({'|'.join(_FRACTION_WORDS)})s?\b")
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b")


def _ngrams(seq: tuple[str, ...], n: int) -> set[tuple[str, ...]]:
    return {seq[i:i + n] for i in range(len(seq) - n + 1)}


def _jaccard(a: set | frozenset, b: set | frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def cover(a: set | frozenset, b: set | frozenset) -> tuple[float, float]:
    """How much of the smaller and of the larger side the shared part covers."""
    shared = len(a & b)
    small, large = sorted((len(a), len(b)))
    return (shared / small if small else 1.0), (shared / large if large else 1.0)


NAMES = (
    "word_jaccard", "content_jaccard", "content_cover_min", "content_cover_max",
    "bigram_jaccard", "trigram_jaccard", "bigram_cover_min", "trigram_cover_min",
    "fuzz_ratio", "fuzz_token_sort", "fuzz_token_set", "fuzz_partial", "stem_lcs",
    "length_diff", "log_min_length", "unmatched_content_min", "unmatched_content_max",
    "numbers_any", "numbers_same", "numbers_unmatched", "names_jaccard", "names_unmatched",
    "negation_differs", "direction_differs",
    "vector_cosine", "piece_alignment_min", "piece_alignment_mean", "unaligned_pieces",
)


def alignment(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """How well each side's word pieces find a close piece on the other side (min and mean of the
    two directions), and the share of pieces with no close partner."""
    if not len(a) or not len(b):
        return 0.0, 0.0, 1.0
    sim = a @ b.T
    a_to_b, b_to_a = sim.max(1), sim.max(0)
    one, two = float(a_to_b.mean()), float(b_to_a.mean())
    lonely = (float((a_to_b < ALIGNED).sum()) + float((b_to_a < ALIGNED).sum())) / (len(a) + len(b))
    return min(one, two), (one + two) / 2, lonely


ALIGNED = 0.6


def pair_features(a: Passage, b: Passage) -> list[float]:
    content_min, content_max = cover(a.content, b.content)
    bi_a, bi_b = _ngrams(a.stems, 2), _ngrams(b.stems, 2)
    tri_a, tri_b = _ngrams(a.stems, 3), _ngrams(b.stems, 3)
    la, lb = len(a.words), len(b.words)
    unmatched = sorted((len(a.content - b.content), len(b.content - a.content)))
    numbers_any = bool(a.numbers or b.numbers)
    return [
        _jaccard(set(a.words), set(b.words)),
        _jaccard(a.content, b.content),
        content_min,
        content_max,
        _jaccard(bi_a, bi_b),
        _jaccard(tri_a, tri_b),
        cover(bi_a, bi_b)[0],
        cover(tri_a, tri_b)[0],
        fuzz.ratio(a.text, b.text) / 100,
        fuzz.token_sort_ratio(a.text, b.text) / 100,
        fuzz.token_set_ratio(a.text, b.text) / 100,
        fuzz.partial_ratio(a.text, b.text) / 100 if min(la, lb) else 0.0,
        Indel.normalized_similarity(a.stems, b.stems),
        abs(la - lb) / max(la, lb, 1),
        math.log1p(min(la, lb)),
        float(unmatched[0]),
        float(unmatched[1]),
        float(numbers_any),
        float(numbers_any and a.numbers == b.numbers),
        float(len(a.numbers ^ b.numbers)),
        _jaccard(a.names, b.names),
        float(len(a.names ^ b.names)),
        float(a.negated != b.negated),
        float((a.up and b.down and not a.down) or (a.down and b.up and not b.down)),
        float(a.vector @ b.vector),
        *alignment(a.pieces, b.pieces),
    ]


_FIGURE_PHRASE = re.compile(
    r"(?:(?:less|more|fewer) than|nearly|almost|about|around|over|under|up to|at least|some)?\s*"
    r"(?:\d+(?:[.,]\d+)*\s*(?:%|per\s?cent|percent)?(?:\s*(?:thousand|million|billion|trillion|bn))?"
    r"|\b(?:a|one|two|three)[ -](?:half|third|quarter|fifth|tenth)s?\b)",
    re.IGNORECASE,
)


def figure_phrases(text: str) -> list[str]:
    """The figures as written, with their hedges: "less than 5%", "nearly a fifth", "4.5 million"."""
    return [" ".join(m.group(0).split()) for m in _FIGURE_PHRASE.finditer(text) if m.group(0).strip()]
