"""What the window reads to show an article, as operations for the database executor (no Qt here).

Each returns one frozen snapshot, so a refresh is one trip to the database thread and the GUI
thread only draws what came back.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.palette import ENTITY_TYPES
from desktop.services import Library
from desktop.services.dto import (
    ArticleDetail,
    ClaimInfo,
    ClaimLinkInfo,
    EntityInfo,
    MentionInfo,
    QuoteInfo,
    SuggestionInfo,
    TagInfo,
)

if TYPE_CHECKING:  # types only: the window paints before the services' modules load (issue 19)
    from desktop.services.revisions import RevisionInfo

ENTITY_LIMIT = 500


@dataclass(frozen=True)
class Marks:
    """Everything drawn over one article's text and listed in the panels beside it."""

    article_id: int
    revision: RevisionInfo | None
    mentions: list[MentionInfo]
    quotes: list[QuoteInfo]
    claims: list[ClaimInfo]
    suggestions: list[SuggestionInfo]
    flags: dict[int, str]  # claim id -> what a revision changed in its words


@dataclass(frozen=True)
class OpenedArticle:
    """An article read for the reader, with its marks and search hits."""

    article: ArticleDetail
    marks: Marks
    hits: list[tuple[int, int]]


@dataclass(frozen=True)
class Codebook:
    """The codebook's tags and how many claims use each."""

    tags: list[TagInfo]
    usage: dict[int, int]


def load_marks(lib: Library, article_id: int, coder: str | None) -> Marks:
    claims = lib.claims.for_article(article_id, coder=coder)
    return Marks(article_id, lib.revisions.for_article(article_id), lib.entities.mentions(article_id),
                 lib.entities.quotes(article_id=article_id), claims,
                 unclaimed(lib.suggestions.for_article(article_id), claims), lib.revisions.flags(article_id))


def unclaimed(suggestions: list[SuggestionInfo], claims: list[ClaimInfo]) -> list[SuggestionInfo]:
    """The suggestions no shown claim overlaps: a sentence accepted (or tagged in part) is dealt with.
    Undoing the claim brings it back, since nothing about the suggestion itself was stored."""
    return [s for s in suggestions if not any(c.start < s.end and s.start < c.end for c in claims)]


def open_article(lib: Library, article_id: int, coder: str | None, query: str | None,
                 mark_read: bool) -> OpenedArticle:
    """The article with its marks and the search's hits; an unread one is marked read (opening it
    is not an edit worth undoing), though it is shown as it was."""
    article = lib.articles.get(article_id)
    opened = OpenedArticle(article, load_marks(lib, article_id, coder), hits_in(lib, query, article_id))
    if mark_read and article.status == "unread" and not lib.read_only:
        lib.articles.set_status(article_id, "read")
    return opened


def hits_in(lib: Library, query: str | None, article_id: int | None) -> list[tuple[int, int]]:
    return lib.searcher.in_article(query, article_id) if article_id is not None and query else []


def entities(lib: Library, article_id: int | None) -> list[EntityInfo]:
    """The entities of one article, or of the whole library when article_id is None."""
    return lib.entities.list(article_id, types=ENTITY_TYPES, limit=ENTITY_LIMIT)


def codebook(lib: Library) -> Codebook:
    return Codebook(lib.tags.list(), lib.tags.usage())


def claim_links(lib: Library, claim_id: int) -> list[ClaimLinkInfo]:
    return lib.claims.links(claim_id)
