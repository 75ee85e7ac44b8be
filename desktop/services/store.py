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
