"""One session per user action, committed when the action ends."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from db.models import AuditEntry


class Store:
    def __init__(self, sessions: sessionmaker[Session], annotator: str | None = None) -> None:
        self._sessions = sessions
        self.annotator = annotator

    @contextmanager
    def write(self, action: str | None = None, **detail: object) -> Iterator[Session]:
        """A transaction for one edit; with an action name it is also written to the audit log."""
        with self._sessions() as session, session.begin():
            yield session
            if action:
                session.add(
                    AuditEntry(annotator=self.annotator, action=action, detail=json.dumps(detail, default=str))
                )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session


# Bound parameters per statement: PostgreSQL takes at most 65,535 and older SQLite builds 32,766,
# so a list of ids from a large filter is read in slices.
IN_CHUNK = 10_000


def in_chunks(ids: list[int] | None) -> Iterator[list[int] | None]:
    """The ids in slices small enough for one IN (...); None (everything) stays one None."""
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), IN_CHUNK):
        yield ids[start:start + IN_CHUNK]
