"""The learned speaker choice: every candidate speaker near a quotation is described by a few
features and scored by a linear model fitted on PolNeAR's training split (`python -m
desktop.analysis.train`); the highest score speaks.

Candidates are the article's merged entities (people, organisations, places and peoples)
named near the quotation, the speaker the attribution rules read from the parse, and the
speaker of the quotation before. The rules are one feature among others, so a parse that
points at the wrong noun can be outvoted by position, salience and who spoke last.

The weights are a small JSON file shipped beside this module; scoring needs no scikit-learn.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from desktop.analysis.types import EntityResult, Mention

WEIGHTS_FILE = Path(__file__).with_name("speaker_weights.json")
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")
PERSONAL = {"he", "she", "i", "him", "her"}  # stand for a person, never a body or a place
WINDOW_BEFORE = 2  # paragraphs before the quotation's own where candidates are looked for
WINDOW_AFTER = 1
SPEECH_SUBJECT = {"nsubj", "nsubjpass"}
KINDS = ("name", "pronoun", "description", "none")
LABEL_GAP = re.compile(r"['’]?s?\s*:\s*")


@dataclass(frozen=True)
class QuoteContext:
    """What the ranker knows of one quotation before choosing its speaker."""
    open_at: int  # the opening mark
    close_at: int  # just past the closing mark (or the quotation's end)
    rule_speaker: str | None  # who the attribution rules name (canonical)
    rule_kind: str  # name | pronoun | description | none
    attr_start: int | None  # the words of the attribution, when there are any
    attr_end: int | None
    previous_speaker: str | None  # the speaker chosen for the quotation before
    previous_gap: int  # paragraphs since that quotation (99 when there was none)
    attr_head: str | None = None  # the last word of a description ("the senator" -> "senator")
    pronoun: str | None = None  # the pronoun at the attribution ("she"), lower case


@dataclass(frozen=True)
class Candidate:
    name: str
    mention_text: str | None  # the mention nearest the quotation, as written
    features: dict[str, float]


class DocIndex:
    """Per-article lookups shared by all its quotations: paragraphs, sentences and tokens by offset."""

    def __init__(self, doc: Doc, body: str, speech_verb: Callable[[Token], bool]) -> None:
        self.doc = doc
        self.lower = body.lower()
        self.para_starts = [0] + [i + 1 for i, ch in enumerate(body) if ch == "\n"]
        self.tok_starts = [t.idx for t in doc]
        self.sent_starts = [s.start_char for s in doc.sents]
        self.speech_verb = speech_verb
        self._unlinked: dict[str, list[Mention]] | None = None

    def unlinked(self, ents: list[EntityResult]) -> dict[str, list[Mention]]:
        """Mentions the entity recogniser missed: a capitalised word that is, on its own, a known
        person's surname ('“…,” Lind barked' when the model tagged no entity there). Counted once
        per article; a surname two people share is left alone."""
        if self._unlinked is None:
            self._unlinked = _unlinked_mentions(self.doc, ents)
        return self._unlinked

    def para(self, at: int) -> int:
        return bisect_right(self.para_starts, at) - 1

    def sent(self, at: int) -> int:
        return bisect_right(self.sent_starts, at) - 1

    def token(self, at: int) -> Token | None:
        i = bisect_right(self.tok_starts, at) - 1
        return self.doc[max(i, 0)] if len(self.doc) else None


def _unlinked_mentions(doc: Doc, ents: list[EntityResult]) -> dict[str, list[Mention]]:
    owners: dict[str, set[str]] = {}
    for e in ents:
        if e.type != "PERSON":
            continue
        for alias in (e.name, *e.aliases):
            last = alias.split()[-1] if alias.split() else ""
            if len(last) >= 3 and last[0].isupper():
                owners.setdefault(last, set()).add(e.name)
    keys = {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}
    taken = sorted((m.start, m.end) for e in ents for m in e.mentions)
    starts = [a for a, _b in taken]
    out: dict[str, list[Mention]] = {}
    for tok in doc:
        name = keys.get(tok.text)
        # Capitalised inside a sentence, a known surname is the name whatever the tagger made of it
        # ('said Skoll,' tagged a verb); a sentence's first word needs the tag to tell it from a word.
        if name is None or (tok.pos_ != "PROPN" and (tok.is_sent_start or tok.i == 0)):
            continue
        n = bisect_right(starts, tok.idx) - 1
        if n >= 0 and taken[n][1] > tok.idx:
            continue  # already part of a recognised name
        out.setdefault(name, []).append(Mention(tok.idx, tok.idx + len(tok.text), tok.text))
    return out


def _role(tok: Token, index: DocIndex) -> str:
    """How a mention's head token stands in its clause."""
    start = tok
    while tok.dep_ == "compound" and tok.head is not tok:
        tok = tok.head
    if tok is not start and tok.pos_ in ("VERB", "AUX") and tok.i > start.i:
        # 'Lind barked' parsed as a compound on the verb: the small model's way of missing a subject.
        return "subj_speech" if index.speech_verb(tok) else "subj_other"
    if tok.dep_ in SPEECH_SUBJECT:
        return "subj_speech" if index.speech_verb(tok.head) else "subj_other"
    if tok.dep_ == "appos" and tok.head.dep_ in SPEECH_SUBJECT:
        return "subj_speech" if index.speech_verb(tok.head.head) else "subj_other"
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.i > 0 and tok.doc[tok.head.i - 1].lower_ == "according":
        return "according"
    if tok.dep_ == "poss":
        return "poss"
    if tok.dep_ in ("dobj", "dative") and index.speech_verb(tok.head):
        return "addressee"  # "told Veltra Radio": spoken to, not speaking
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and index.speech_verb(tok.head.head):
        return "addressee"  # "explained to the Ledger"
    if tok.dep_ in ("dobj", "pobj", "dative"):
        return "obj"
    return "other"


ROLES = ("subj_speech", "subj_other", "according", "poss", "addressee", "obj", "other")


def candidates(index: DocIndex, ents: list[EntityResult], ctx: QuoteContext) -> list[Candidate]:
    q_para = index.para(ctx.open_at)
    q_sent_lo, q_sent_hi = index.sent(ctx.open_at), index.sent(max(ctx.close_at - 1, ctx.open_at))
    lo = index.para_starts[max(0, q_para - WINDOW_BEFORE)]
    hi_para = q_para + WINDOW_AFTER + 1
    hi = index.para_starts[hi_para] if hi_para < len(index.para_starts) else 1 << 60
    found: dict[str, Candidate] = {}
    people = []
    unlinked = index.unlinked(ents)
    for e in ents:
        if e.type not in SPEAKER_TYPES or not _pronoun_fits(ctx.pronoun, e.type):
            continue
        outside = [m for m in (*e.mentions, *unlinked.get(e.name, ()))
                   if lo <= m.start < hi and not ctx.open_at <= m.start < ctx.close_at]
        inside = any(ctx.open_at <= m.start < ctx.close_at for m in e.mentions)
        if not outside and e.name not in (ctx.rule_speaker, ctx.previous_speaker):
            continue
        feats = _entity_features(index, e, outside, inside, ctx, q_para, q_sent_lo, q_sent_hi)
        nearest = min(outside, key=lambda m: _gap(m.start, m.end, ctx)) if outside else None
        found[e.name] = Candidate(e.name, nearest.text if nearest else None, feats)
        if e.type == "PERSON" and outside:
            people.append((feats["near_log"], e.name))
    if any("attribution_head_person" in c.features for c in found.values()):
        for c in found.values():
            # The organisation in "Council Secretary-General Edda Lindqvist" is her title's, not a voice.
            if c.features.pop("attribution_modifier", None):
                c.features["modifier_of_person"] = 1.0
    people.sort()
    if people:  # the nearest person named: a strong default when nothing else speaks
        found[people[0][1]].features["nearest_person"] = 1.0
    _ranks(list(found.values()))
    for name in (ctx.rule_speaker, ctx.previous_speaker):
        if name and name not in found:
            found[name] = Candidate(name, None, _bare_features(ctx, name))
    if ctx.rule_kind == "pronoun" and found:
        return list(found.values())  # "she said" stands for someone, when anyone is named near
    return [*found.values(), _nobody(ctx)]


def _pronoun_fits(pronoun: str | None, type_: str) -> bool:
    """'she said' stands for a person; 'it said' for an organisation, a place or a people."""
    if pronoun in PERSONAL:
        return type_ == "PERSON"
    if pronoun == "it":
        return type_ != "PERSON"
    return True


def _nobody(ctx: QuoteContext) -> Candidate:
    """Naming no one: right when the words at the attribution ("officials said") name nobody."""
    return Candidate("", None, {"nobody": 1.0, "nobody_" + ctx.rule_kind: 1.0,
                                "nobody_rule_unresolved": 1.0 if ctx.rule_speaker is None else 0.0})


def _described_as(index: DocIndex, e: EntityResult, head: str) -> bool:
    """'the spokesman' for someone the article calls a spokesman next to their name."""
    text = index.lower
    return any(head in text[max(0, m.start - 60):m.end + 60] for m in e.mentions[:8])


def _ranks(cands: list[Candidate]) -> None:
    """Where each candidate stands among the others: nearest, latest earlier source, most named."""
    for key, feature, reverse in (("near_log", "nearest", False), ("source_at", "latest_source", True),
                                  ("mentions_log", "most_named", True)):
        ranked = sorted((c for c in cands if key in c.features), key=lambda c: c.features[key], reverse=reverse)
        for i, c in enumerate(ranked[:2]):
            c.features[f"{feature}_{i}"] = 1.0
    for c in cands:
        c.features.pop("source_at", None)


def _gap(start: int, end: int, ctx: QuoteContext) -> int:
    return ctx.open_at - end if end <= ctx.open_at else max(0, start - ctx.close_at)


def _common(ctx: QuoteContext, name: str) -> dict[str, float]:
    f: dict[str, float] = {}
    if name == ctx.rule_speaker:
        f["rule"] = 1.0
        f["rule_" + ctx.rule_kind] = 1.0
    if name == ctx.previous_speaker:
        f["previous"] = 1.0
        f["previous_near"] = 1.0 if ctx.previous_gap <= 1 else 0.0
        f["previous_no_rule"] = 1.0 if ctx.rule_kind == "none" else 0.0
    f["kind_" + ctx.rule_kind + "_any"] = 1.0  # lets the model weigh the rule per kind of attribution
    return f


def _bare_features(ctx: QuoteContext, name: str) -> dict[str, float]:
    f = _common(ctx, name)
    f["not_entity"] = 1.0
    f["near_log"] = 8.0
    return f


def _entity_features(index: DocIndex, e: EntityResult, outside: list[Mention], inside: bool, ctx: QuoteContext,
                     q_para: int, q_sent_lo: int, q_sent_hi: int) -> dict[str, float]:
    f = _common(ctx, e.name)
    f["type_" + e.type] = 1.0
    f["mentions_log"] = math.log1p(len(e.mentions))
    if all(m.text.isupper() and len(m.text) > 3 for m in e.mentions):
        f["only_capitals"] = 1.0  # 'MARENHAL —' opening a dispatch: a dateline or a heading, not a voice
    f["inside_quote"] = 1.0 if inside else 0.0
    if ctx.attr_start is not None and ctx.attr_end is not None:  # both or neither
        attr_start, attr_end = ctx.attr_start, ctx.attr_end
        within = [m for m in outside if attr_start <= m.start and m.end <= attr_end]
        if within:
            f["in_attribution"] = 1.0
        if within and e.type != "PERSON" and all(m.end != ctx.attr_end for m in within):
            f["attribution_modifier"] = 1.0  # "a senior Veltran diplomat": the people is not the speaker
        if e.type == "PERSON" and any(m.end == attr_end for m in within):
            f["attribution_head_person"] = 1.0  # "Council Secretary-General Edda Lindqvist said"
    if ctx.attr_head and _described_as(index, e, ctx.attr_head):
        f["described_as"] = 1.0
    gaps = [_gap(m.start, m.end, ctx) for m in outside]
    f["near_log"] = math.log1p(min(gaps)) if gaps else 8.0
    before = [m for m in outside if m.end <= ctx.open_at]
    after = [m for m in outside if m.start >= ctx.close_at]
    f["before"] = 1.0 if before else 0.0
    f["after"] = 1.0 if after else 0.0
    for m in outside:
        para = index.para(m.start)
        sent = index.sent(m.start)
        if q_sent_lo <= sent <= q_sent_hi:
            f["same_sentence"] = 1.0
            tok = index.token(m.end - 1)
            if tok is not None:
                f["sent_role_" + _role(tok, index)] = 1.0
        elif sent == q_sent_hi + 1 and m.start >= ctx.close_at:
            f["next_sentence"] = 1.0
        if para == q_para:
            f["same_para"] = 1.0
        elif para == q_para - 1:
            f["prev_para"] = 1.0
        if m.end <= ctx.open_at and LABEL_GAP.fullmatch(index.lower, m.end, ctx.open_at):
            f["label_before"] = 1.0  # 'Vorst: “…”' names the speaker as a label
        if 0 <= m.start - ctx.close_at <= 30 and (last := index.token(m.end - 1)) is not None:
            role = _role(last, index)
            if role == "subj_speech":
                f["right_after_subject"] = 1.0  # '“…,” Vorst said' or '“…,” said Vorst'
            elif role == "subj_other":
                f["right_after_subject_other"] = 1.0  # '“…,” Vorst barked': a verb missing from the cue list
        if m.end <= ctx.open_at:
            tok = index.token(m.end - 1)
            if tok is not None and _role(tok, index) in ("subj_speech", "according"):
                f["earlier_source"] = 1.0
                f["source_at"] = max(f.get("source_at", 0.0), float(m.start))
    return f


# Weights being fitted (desktop.analysis.train), used instead of the shipped file while set, so that
# a refit starts from the same point every time rather than from whatever was shipped before.
fitting: tuple[dict[str, float], float] | None = None


def weights() -> tuple[dict[str, float], float]:
    return fitting if fitting is not None else shipped_weights()


@lru_cache(maxsize=1)
def shipped_weights() -> tuple[dict[str, float], float]:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    return data["coef"], data["intercept"]


def score(c: Candidate, coef: dict[str, float]) -> float:
    return sum(coef.get(k, 0.0) * v for k, v in c.features.items())


def choose(cands: list[Candidate]) -> Candidate:
    """The best-scoring candidate; its name is empty when naming no one scores best."""
    coef, _ = weights()
    return max(cands, key=lambda c: score(c, coef))


def weights_digest() -> str:
    import hashlib

    return hashlib.sha256(WEIGHTS_FILE.read_bytes()).hexdigest()[:12]

