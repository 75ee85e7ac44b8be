"""The library's tables. Spans are [start, end) code-point offsets into Article.body."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from db.sort_text import sort_text

# Stable constraint names, so SQLite batch migrations can find what they alter.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Annotator(Base):
    __tablename__ = "annotators"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    # What the reader found; the user's corrections live in the *_user columns beside them.
    title: Mapped[str] = mapped_column(String(1000))
    author: Mapped[str | None] = mapped_column(String(500))
    outlet: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[dt.date | None] = mapped_column(Date)
    title_user: Mapped[str | None] = mapped_column(String(1000))
    author_user: Mapped[str | None] = mapped_column(String(500))
    outlet_user: Mapped[str | None] = mapped_column(String(500))
    published_user: Mapped[dt.date | None] = mapped_column(Date)
    source_path: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(20), default="txt")
    original_text: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="unread", index=True)  # unread|read|done
    analyser_version: Mapped[str | None] = mapped_column(String(50))
    # Why the analyser (of analyser_version) could not finish this article; it is not tried again.
    analysis_error: Mapped[str | None] = mapped_column(Text)

    claims: Mapped[list[Claim]] = relationship(back_populates="article", passive_deletes=True)


class Entity(Base):
    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    # Set when a person renamed or retyped the entity: re-analysis must not undo it.
    name_by_user: Mapped[bool] = mapped_column(Boolean, default=False)
    type_by_user: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Bumped by every ORM update (UPDATE ... WHERE version = :seen): no edit overwrites a colleague's.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    aliases: Mapped[list[EntityAlias]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", passive_deletes=True
    )


class EntityAlias(Base):
    """A spelling that resolves to an entity; user rows record merges and splits."""

    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("norm", "type", name="uq_entity_aliases_norm_type"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(500))
    norm: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(20))
    by_user: Mapped[bool] = mapped_column(Boolean, default=False)

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class EntityMention(Base):
    __tablename__ = "entity_mentions"
    __table_args__ = (
        Index("ix_entity_mentions_article_start", "article_id", "start"),
        # Who is named in how many articles, across a whole library, read from the index alone:
        # the dashboard's "most named" took 6 s on 3 million mentions without it.
        Index("ix_entity_mentions_entity_article", "entity_id", "article_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(1000))
    analyser_version: Mapped[str] = mapped_column(String(50))


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_article_start", "article_id", "start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    speaker_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    speaker_text: Mapped[str | None] = mapped_column(String(1000))
    cue: Mapped[str | None] = mapped_column(String(100))
    is_scare: Mapped[bool] = mapped_column(Boolean, default=False)
    analyser_version: Mapped[str] = mapped_column(String(50))


class ClaimSuggestion(Base):
    __tablename__ = "claim_suggestions"
    __table_args__ = (Index("ix_claim_suggestions_article_start", "article_id", "start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(500))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    analyser_version: Mapped[str] = mapped_column(String(50))


class SuggestionDismissal(Base):
    """A person's 'not worth checking', kept by text so it outlives re-analysis."""

    __tablename__ = "suggestion_dismissals"
    __table_args__ = (UniqueConstraint("article_id", "text", name="uq_suggestion_dismissals_article_text"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_tags_parent_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tags.id", ondelete="SET NULL"), index=True)
    color: Mapped[str] = mapped_column(String(9), default="#4e79a7")
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


# (parent_id, name) is not unique among top-level tags, whose parent is NULL (NULLs never clash):
# this index is, and case-blind like the codebook's own check, so two clients cannot both make "Economy".
Index("uq_tags_top_level_name", func.lower(Tag.name), unique=True,
      sqlite_where=Tag.parent_id.is_(None), postgresql_where=Tag.parent_id.is_(None))


claim_tags = Table(
    "claim_tags",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_article_start", "article_id", "start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="RESTRICT"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # the covered text, a check on the span
    verdict: Mapped[str] = mapped_column(String(30), default="unverified", index=True)
    speaker_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    speaker_text: Mapped[str | None] = mapped_column(String(1000))
    note: Mapped[str] = mapped_column(Text, default="")
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    article: Mapped[Article] = relationship(back_populates="claims")
    tags: Mapped[list[Tag]] = relationship(secondary=claim_tags, order_by="Tag.sort_order")


class ClaimLink(Base):
    __tablename__ = "claim_links"
    __table_args__ = (UniqueConstraint("from_claim_id", "to_claim_id", "kind", name="uq_claim_links_pair_kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    from_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    to_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # repeats | supports | contradicts
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """One user edit, written in the same transaction as the edit itself."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    annotator: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    detail: Mapped[str] = mapped_column(Text, default="")
    # The claim an edit touched (and the other end of a link), for a claim's history; no foreign
    # key, so the history outlives the claim.
    claim_id: Mapped[int | None] = mapped_column(Integer, index=True)
    other_claim_id: Mapped[int | None] = mapped_column(Integer, index=True)


class ExchangeId(Base):
    """The GUID a row carries in REFI-QDA files (issue 15).

    Rows made here get a GUID derived from the library's own namespace (kind "library",
    local_id 0) and need no row; rows that came in from a project keep the GUID they
    arrived with, so a project that goes out again names the same things the same way.
    Kept apart from the rows themselves so that undo, which puts rows back by id, keeps them.
    """

    __tablename__ = "exchange_ids"
    __table_args__ = (UniqueConstraint("kind", "local_id", name="uq_exchange_ids_kind_local"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # library | article | tag | claim | user
    local_id: Mapped[int] = mapped_column(Integer)
    guid: Mapped[str] = mapped_column(String(40), index=True)


class ArticleRevision(Base):
    """A newer version of an article (issue 15): both bodies stay as stored; claims move forward."""

    __tablename__ = "article_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), unique=True)
    previous_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    revised_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    passages_changed: Mapped[int] = mapped_column(Integer, default=0)


class ClaimCarry(Base):
    """Where a claim was before a revision moved it; a changed passage waits here for review."""

    __tablename__ = "claim_carries"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("article_revisions.id", ondelete="CASCADE"), index=True)
    old_start: Mapped[int] = mapped_column(Integer)
    old_end: Mapped[int] = mapped_column(Integer)
    old_text: Mapped[str] = mapped_column(Text)
    changed: Mapped[bool] = mapped_column(Boolean, default=False)  # the words differ: "text changed: was …"
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)


# A re-imported article is matched to the one it revises by URL, or by title and outlet (issue 15).
Index("ix_articles_source_url", Article.source_url)
Index("ix_articles_title", Article.title)
# The list's default order (date, newest first; the id breaks ties): its first page is read off this
# index instead of sorting the whole library (issue 19). Keep it in step with SORT_KEYS["published"].
Index("ix_articles_published_sort", func.coalesce(Article.published_user, Article.published), Article.id)
# The list's text sorts, case ignored (db/sort_text.py; migration 0009): keep in step with SORT_KEYS.
Index("ix_articles_title_sort", sort_text(Article.title_user, Article.title), Article.id)
Index("ix_articles_outlet_sort", sort_text(Article.outlet_user, Article.outlet), Article.id)
Index("ix_articles_author_sort", sort_text(Article.author_user, Article.author), Article.id)


class Sentence(Base):
    """One sentence of an article's body, by offsets; its words are in the sentence_fts index (SQLite)."""

    __tablename__ = "sentences"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class CandidateDismissal(Base):
    """A person's 'not the same claim' for a passage found elsewhere, kept by offsets and text."""

    __tablename__ = "candidate_dismissals"
    __table_args__ = (
        UniqueConstraint("claim_id", "article_id", "start", name="uq_candidate_dismissals_claim_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
