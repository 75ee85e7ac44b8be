"""One parsed article to an Analysis: quotes, their speakers, entities and suggestions."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from desktop.analysis import ranker
from desktop.analysis.aliases import alias_norm, strip_titles
from desktop.analysis.doc_index import noun_chunks_before
from desktop.analysis.pipeline import ANALYSER_VERSION
from desktop.analysis.quotes import QuoteSpan
from desktop.analysis.speakers import (
    Attribution,
    attribute,
    colon_lead_in,
    dash_after,
    is_speech_verb,
    label_before,
    sentence_before,
)
from desktop.analysis.suggestions import suggest
from desktop.analysis.types import Analysis, EntityResult, QuoteResult

CONTINUE_WITHIN = 2  # paragraphs a speaker carries over to an unattributed quotation


def analyse_doc(doc: Doc) -> Analysis:
    """The Analysis of a doc that went through the ClaimDesk components (see components.py)."""
    quotes = doc._.quotes
    return Analysis(ANALYSER_VERSION, tuple(doc._.entities), tuple(quotes),
                    tuple(suggest(doc, [(q.start, q.end) for q in quotes if not q.is_scare])))


def attribution(doc: Doc, body: str, span: QuoteSpan) -> Attribution:
    """The rules' reading of who is quoted: a dash credit, the parse around the marks, a label or lead-in."""
    dashed = dash_after(body, span.close_at)
    if dashed is not None:
        return dashed
    found = attribute(doc, body, span.start, span.end, span.open_at, span.close_at)
    if found.kind != "none" or span.continues:
        return found
    return (label_before(doc, body, span.open_at) or colon_lead_in(doc, body, span.open_at)
            or sentence_before(doc, body, span.open_at) or found)


class _Found:
    """The article's mentions and earlier speakers, indexed once so that resolving each
    quotation's speaker costs the size of its neighbourhood, not of the article."""

    def __init__(self, doc: Doc, body: str, ents: list[EntityResult]) -> None:
        self.doc = doc
        self.pairs = sorted(((m, e) for e in ents for m in e.mentions), key=lambda p: p[0].start)
        self.starts = [m.start for m, _e in self.pairs]
        self.persons = [(m, e) for m, e in self.pairs if e.type == "PERSON"]
        self.person_starts = [m.start for m, _e in self.persons]
        self.person_keys: dict[str, str] = {}  # a spelling, or its last words, -> the first person with it
        for e in ents:
            if e.type == "PERSON":
                for alias in e.aliases:
                    words = alias_norm(alias).split(" ")
                    for i in range(len(words)):
                        self.person_keys.setdefault(" ".join(words[i:]), e.name)
        self.paragraph_ends = [m.end() for m in re.finditer("\n\n", body)]
        self.by_head: dict[str, QuoteResult] = {}  # the latest quotation whose speaker words end with a word

    def paragraph(self, at: int) -> int:
        """How many paragraph breaks come before `at` (body.count("\n\n", 0, at), without rescanning)."""
        return bisect_right(self.paragraph_ends, at)

    def heard(self, quote: QuoteResult) -> None:
        words = (quote.speaker_text or "").lower().split()
        if words:
            self.by_head[words[-1]] = quote


def resolve_speakers(doc: Doc, body: str, quotations: list[tuple[QuoteSpan, bool]],
                     attributions: list[Attribution], ents: list[EntityResult],
                     trace: list[tuple[str, list[ranker.Candidate]]] | None = None) -> list[QuoteResult]:
    """Each quotation's speaker as the ranker chooses it; trace collects the candidates weighed."""
    found = _Found(doc, body, ents)
    index = ranker.DocIndex(doc, body, is_speech_verb)
    names = {e.name for e in ents}
    out: list[QuoteResult] = []
    last: QuoteResult | None = None
    last_para = -10
    for (span, scare), attr in zip(quotations, attributions, strict=True):
        text = body[span.start:span.end]
        para = found.paragraph(span.start)
        if scare:
            out.append(QuoteResult(span.start, span.end, text, is_scare=True))
            continue
        rule_speaker, _ = _speaker(found, attr, span.start, last)
        if attr.kind == "none" and last is not None and para - last_para <= CONTINUE_WITHIN:
            rule_speaker = last.speaker
        ctx = ranker.QuoteContext(span.open_at, (span.close_at + 1) if span.close_at is not None else span.end,
                                  rule_speaker or None, attr.kind if attr.kind in ranker.KINDS else "name",
                                  attr.speaker_start, attr.speaker_end,
                                  last.speaker if last else None, para - last_para if last else 99,
                                  _head(attr) if attr.kind == "description" else None,
                                  (attr.speaker_text or "").lower() if attr.kind == "pronoun" else None)
        cands = ranker.candidates(index, ents, ctx)
        if trace is not None:
            trace.append((text, cands))
        best = ranker.choose(cands)
        speaker = best.name or None
        # The words at the attribution when they are the chosen speaker's, else the name as written nearby.
        own_words = speaker == rule_speaker or not speaker or "in_attribution" in best.features
        speaker_text = attr.speaker_text if own_words else (best.mention_text or speaker)
        if attr.kind == "none" and last is not None and speaker == last.speaker:
            speaker_text = last.speaker_text  # a quotation going on from the one before
        elif not speaker and attr.kind == "description" and rule_speaker and rule_speaker not in names:
            speaker_text = rule_speaker  # "the engineer" shown as the fuller "a veteran rail engineer" said earlier
        cue = attr.cue if attr.kind != "none" else (last.cue if last and speaker else None)
        quote = QuoteResult(span.start, span.end, text, speaker, speaker_text, cue, attr.speaker_start, attr.speaker_end)
        out.append(quote)
        found.heard(quote)
        if quote.speaker:
            last, last_para = quote, para
    return out


def _head(attr: Attribution) -> str | None:
    words = (attr.speaker_text or "").lower().split()
    return words[-1] if words and len(words[-1]) >= 4 else None


def _speaker(found: _Found, attr: Attribution, at: int, last: QuoteResult | None) -> tuple[str | None, str | None]:
    if attr.kind == "none":
        return None, None
    if attr.kind == "pronoun":
        if (attr.speaker_text or "").lower() == "it":  # "it said" stands for a body, not a person
            return _last_source(found, attr.speaker_start or at, BODY_TYPES), attr.speaker_text
        person = _last_source(found, attr.speaker_start or at)
        if person is None and last is not None:
            person = last.speaker
        return person or _last_person(found, at), attr.speaker_text
    entity = _entity_in(found, attr.speaker_start, attr.speaker_end)
    if entity is not None:
        return entity.name, attr.speaker_text
    said = attr.speaker_text or ""  # the words of a name or description; set for those kinds
    if attr.kind == "description":
        head = said.split()[-1].lower() if said else ""
        if last is not None and last.speaker_text and head and head in last.speaker_text.lower():
            return last.speaker or _fuller(last.speaker_text, said), attr.speaker_text
        # "the engineer" names again the "a veteran rail engineer" quoted earlier.
        q = found.by_head.get(head) if head else None
        if q is not None:
            return q.speaker or _fuller(q.speaker_text or "", said), attr.speaker_text
        if said.lower().startswith("the ") and head:
            return _introduced(found.doc, head, attr.speaker_start or at), attr.speaker_text
        return None, attr.speaker_text
    return _by_alias(found, said) or strip_titles(said), attr.speaker_text


def _introduced(doc: Doc, head: str, before: int) -> str | None:
    """'the engineer' after 'echoing a veteran rail engineer': the fuller first mention."""
    for chunk in reversed(noun_chunks_before(doc, head, before)):
        if chunk[0].lower_ in ("a", "an") and len(chunk) > 2:
            return chunk.text
    return None


def _fuller(before: str, now: str) -> str | None:
    """The earlier description stands for the speaker when it says more than the later one."""
    return before if len(before.split()) > len(now.split()) else None


def _entity_in(found: _Found, start: int | None, end: int | None) -> EntityResult | None:
    if start is None or end is None:
        return None
    best = None
    for i in range(bisect_left(found.starts, start), len(found.pairs)):
        m, e = found.pairs[i]
        if m.start >= end:
            break
        if e.type not in ("PERSON", "ORG", "GPE", "NORP") or m.end > end:
            continue
        # A group or place speaks only as the head ("Russia said"), not as a modifier
        # ("the current Democratic presidential nominee said").
        if e.type != "PERSON" and m.end != end:
            continue
        rank = ("PERSON", "ORG", "GPE", "NORP").index(e.type)
        if best is None or rank < best[0] or (rank == best[0] and m.start > best[1]):
            best = (rank, m.start, e)
    return best[2] if best else None


def _by_alias(found: _Found, text: str | None) -> str | None:
    if not text:
        return None
    return found.person_keys.get(alias_norm(strip_titles(text)))


BODY_TYPES = ("ORG", "GPE", "NORP")


def _last_source(found: _Found, before: int, types: tuple[str, ...] = ("PERSON",)) -> str | None:
    """The person a pronoun most likely means: the latest one who was the subject of a verb or a
    source ("according to X") shortly before it."""
    lo = bisect_left(found.starts, before - 1200)
    for i in range(bisect_left(found.starts, before) - 1, lo - 1, -1):
        m, e = found.pairs[i]
        if e.type in types and m.end <= before:
            span = found.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _is_source(span.root):
                return e.name
    return None


def _is_source(tok: Token) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    if tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass"):
        return True
    head = tok.head
    return bool(tok.dep_ == "pobj" and head.lower_ == "to" and head.i > 0
                and head.doc[head.i - 1].lower_ == "according")


def _last_person(found: _Found, before: int) -> str | None:
    for i in range(bisect_left(found.person_starts, before) - 1, -1, -1):
        m, e = found.persons[i]
        if m.end <= before:
            return e.name
    return None
