"""Noticing a colleague's change: the watcher says yes once for each change someone else commits (another
window on the same file, a colleague on the server), and never for this library's own edits, so a person
working alone is never interrupted by a refresh of their own work."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.services import Library
from tests.helpers import add_article, two_coders

BODY = "Dock workers in Osterlund held a meeting on Tuesday about the harbour fees at Port Kessa."


@pytest.fixture
def two_windows(tmp_path: Path):
    with two_coders(tmp_path / "library.sqlite", BODY, "Dock meeting") as coders:
        yield coders


def test_my_own_edits_are_not_a_change_from_someone_else(two_windows):
    mine, _theirs = two_windows
    watcher = mine.watch_changes()
    try:
        assert watcher.poll() is False
        claim = mine.claims.create(1, 0, 12, [1])
        mine.claims.update(claim.id, note="asked the union")
        mine.articles.set_status(1, "read")
        assert watcher.poll() is False
    finally:
        watcher.close()


def test_a_colleagues_edit_is_seen_once(two_windows):
    mine, theirs = two_windows
    watcher = mine.watch_changes()
    try:
        theirs.claims.create(1, 0, 12, [1], note="theirs")
        assert watcher.poll() is True
        assert watcher.poll() is False  # told once
        mine.claims.create(1, 13, 20, [])
        assert watcher.poll() is False
        theirs.tags.create("Harbour")
        mine.articles.set_status(1, "done")
        assert watcher.poll() is True  # theirs among mine still counts
    finally:
        watcher.close()


def test_an_article_a_colleague_imports_is_seen(two_windows):
    mine, theirs = two_windows
    watcher = mine.watch_changes()
    try:
        add_article(theirs, BODY.replace("Tuesday", "Friday"), title="Second meeting")  # no audit entry
        assert watcher.poll() is True
        add_article(mine, BODY.replace("Tuesday", "Monday"), title="Third meeting")
        assert watcher.poll() is True  # an article is news whoever brought it: the list must show it
        assert watcher.poll() is False
    finally:
        watcher.close()


def test_a_watcher_closed_twice_and_polled_after_close_is_quiet(two_windows):
    mine, theirs = two_windows
    watcher = mine.watch_changes()
    watcher.close()
    watcher.close()
    theirs.tags.create("Harbour")
    assert watcher.poll() is False


def test_a_colleague_on_the_server_is_heard_and_my_own_notifications_are_not(pg_server):
    from tests.postgres_server import new_database

    url = new_database(pg_server)
    with Library.open(url, annotator="Mara Veld") as mine, Library.open(url, annotator="Tomas Irle") as theirs:
        add_article(mine, BODY, title="Dock meeting")
        watcher = mine.watch_changes()
        try:
            assert watcher.poll() is False
            mine.tags.create("Harbour")
            assert _poll_for(watcher, 0.5) is False
            theirs.tags.create("Ferries")
            theirs.tags.create("Fares")
            assert _poll_for(watcher, 5) is True
            assert watcher.poll() is False  # both notifications were read at once
        finally:
            watcher.close()


def _poll_for(watcher, seconds: float) -> bool:
    """A notification arrives a moment after the commit: poll until it does or the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if watcher.poll():
            return True
        time.sleep(0.05)
    return False
