"""Storing what the analyser found; only automatic rows are ever replaced."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import Article, ClaimSuggestion, EntityMention, Quote, SuggestionDismissal
from desktop.analysis.aliases import alias_norm
from desktop.analysis.types import Analysis
from desktop.services.dto import SuggestionInfo
from desktop.services.entities import resolve_entity
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
    by_name: dict[str, int] = {}
    for ent in analysis.entities:
        entity_id = resolve_entity(s, ent.name, ent.type, ent.aliases)
        by_name[alias_norm(ent.name)] = entity_id
        for alias in ent.aliases:
            by_name.setdefault(alias_norm(alias), entity_id)
        s.add_all(
            EntityMention(article_id=article_id, entity_id=entity_id, start=m.start, end=m.end,
                          text=m.text, analyser_version=analysis.version)
            for m in ent.mentions if body[m.start:m.end] == m.text
        )
    for q in analysis.quotes:
        if body[q.start:q.end] != q.text:
            continue
        speaker_id = by_name.get(alias_norm(q.speaker)) if q.speaker else None
        s.add(Quote(article_id=article_id, start=q.start, end=q.end, text=q.text,
                    speaker_entity_id=speaker_id, speaker_text=q.speaker_text or q.speaker,
                    cue=q.cue, is_scare=q.is_scare, analyser_version=analysis.version))
    s.add_all(
        ClaimSuggestion(article_id=article_id, start=g.start, end=g.end, text=g.text, reason=g.reason,
                        score=g.score, analyser_version=analysis.version)
        for g in analysis.suggestions if body[g.start:g.end] == g.text
    )


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
