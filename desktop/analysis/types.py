"""Plain results of analysing one body; spans are [start, end) code-point offsets into it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntityResult:
    name: str  # canonical form within the article
    type: str  # PERSON | ORG | GPE | LOC | NORP | FAC | EVENT | LAW | DATE | ...
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteResult:
    start: int  # text inside the marks
    end: int
    text: str
    speaker: str | None = None  # canonical entity name
    speaker_text: str | None = None  # words used at the attribution
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    is_scare: bool = False


@dataclass(frozen=True)
class SuggestionResult:
    start: int
    end: int
    text: str
    reason: str
    score: float = 0.0


@dataclass(frozen=True)
class Analysis:
    version: str
    entities: tuple[EntityResult, ...] = field(default_factory=tuple)
    quotes: tuple[QuoteResult, ...] = field(default_factory=tuple)
    suggestions: tuple[SuggestionResult, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AnalysisFailure:
    """An article the analyser could not finish; stored so that it is shown, and not tried again."""
    version: str
    reason: str  # one plain line
