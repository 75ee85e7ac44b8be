"""Storing what the analyser found; only automatic rows are ever replaced."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.models import Article, ClaimSuggestion, EntityMention, Quote, SuggestionDismissal
from desktop.analysis.types import Analysis
from desktop.services.dto import SuggestionInfo
from desktop.services.entity_resolver import EntityResolver
from desktop.services.sql_types import table_of
from desktop.services.store import Store


def replace_automatic(s: Session, article: Article, analysis: Analysis) -> None:
    """Swap the article's mentions, quotes and suggestions for a newer analysis.

    Claims, tags, notes, merges and dismissals are separate rows that this never touches.
    """
    for model in (EntityMention, Quote, ClaimSuggestion):
        s.execute(delete(model).where(model.article_id == article.id))
    add_automatic(s, article.id, article.body, analysis)
    article.analyser_version = analysis.version
    article.analysis_error = None


def add_automatic(s: Session, article_id: int, body: str, analysis: Analysis) -> None:
    """Store an analysis of an article that has none yet; entities resolve through the library's spellings.

    The caller records analysis.version on the article (a bulk import sets it once per batch).
    """
    writer = AutomaticWriter(s)
    writer.add(article_id, body, analysis)
    writer.flush()


class AutomaticWriter:
    """Analyses of a batch of articles, stored with a few bulk INSERTs when flushed.

    Entities resolve in the order the articles were added, each through the spellings of
    those before it, so a batch gives the same library as its articles stored one by one;
    the ORM's unit of work (an object, an autoflush and a query per row) was most of an
    import's writing time.
    """

    def __init__(self, s: Session) -> None:
        self._s = s
        self._resolver = EntityResolver(s)
        self._mentions: list[dict[str, Any]] = []
        self._quotes: list[dict[str, Any]] = []
        self._suggestions: list[dict[str, Any]] = []

    def add(self, article_id: int, body: str, analysis: Analysis) -> None:
        resolver, version = self._resolver, analysis.version
        resolver.load(form for ent in analysis.entities for form in (ent.name, *ent.aliases))
        by_name: dict[str, int] = {}
        for ent in analysis.entities:
            entity = resolver.resolve(ent.name, ent.type, ent.aliases)
            by_name[resolver.norm(ent.name)] = entity
            for alias in ent.aliases:
                by_name.setdefault(resolver.norm(alias), entity)
            self._mentions.extend(
                {"article_id": article_id, "entity_id": entity, "start": m.start, "end": m.end, "text": m.text,
                 "analyser_version": version}
                for m in ent.mentions if body[m.start:m.end] == m.text)
        self._quotes.extend(
            {"article_id": article_id, "start": q.start, "end": q.end, "text": q.text,
             "speaker_entity_id": by_name.get(resolver.norm(q.speaker)) if q.speaker else None,
             "speaker_text": q.speaker_text or q.speaker, "cue": q.cue, "is_scare": q.is_scare,
             "analyser_version": version}
            for q in analysis.quotes if body[q.start:q.end] == q.text)
        self._suggestions.extend(
            {"article_id": article_id, "start": g.start, "end": g.end, "text": g.text, "reason": g.reason,
             "score": g.score, "analyser_version": version}
            for g in analysis.suggestions if body[g.start:g.end] == g.text)

    def flush(self) -> None:
        ids = self._resolver.flush()
        for row in self._mentions:
            row["entity_id"] = ids[row["entity_id"]]
        for row in self._quotes:
            if row["speaker_entity_id"] is not None:
                row["speaker_entity_id"] = ids[row["speaker_entity_id"]]
        for model, rows in ((EntityMention, self._mentions), (Quote, self._quotes),
                            (ClaimSuggestion, self._suggestions)):
            if rows:
                self._s.execute(insert(table_of(model)), rows)
        self._mentions, self._quotes, self._suggestions = [], [], []


class SuggestionService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def for_article(self, article_id: int) -> list[SuggestionInfo]:
        """Open suggestions, best first; those a person dismissed stay hidden."""
        with self._store.read() as s:
            dismissed = set(s.scalars(select(SuggestionDismissal.text)
                                      .where(SuggestionDismissal.article_id == article_id)))
            rows = s.scalars(select(ClaimSuggestion).where(ClaimSuggestion.article_id == article_id)
                             .order_by(ClaimSuggestion.score.desc(), ClaimSuggestion.start))
            return [SuggestionInfo(g.id, g.article_id, g.start, g.end, g.text, g.reason, g.score)
                    for g in rows if g.text not in dismissed]

    def dismiss(self, article_id: int, text: str) -> None:
        with self._store.write("suggestion.dismiss", article_id=article_id) as s:
            exists = s.scalar(select(SuggestionDismissal.id).where(
                SuggestionDismissal.article_id == article_id, SuggestionDismissal.text == text))
            if exists is None:
                s.add(SuggestionDismissal(article_id=article_id, text=text))

    def undismiss(self, article_id: int, text: str) -> None:
        with self._store.write("suggestion.undismiss", article_id=article_id) as s:
            s.execute(delete(SuggestionDismissal).where(
                SuggestionDismissal.article_id == article_id, SuggestionDismissal.text == text))
