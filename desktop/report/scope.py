"""What a report covers: the chosen articles with their claims, quotes and mentions, read once."""
from __future__ import annotations

from dataclasses import dataclass, field

from desktop.services import Library, UserError
from desktop.services.dto import ArticleDetail, ClaimInfo, LinkedClaim, MentionInfo, QuoteInfo


@dataclass
class Scope:
    description: str
    articles: list[ArticleDetail]
    claims: dict[int, list[ClaimInfo]]
    quotes: dict[int, list[QuoteInfo]]
    mentions: dict[int, list[MentionInfo]]
    whole_library: bool = False
    revisions: dict[int, str] = field(default_factory=dict)  # article id -> "Version 2, revised on …"
    links: dict[int, list[LinkedClaim]] = field(default_factory=dict)  # claim -> its links

    @property
    def article_ids(self) -> list[int]:
        return [a.id for a in self.articles]

    @property
    def narrowed_ids(self) -> list[int] | None:
        """The articles to count for charts; None for the whole library, which needs no list."""
        return None if self.whole_library else self.article_ids

    def all_claims(self) -> list[ClaimInfo]:
        return [c for a in self.articles for c in self.claims.get(a.id, [])]


def load_scope(lib: Library, tags: list[str] | None = None, article_ids: list[int] | None = None,
               verdicts: list[str] | None = None) -> Scope:
    ids, claims, whole, tag_ids = _chosen(lib, tags, article_ids, verdicts)
    articles = lib.articles.get_many(ids)
    # The whole library is read without a list of ids: one pass, however large it is.
    wanted = None if whole else ids
    quotes = lib.entities.quotes_by_article(wanted)
    mentions = lib.entities.mentions_by_article(wanted)
    parts = []
    if article_ids:
        parts.append(f"{len(ids)} chosen article(s)")
    if tags:
        parts.append("claims tagged " + ", ".join(tags))
    if verdicts:
        parts.append("verdicts " + ", ".join(verdicts))
    links = lib.trails.links_by_claim(c.id for cs in claims.values() for c in cs)
    return Scope("; ".join(parts) or "the whole library", articles, claims, quotes, mentions, whole,
                 lib.revisions.report_notes(wanted), links)


def chart_scope(lib: Library, tags: list[str] | None = None, article_ids: list[int] | None = None,
                verdicts: list[str] | None = None) -> list[int] | None:
    """The articles a report's charts count (Scope.narrowed_ids), without reading the rest of the scope."""
    ids, _claims, whole, _tags = _chosen(lib, tags, article_ids, verdicts)
    return None if whole else ids


def _chosen(lib: Library, tags: list[str] | None, article_ids: list[int] | None,
            verdicts: list[str] | None) -> tuple[list[int], dict[int, list[ClaimInfo]], bool, set[int]]:
    """The report's article ids, their chosen claims, whether that is the whole library, the tag ids."""
    tag_ids = set()
    for name in tags or []:
        tag = lib.tags.find(name)
        if tag is None:
            raise UserError(f"no tag named {name!r} in the codebook")
        tag_ids |= lib.tags.subtree(tag.id)  # a parent tag takes in its children's claims
    if article_ids:
        check_article_ids(lib, article_ids)
    ids = list(article_ids) if article_ids else lib.articles.ids(sort="published")
    claims: dict[int, list[ClaimInfo]] = {}
    for c in lib.claims.all(article_ids=list(article_ids) if article_ids else None):
        if (not tag_ids or tag_ids & set(c.tag_ids)) and (not verdicts or c.verdict in verdicts):
            claims.setdefault(c.article_id, []).append(c)
    if tag_ids or verdicts:
        ids = [i for i in ids if i in claims]
    if not ids:
        raise UserError(_nothing_to_export(tags, verdicts))
    return ids, claims, not (article_ids or tag_ids or verdicts), tag_ids


def check_article_ids(lib: Library, article_ids: list[int]) -> None:
    """Chosen articles that are not in the library are named, not left out of the export unsaid."""
    known = {a.id for a in lib.articles.get_many(list(article_ids))}
    missing = [str(i) for i in article_ids if i not in known]
    if missing:
        raise UserError(f"no article with id {', '.join(missing)} in the library")


def _nothing_to_export(tags: list[str] | None, verdicts: list[str] | None) -> str:
    if tags or verdicts:
        chosen = ", ".join([*(f"tag {t!r}" for t in tags or []), *(f"verdict {v!r}" for v in verdicts or [])])
        return f"nothing to export: no claim has {chosen}"
    return "nothing to export: the library has no articles"
