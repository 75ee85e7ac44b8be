"""Backups in the corners a person meets: several in one second keep apart, the newest first; only the
number kept survives, with the one a restore makes kept beside them; a file that is not a library (an
empty file or another program's database, which once replaced the library), a damaged one or a missing
one is refused before anything is replaced; two libraries of one name in
different folders keep separate backups; a name of any characters makes a usable folder."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.services import Library, UserError
from desktop.services.backups import Backups
from tests.helpers import add_article

BODY = "The harbour board of Marenhal said fees at Port Kessa would double from April."


def library(path: Path, claims: int = 1) -> Path:
    with Library.open(path, annotator="Mara Veld") as lib:
        article = add_article(lib, BODY + f" ({path.name})", title="Fees")
        for n in range(claims):
            lib.claims.create(article, n, n + 10, [])
    return path


def claims_in(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT count(*) FROM claims").fetchone()[0]


def test_several_backups_in_one_second_keep_apart_newest_first(tmp_path):
    path = library(tmp_path / "library.sqlite")
    backups = Backups(path, keep=10, root=tmp_path / "backups")
    made = [backups.make(reason) for reason in ("manual", "manual", "before-restore")]
    listed = backups.list()
    assert len({b.path for b in made}) == 3 and len(listed) == 3
    assert [b.made for b in listed] == sorted((b.made for b in listed), reverse=True)
    assert {b.reason for b in listed} == {"manual", "before-restore"}
    assert all(claims_in(b.path) == 1 for b in listed)


def test_only_the_number_kept_survives(tmp_path):
    path = library(tmp_path / "library.sqlite")
    backups = Backups(path, keep=2, root=tmp_path / "backups")
    for _ in range(4):
        backups.make("manual")
    assert len(backups.list()) == 2


def test_a_restore_keeps_what_it_replaces_even_at_the_limit(tmp_path):
    path = library(tmp_path / "library.sqlite", claims=1)
    backups = Backups(path, keep=1, root=tmp_path / "backups")
    old = backups.make("manual")
    with Library.open(path, annotator="Mara Veld") as lib:
        lib.claims.create(1, 20, 30, [])
    kept = backups.restore(old)
    assert claims_in(path) == 1
    assert kept is not None and claims_in(kept.path) == 2  # the two-claim library is not lost


@pytest.mark.parametrize("content, words", [
    (b"", "is not a ClaimDesk library (it is empty); the library was left as it was"),
    (b"plain words, not a database at all" * 50, "cannot be read"),
    ("other program", "is not a ClaimDesk library; the library was left as it was"),
])
def test_a_file_that_is_not_a_good_library_is_refused_before_anything_is_replaced(tmp_path, content, words):
    path = library(tmp_path / "library.sqlite", claims=2)
    bad = tmp_path / "bad.sqlite"
    if content == "other program":  # a good SQLite file, of another program
        with sqlite3.connect(bad) as raw:
            raw.execute("CREATE TABLE recipes (name TEXT)")
    else:
        bad.write_bytes(content)
    backups = Backups(path, keep=5, root=tmp_path / "backups")
    with pytest.raises(UserError) as refused:
        backups.restore(bad)
    assert words in str(refused.value) and "\n" not in str(refused.value)
    assert claims_in(path) == 2 and backups.list() == []


def test_a_missing_backup_is_refused(tmp_path):
    path = library(tmp_path / "library.sqlite")
    with pytest.raises(UserError, match="no such backup"):
        Backups(path, root=tmp_path / "backups").restore(tmp_path / "gone.sqlite")
    assert claims_in(path) == 1


def test_two_libraries_of_one_name_keep_separate_backups(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = library(tmp_path / "a" / "library.sqlite")
    second = library(tmp_path / "b" / "library.sqlite", claims=3)
    root = tmp_path / "backups"
    one, two = Backups(first, root=root), Backups(second, root=root)
    assert one.folder != two.folder
    one.make("manual")
    two.make("manual")
    assert [claims_in(b.path) for b in one.list()] == [1]
    assert [claims_in(b.path) for b in two.list()] == [3]


@pytest.mark.parametrize("name", ["Zoë's café (2026).sqlite", "a b%c;d.sqlite", "...sqlite", "new\nline.sqlite"])
def test_a_library_name_of_any_characters_makes_a_usable_backup_folder(tmp_path, name):
    path = library(tmp_path / name)
    backups = Backups(path, root=tmp_path / "backups")
    made = backups.make("manual")
    assert made.path.parent == backups.folder and backups.folder.parent == tmp_path / "backups"
    assert "\n" not in backups.folder.name and claims_in(made.path) == 1
