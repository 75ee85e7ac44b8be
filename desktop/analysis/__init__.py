"""Reading aids: entities merged across spellings, direct quotations with speakers, claims to check."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from desktop.analysis.chunks import BLOCK_CHARS, blocks
from desktop.analysis.pipeline import ANALYSER_VERSION, COMPONENTS, get_nlp
from desktop.analysis.types import Analysis, AnalysisFailure, QuoteResult

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ANALYSER_VERSION", "COMPONENTS", "Analysis", "AnalysisFailure", "analyze_many", "analyze_text", "get_nlp",
           "to_json_fields"]

log = logging.getLogger(__name__)


def analyze_text(body: str) -> Analysis:
    result = next(analyze_many([body]))
    if isinstance(result, AnalysisFailure):
        raise RuntimeError(result.reason)
    return result


def analyze_many(bodies: Iterable[str], n_process: int = 1,
                 batch_size: int = 16) -> Iterator[Analysis | AnalysisFailure]:
    """Analyse texts in order, one result each; n_process=2 spreads spaCy over both cores.

    A long text goes through the parser in paragraph blocks (desktop.analysis.chunks) and
    comes back as one analysis with offsets into the whole text. A text whose analysis
    fails yields an AnalysisFailure with the reason, and the texts after it go on.
    """
    from desktop.analysis.combine import joined, shifted  # loads spaCy: see analyse_doc

    nlp = get_nlp()
    nlp.max_length = max(nlp.max_length, 2 * BLOCK_CHARS)
    pieces = _pieces(bodies)
    parts: list[Analysis] = []
    failure: str | None = None
    # The model's own components may run in worker processes; ClaimDesk's run here, since
    # their results are Python objects a doc sent between processes does not carry.
    ours = [nlp.get_pipe(name) for name in COMPONENTS]
    for doc, (n_blocks, block_no, offset) in nlp.pipe(pieces, as_tuples=True, n_process=n_process,
                                                      batch_size=batch_size, disable=COMPONENTS):
        if failure is None:
            try:
                for component in ours:
                    doc = component(doc)
                parts.append(shifted(analyse_doc(doc), offset))
            except Exception as exc:  # one article's bad luck must not stop the others
                log.exception("analysis of one article failed")
                failure = f"the analysis failed ({type(exc).__name__}: {str(exc)[:120]})"
        if block_no == n_blocks - 1:
            yield AnalysisFailure(ANALYSER_VERSION, failure) if failure else joined(parts)
            parts, failure = [], None


def analyse_doc(doc: Doc) -> Analysis:
    """article.analyse_doc, imported when first called: importing this package (the window does, for its
    result types, at start-up) must not load spaCy."""
    from desktop.analysis.article import analyse_doc as analyse

    return analyse(doc)


def _pieces(bodies: Iterable[str]) -> Iterator[tuple[str, tuple[int, int, int]]]:
    for body in bodies:
        ranges = blocks(body)
        for n, (start, end) in enumerate(ranges):
            yield body[start:end], (len(ranges), n, start)


def _quote_json(q: QuoteResult) -> dict[str, object]:
    return {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "speaker_text": q.speaker_text,
            "cue": q.cue, "is_scare": q.is_scare}


def to_json_fields(analysis: Analysis) -> dict[str, list[dict[str, object]]]:
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
