"""Reading aids: entities merged across spellings, direct quotations with speakers, claims to check."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from desktop.analysis.article import analyse_doc
from desktop.analysis.pipeline import ANALYSER_VERSION, get_nlp
from desktop.analysis.types import Analysis

__all__ = ["ANALYSER_VERSION", "Analysis", "analyze_many", "analyze_text", "get_nlp", "to_json_fields"]

MAX_CHARS = 2_000_000


def analyze_text(body: str) -> Analysis:
    return next(analyze_many([body]))


def analyze_many(bodies: Iterable[str], n_process: int = 1, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyse texts in order; n_process=2 spreads spaCy over both cores for bulk work."""
    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    for doc in nlp.pipe(bodies, n_process=n_process, batch_size=batch_size):
        yield analyse_doc(doc)


def _quote_json(q) -> dict:
    return {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "speaker_text": q.speaker_text,
            "cue": q.cue, "is_scare": q.is_scare}


def to_json_fields(analysis: Analysis) -> dict[str, list[dict]]:
    """The entities, quotes and claim_suggestions of the `analyze --json` contract."""
    return {
        "entities": [
            {"name": e.name, "type": e.type, "aliases": list(e.aliases),
             "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions]}
            for e in analysis.entities
        ],
        # Speech only; scare quotes and titles in marks are flagged and kept apart.
        "quotes": [_quote_json(q) for q in analysis.quotes if not q.is_scare],
        "scare_quotes": [_quote_json(q) for q in analysis.quotes if q.is_scare],
        "claim_suggestions": [
            {"start": s.start, "end": s.end, "text": s.text, "reason": s.reason, "score": round(s.score, 2)}
            for s in analysis.suggestions
        ],
    }
