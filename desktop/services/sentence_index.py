"""Keep the sentence index of the library: split bodies at import, fill gaps lazily."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db import sentence_fts
from db.models import Article, Sentence
from desktop.claims_match import sentences
from desktop.services.store import Store

LAZY_BATCH = 500


def add_articles(session: Session, articles: Iterable[tuple[int, str]]) -> int:
    """Index the sentences of new articles in the caller's transaction; returns how many."""
    rows = [(article_id, start, end, body[start:end])
            for article_id, body in articles for start, end in sentences.spans(body)]
    return sentence_fts.add(session, rows)


def add_stored(session: Session, article_ids: list[int]) -> int:
    """Index articles already stored in the caller's transaction (new versions of revised articles)."""
    if not article_ids:
        return 0
    return add_articles(session, session.execute(select(Article.id, Article.body)
                                                  .where(Article.id.in_(article_ids))).all())


def index_missing(store: Store) -> int:
    """Index every article stored without sentences (a library from before the index)."""
    with store.read() as s:
        missing = sentence_fts.unindexed_article_ids(s)
    done = 0
    for i in range(0, len(missing), LAZY_BATCH):
        chunk = missing[i:i + LAZY_BATCH]
        with store.write() as s:
            # Taking the write lock first keeps two processes from numbering the same rows.
            s.execute(delete(Sentence).where(Sentence.article_id.in_(chunk)))
            bodies = s.execute(select(Article.id, Article.body).where(Article.id.in_(chunk))).all()
            done += add_articles(s, bodies)
    return done
