"""Small builders for tests: articles with invented text, stored without the readers."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.ingest.types import ParsedArticle


def add_article(lib, body: str, title: str = "A test article", **meta) -> int:
    parsed = ParsedArticle(title=title, body=body, original_text=body, **meta)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    with lib.store.write() as s:
        article = lib.articles.add(s, parsed, digest)
        s.flush()
        return article.id


@contextmanager
def two_coders(path: Path, body: str, title: str) -> Iterator[tuple]:
    """One library file open twice, as two colleagues (Mara Veld, Tomas Irle) have it, with one article."""
    from desktop.services import Library

    with Library.open(path, annotator="Mara Veld") as first, Library.open(path, annotator="Tomas Irle") as second:
        add_article(first, body, title=title)
        yield first, second


def schema_to(path: Path, revision: str, down: bool = False) -> None:
    """Take the library file at `path` to an Alembic revision (an older schema, to test an upgrade)."""
    from alembic import command

    from db.engine import make_engine
    from db.migrate import alembic_config

    engine = make_engine(f"sqlite:///{path}")
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)
    engine.dispose()
