"""Sentences worth checking: figures, comparisons, causes and attributed assertions."""
from __future__ import annotations

import re

from desktop.analysis.speakers import SPEECH_VERBS
from desktop.analysis.types import SuggestionResult

FIGURE_TYPES = {"PERCENT", "MONEY", "CARDINAL", "QUANTITY"}
CAUSAL = re.compile(r"\b(because|due to|led to|leads to|lead to|caused|causes|as a result|result(ed)? in|"
                    r"thanks to|therefore|driven by|owing to|blamed|contributed to|so that)\b", re.I)
MAX_SUGGESTIONS = 12


def suggest(doc, quote_spans: list[tuple[int, int]]) -> list[SuggestionResult]:
    scored = []
    for sent in (line for s in doc.sents for line in _lines(doc, s)):
        if len(sent.text.split()) < 6:
            continue
        reasons, score = _reasons(sent)
        if reasons:
            scored.append(SuggestionResult(sent.start_char, sent.end_char, sent.text, "; ".join(reasons), score))
    scored.sort(key=lambda s: (-s.score, s.start))
    return sorted(scored[:MAX_SUGGESTIONS], key=lambda s: s.start)


def _lines(doc, sent):
    """The sentence cut at paragraph breaks: the parser sometimes runs one over a break, or hands
    the closing mark of the last paragraph to the next sentence ('”\n\nThe bank expects …')."""
    at = sent.start_char
    for line in sent.text.split("\n"):
        start = at + len(line) - len(line.lstrip())
        end = at + len(line.rstrip())
        at += len(line) + 1
        if any(ch.isalnum() for ch in doc.text[start:end]):
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None and len(span):
                yield span


def _reasons(sent) -> tuple[list[str], float]:
    reasons, score = [], 0.0
    figures = [e for e in sent.ents if e.label_ in FIGURE_TYPES and not re.fullmatch(r"(one|a|an)", e.text, re.I)]
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
    if any(t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)
           for t in sent) and any(e.label_ in ("PERSON", "ORG") for e in sent.ents):
        reasons.append("attributed assertion")
        score += 0.75
    return reasons, score
