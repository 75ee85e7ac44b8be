"""Which quoted spans are reported speech, and which are titles, names, slogans or headings in marks.

The marks alone cannot tell ``“We will rebuild the depot,” Vorst said`` from ``a play called
“The Night the Trams Stopped,”``. Every span of four words or more is described by a few
general features (length, how it ends, capitals, a speech verb or "according to" in its
sentence, what the word before the opening mark is, whether it is a heading of its own, the
attribution the parse found, which kind of marks, and the words right before and after the marks
with their tags) and scored by a logistic regression fitted
on PolNeAR's training split (``python -m desktop.analysis.train``). A span it scores below
one half is kept apart with the scare quotes, never dropped. Shorter spans keep the rule in
``quotes.is_scare_quote``: the reference leaves them out, so there is nothing to learn from.

The weights are a small JSON file shipped beside this module; scoring needs no scikit-learn.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from desktop.analysis.quotes import DOUBLED_APOSTROPHES, QuoteSpan
from desktop.analysis.speakers import Attribution

WEIGHTS_FILE = Path(__file__).with_name("quote_weights.json")
MIN_WORDS = 4  # shorter spans are scare quotes or titles by rule
WORD = re.compile(r"\w+(?:['’]\w+)*")
FIRST_PERSON = {"i", "we", "my", "our", "me", "us", "you", "your", "i'm", "we're", "i’m", "we’re"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "this", "that", "our", "my", "your"}
# Words that name a thing after them: 'a play called “…”', 'her book “…”'.
NAMING = {"called", "titled", "entitled", "dubbed", "named", "headlined", "nicknamed", "slogan", "motto", "book",
          "film", "movie", "show", "song", "album", "play", "article", "column", "headline", "essay", "op-ed",
          "movement", "initiative", "program", "programme", "podcast", "series"}
SINGLE = "‘'"


def words(text: str) -> list[str]:
    """Words as the reference counts them when it leaves out short quotations ("don't" is two)."""
    return re.findall(r"\w+", text)


def features(doc: Doc, body: str, span: QuoteSpan, attr: Attribution | None,
             rule_scare: bool, single_style: bool) -> dict[str, float]:
    """General features of one quoted span (at least MIN_WORDS words) of a parsed article."""
    text = body[span.start:span.end]
    ws = WORD.findall(text) or [text]
    f: dict[str, float] = {"bias": 1.0, "words_log": math.log(len(ws))}
    n = len(ws)
    f["len_" + ("4-6" if n <= 6 else "7-12" if n <= 12 else "13-25" if n <= 25 else "26+")] = 1.0
    last = text.rstrip()[-1:]
    f["ends_" + ("stop" if last in ".!?" else "comma" if last == "," else "other")] = 1.0
    if ws and ws[0][0].isupper():
        f["starts_capital"] = 1.0
    capitals = sum(1 for w in ws if w[0].isupper())
    f["capital_share"] = capitals / n
    if rule_scare:
        f["rule_scare"] = 1.0
    if any(w.lower() in FIRST_PERSON for w in ws):
        f["first_person"] = 1.0
    f["kind_" + (attr.kind if attr is not None else "unread")] = 1.0
    if attr is not None and attr.speaker_start is not None:
        f["speaker_found"] = 1.0
    if body[span.open_at] in SINGLE and not single_style:
        # In an article that quotes in double marks, single marks set off a heading or a phrase.
        # (Where the writer quotes in single marks they are its quotations: no feature then.)
        f["single_in_double_style"] = 1.0
    if span.close_at is None:
        f["unclosed"] = 1.0
    _context(doc, body, span, f)
    _edges(doc, body, span, f)
    return f


def _edges(doc: Doc, body: str, span: QuoteSpan, f: dict[str, float]) -> None:
    """The word right before the opening mark and right after the closing one, with their tags, as
    lexical features: 'told reporters “…”' and '“…,” by' or 'on “…” tonight' tell speech from a headline or
    a show's name in ways no hand-picked word list covers. Only words the training split has seen
    often enough carry a weight (train.MIN_CONTEXT_COUNT); others add nothing. Names are left to
their tag, so the weights learn no one's name."""
    lo = span.open_at
    hi = span.close_at + 1 if span.close_at is not None else span.end
    p_lo = body.rfind("\n", 0, lo) + 1
    p_hi = body.find("\n", hi)
    p_hi = len(body) if p_hi < 0 else p_hi
    before = _words_of(doc.char_span(p_lo, lo, alignment_mode="contract") if lo > p_lo else None)
    after = _words_of(doc.char_span(hi, p_hi, alignment_mode="contract") if p_hi > hi else None)
    for side, toks in (("before", before[-1:]), ("after", after[:1])):
        if not toks:
            f[side + "_word=<paragraph>"] = 1.0
            continue
        tok = toks[0]
        f[side + "_tag=" + tok.tag_] = 1.0
        if tok.pos_ != "PROPN" and not tok.ent_type_:
            f[side + "_word=" + tok.lower_] = 1.0  # a name says who, not whether: its tag is enough


def _words_of(span: Span | None) -> list[Token]:
    return [] if span is None else [t for t in span if not t.is_space]


def _context(doc: Doc, body: str, span: QuoteSpan, f: dict[str, float]) -> None:
    """What surrounds the marks: the paragraph, the word before, the sentence's speech verbs."""
    lo = span.open_at
    hi = span.close_at + 1 if span.close_at is not None else span.end
    p_lo = body.rfind("\n", 0, lo) + 1
    p_hi = body.find("\n", hi)
    p_hi = len(body) if p_hi < 0 else p_hi
    before = body[p_lo:lo].strip()
    after = body[hi:p_hi].strip(" \t.,;:!?)")
    if not before and not after:
        f["whole_paragraph"] = 1.0  # a quotation standing alone, or a heading
    elif not before:
        f["opens_paragraph"] = 1.0
    if before.endswith(":"):
        f["colon_before"] = 1.0
    prev = re.search(r"([\w’']+)\W*$", before)
    if prev:
        word = prev.group(1).lower()
        if word in DETERMINERS or word.endswith(("’s", "'s")):
            f["determiner_before"] = 1.0  # 'the “…” line', 'Vorst’s “…” plan': a name of a thing
        if word in NAMING:
            f["naming_word_before"] = 1.0
        if word in ("as", "of", "for", "in", "on", "with", "by", "from", "about", "like"):
            f["preposition_before"] = 1.0
    sents = _sentences(doc, lo, hi)
    cue_before = cue_after = according = False
    naming_at = prev.start(1) + p_lo if prev and prev.group(1).lower() in NAMING else -1
    for sent in sents:
        for tok in sent:
            if lo <= tok.idx < hi or tok.idx == naming_at:
                continue  # 'a play called “…”': the verb names the thing in marks, nobody speaks
            if tok._.is_cue:
                if tok.idx < lo:
                    cue_before = True
                else:
                    cue_after = True
            elif tok.lower_ == "according":
                according = True
    if cue_before:
        f["cue_before"] = 1.0
    if cue_after:
        f["cue_after"] = 1.0
    if according:
        f["according"] = 1.0
    inside = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inside is not None and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside):
        f["finite_verb"] = 1.0  # a clause, not a noun phrase


def _sentences(doc: Doc, lo: int, hi: int) -> list[Span]:
    first = doc.char_span(lo, min(lo + 1, len(doc.text)), alignment_mode="expand")
    last = doc.char_span(max(hi - 1, lo), hi, alignment_mode="expand")
    if first is None or last is None:
        return []
    a, b = first[0].sent, last[-1].sent
    return [a] if a.start == b.start else [a, b]


def single_style(body: str, spans: list[QuoteSpan]) -> bool:
    """Does the writer quote in single marks? More spans open with single marks than with double ones
    (a double mark typed as two apostrophes, ''…'', as archives do, counts as a double one)."""
    single = sum(1 for s in spans if body[s.open_at] in SINGLE)
    doubled = len(DOUBLED_APOSTROPHES.findall(body)) // 2
    return single > len(spans) - single + doubled


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    coef: dict[str, float] = data["coef"]
    return coef


def probability(f: dict[str, float], coef: dict[str, float] | None = None) -> float:
    """How likely the span is reported speech, by the fitted weights."""
    w = weights() if coef is None else coef
    z = sum(w.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
