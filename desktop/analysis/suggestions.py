"""Sentences worth checking: figures, comparisons, causes, quoted claims and attributed assertions."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from desktop.analysis.cue_words import SPEECH_VERBS
from desktop.analysis.doc_index import ents_in
from desktop.analysis.types import SuggestionResult

FIGURE_TYPES = {"PERCENT", "MONEY", "CARDINAL", "QUANTITY"}
CAUSAL = re.compile(r"\b(because|due to|led to|leads to|lead to|caused|causes|as a result|result(ed)? in|"
                    r"thanks to|therefore|driven by|owing to|blamed|contributed to|so that)\b", re.I)
MAX_SUGGESTIONS = 12


def suggest(doc: Doc, quote_spans: list[tuple[int, int]]) -> list[SuggestionResult]:
    """The sentences most worth checking, each with its reasons.

    quote_spans: the direct quotations (scare quotes left out): a sentence carrying one is a
    claim in someone's own words.
    """
    quoted = sorted(quote_spans)
    starts = [start for start, _end in quoted]
    reach = list(accumulate((end for _start, end in quoted), max))  # furthest end among the first i + 1
    scored = []
    for sent in (line for s in doc.sents for line in _lines(doc, s)):
        if len(sent.text.split()) < 6:
            continue
        # not sent.ents: that scans the whole doc
        reasons, score = _reasons(sent, ents_in(sent), _quoted(starts, reach, sent.start_char, sent.end_char))
        if reasons:
            scored.append(SuggestionResult(sent.start_char, sent.end_char, sent.text, "; ".join(reasons), score))
    scored.sort(key=lambda s: (-s.score, s.start))
    return sorted(scored[:MAX_SUGGESTIONS], key=lambda s: s.start)


def _lines(doc: Doc, sent: Span) -> Iterator[Span]:
    """The sentence cut at paragraph breaks: the parser sometimes runs one over a break, or hands
    the closing mark of the last paragraph to the next sentence ('”\n\nThe bank expects …')."""
    if "\n" not in sent.text:
        yield sent
        return
    piece: list[Token] = []
    for tok in [*sent, None]:  # slices of the sentence itself: doc.char_span rescans the whole doc
        if tok is None or "\n" in tok.text:
            words = [t for t in piece if not t.is_space]
            if any(t.is_alpha or t.like_num for t in words):
                yield sent[words[0].i - sent.start:words[-1].i - sent.start + 1]
            piece = []
        else:
            piece.append(tok)


def _quoted(starts: list[int], reach: list[int], lo: int, hi: int) -> bool:
    """Whether a quotation overlaps [lo, hi): one starting before hi that ends after lo."""
    i = bisect_left(starts, hi)
    return i > 0 and reach[i - 1] > lo


def _reasons(sent: Span, sent_ents: list[Span], quoted: bool = False) -> tuple[list[str], float]:
    reasons: list[str] = []
    score = 0.0
    figures = [e for e in sent_ents if e.label_ in FIGURE_TYPES and not re.fullmatch(r"(one|a|an)", e.text, re.I)]
    if figures:
        kinds = sorted({e.label_.lower() for e in figures})
        reasons.append("figure (" + ", ".join(kinds) + ")")
        score += 1.5 + 0.25 * min(len(figures), 4)
    if any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in sent) or re.search(r"\b(than|record|highest|lowest|"
                                                                             r"largest|biggest|most|least)\b",
                                                                             sent.text, re.I):
        reasons.append("comparison")
        score += 1.0
    if CAUSAL.search(sent.text):
        reasons.append("causal claim")
        score += 1.0
    if quoted:
        reasons.append("quoted claim")
        score += 0.75
    elif any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)
             for t in sent) and any(e.label_ in ("PERSON", "ORG") for e in sent_ents):
        reasons.append("attributed assertion")
        score += 0.75
    return reasons, score
