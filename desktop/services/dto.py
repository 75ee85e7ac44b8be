"""Frozen data handed from the services to the GUI and the CLI; never live ORM objects."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

VERDICTS = ("unverified", "supported", "disputed", "misleading", "false", "opinion")
STATUSES = ("unread", "read", "done")
LINK_KINDS = ("repeats", "supports", "contradicts")


@dataclass(frozen=True)
class ArticleRow:
    """One row of the article list."""

    id: int
    title: str
    outlet: str | None
    author: str | None
    published: dt.date | None
    status: str
    claim_count: int
    imported_at: dt.datetime
    analysis_error: str | None = None  # why the analyser could not finish it


@dataclass(frozen=True)
class ArticleDetail:
    """One article as the reader shows it: its text and where it came from."""

    id: int
    title: str
    outlet: str | None
    author: str | None
    published: dt.date | None
    status: str
    body: str
    source_path: str | None
    source_url: str | None
    source_format: str
    analyser_version: str | None
    word_count: int
    analysis_error: str | None = None
    found: dict[str, object] = field(default_factory=dict)  # what the reader found, before corrections


@dataclass(frozen=True)
class ArticleFilter:
    """What narrows the article list; None everywhere lists every article."""

    status: str | None = None
    outlet: str | None = None
    tag_id: int | None = None
    entity_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str | None = None  # free text, searched with FTS
    article_ids: tuple[int, ...] | None = None
    coder: str | None = None  # articles in which this person made a claim


@dataclass(frozen=True)
class TagInfo:
    """One tag of the codebook, with its place in the tree."""

    id: int
    name: str
    parent_id: int | None
    color: str
    description: str
    sort_order: int
    path: str  # "Economy/Sanctions"
    depth: int = 0
    version: int = 1  # an edit made against an older one is refused


@dataclass(frozen=True)
class ClaimInfo:
    """One claim: the passage, its verdict, tags, speaker and note."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    verdict: str
    tag_ids: tuple[int, ...]
    tag_names: tuple[str, ...]
    speaker_entity_id: int | None
    speaker: str | None  # the entity's name, or the words typed
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    article_title: str = ""
    annotator: str | None = None  # the coder who made the claim
    version: int = 1  # what an edit of it must still find, or it is refused (no lost update)


@dataclass(frozen=True)
class ClaimSnapshot:
    """Everything needed to put a deleted claim back exactly as it was."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    verdict: str
    tag_ids: tuple[int, ...]
    speaker_entity_id: int | None
    speaker_text: str | None
    note: str
    annotator_id: int | None
    created_at: dt.datetime
    links: tuple[tuple[int, int, str, str], ...] = ()  # (from, to, kind, note)


@dataclass(frozen=True)
class ClaimLinkInfo:
    """A link from one claim to a claim in another article."""

    id: int
    from_claim_id: int
    to_claim_id: int
    kind: str
    note: str
    other_article_id: int
    other_article_title: str
    other_text: str


@dataclass(frozen=True)
class EntityInfo:
    """One entity (person, organisation, place...) with how often it is named."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    mention_count: int
    article_count: int
    version: int = 1  # a rename or retype made against an older one is refused


@dataclass(frozen=True)
class MentionInfo:
    """Where an entity is named in an article's text."""

    entity_id: int
    entity_name: str
    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuoteInfo:
    """A quotation found in an article, with its speaker where known."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    speaker_entity_id: int | None
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    is_scare: bool
    article_title: str = ""


@dataclass(frozen=True)
class SuggestionInfo:
    """A passage the analyser suggests as a claim, and why."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    reason: str
    score: float


@dataclass(frozen=True)
class SearchHit:
    """One result of the library search: an article or a claim, with its snippet."""

    kind: str  # article | claim
    article_id: int
    claim_id: int | None
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) in snippet
    score: float


@dataclass(frozen=True)
class Count:
    """One bar of a chart: what is counted, how many, and what a click on it filters by."""

    label: str
    n: int
    key: int | None = None  # the tag's or entity's id; None where the label itself is the filter


@dataclass(frozen=True)
class Undated:
    """Articles and claims without a date: the month chart shows them as a column of their own."""

    articles: int
    claims: int


@dataclass(frozen=True)
class ArticleCounts:
    """Distinct entities named and quotations (scare quotes left out) in one article."""

    entities: int
    quotes: int


@dataclass(frozen=True)
class DeletedTag:
    """A deleted tag and what undo needs to put it back: the claims that carried it and the
    parents its children had."""

    tag: TagInfo
    claim_ids: tuple[int, ...]
    children: tuple[tuple[int, int | None], ...]  # (child id, its parent before)


# Named tuples where callers unpack the values in place (the window, the report): typed and
# immutable like the dataclasses above, and still a tuple for them.
class Snippet(NamedTuple):
    """An article's words around its search hits, and where the hits are in them."""

    text: str
    hits: tuple[tuple[int, int], ...]


class LinkedClaim(NamedTuple):
    """One link of a claim, seen from that claim."""

    kind: str  # repeats | supports | contradicts
    other_id: int
    note: str


class OutletTrail(NamedTuple):
    """How many linked claims an outlet carries, and in which articles."""

    outlet: str
    claims: int
    article_ids: tuple[int, ...]
