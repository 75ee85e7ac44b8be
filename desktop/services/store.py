"""One session per user action, committed when the action ends."""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.models import AuditEntry
from desktop.services.changes import CHANNEL
from desktop.services.errors import StaleEdit, UserError

READ_ONLY = "the library is read-only (its file or folder cannot be written): edits are off"


class Store:
    def __init__(self, sessions: sessionmaker[Session], annotator: str | None = None,
                 read_only: bool = False) -> None:
        self._sessions = sessions
        self.annotator = annotator
        self.read_only = read_only
        # Names this library's writes in change notifications, so its own window can skip them.
        self.token = uuid.uuid4().hex
        # The audit entries this library wrote: on SQLite, whose commit it was is told by them.
        self.own_audit: set[int] = set()
        self._notify = sessions.kw["bind"].dialect.name == "postgresql"

    @contextmanager
    def write(self, action: str | None = None, **detail: object) -> Iterator[Session]:
        """A transaction for one edit; with an action name it is also written to the audit log.

        The audit entry names the claim the edit touched (detail's claim_id, or one the service
        put in session.info once the claim had its id), so each claim has its own history.
        """
        if self.read_only:
            raise UserError(READ_ONLY)
        entry = None
        try:
            with self._sessions() as session, session.begin():
                yield session
                if action:
                    entry = AuditEntry(
                        annotator=self.annotator, action=action, detail=json.dumps(detail, default=str),
                        claim_id=session.info.get("claim_id", detail.get("claim_id", detail.get("from_id"))),
                        other_claim_id=detail.get("to_id"),
                    )
                    session.add(entry)
                    session.flush()
                if self._notify:  # colleagues' windows refresh; sent only if this transaction commits
                    session.execute(text("SELECT pg_notify(:channel, :token)"),
                                    {"channel": CHANNEL, "token": self.token})
        except StaleDataError as exc:
            # Two edits of one row in the same instant: the versioned UPDATE of the later one
            # matched no row, and its whole transaction was rolled back.
            raise StaleEdit("someone else changed this at the same moment; nothing of yours was saved, "
                            "here is the current state") from exc
        if entry is not None:
            self.own_audit.add(entry.id)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session
