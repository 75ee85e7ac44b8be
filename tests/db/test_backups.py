"""Backups in the user's data folder: before every migration, once a day of use, the newest N kept,
and a restore that keeps what it replaces."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from db.engine import make_engine
from db.migrate import HEAD, migrate
from desktop.cli import main
from desktop.services import Library
from desktop.services.backups import KEEP_ENV, Backups, backup_root, keep_setting, save_keep_setting
from desktop.services.config_files import config_file
from tests.helpers import add_article

BODY = "The mayor of Ostrel said the tram line would reach the harbour by spring."


def _claims(path) -> list[str]:
    with sqlite3.connect(path) as raw:
        return [r[0] for r in raw.execute("SELECT note FROM claims ORDER BY id")]


def _revision(path) -> str:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_backups_live_in_the_data_folder(tmp_path, isolated_user_dirs):
    assert backup_root() == isolated_user_dirs / "data" / "ClaimDesk" / "backups"
    assert Backups(tmp_path / "lib.sqlite").folder.parent == backup_root()


def test_a_new_library_has_no_backup_and_a_reopened_one_one_a_day(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, annotator="tester") as lib:
        aid = add_article(lib, BODY)
        lib.claims.create(aid, 4, 9, [1], note="first")
    backups = Backups(path)
    assert backups.list() == []
    for _ in range(2):
        Library.open(path).close()
    [daily] = backups.list()
    assert daily.reason == "daily" and _claims(daily.path) == ["first"]
    # a day later
    yesterday = (dt.datetime.now() - dt.timedelta(days=1)).strftime("%Y-%m-%d_%H-%M-%S")
    daily.path.rename(daily.path.with_name(f"{yesterday}_daily.sqlite"))
    Library.open(path).close()
    assert [b.reason for b in backups.list()] == ["daily", "daily"]


def test_an_upgrade_is_preceded_by_a_backup_of_the_old_library(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "0002")
    engine.dispose()
    with Library.open(path) as lib:
        assert lib.created is False
    before = [b for b in Backups(path).list() if b.reason == f"before-{HEAD}"]
    assert len(before) == 1 and _revision(before[0].path) == "0002"
    assert _revision(path) == HEAD


def test_a_backup_of_a_library_in_use_holds_its_latest_edits(tmp_path):
    """The WAL's content too: the online backup reads the library as a connection sees it."""
    path = tmp_path / "busy.sqlite"
    with Library.open(path, annotator="tester") as lib:
        aid = add_article(lib, BODY)
        lib.claims.create(aid, 4, 9, [1], note="just now")
        backup = Backups(path).make("manual")
        assert _claims(backup.path) == ["just now"]


def test_only_the_newest_are_kept(tmp_path):
    path = tmp_path / "lib.sqlite"
    Library.open(path).close()
    backups = Backups(path, keep=3)
    made = [backups.make(f"manual{n}") for n in range(5)]
    assert [b.path for b in backups.list()] == [b.path for b in reversed(made[2:])]


def test_restore_keeps_what_it_replaces(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, annotator="tester") as lib:
        aid = add_article(lib, BODY)
        lib.claims.create(aid, 4, 9, [1], note="kept")
    backups = Backups(path)
    good = backups.make("manual")
    with Library.open(path) as lib:
        lib.claims.create(aid, 10, 16, [1], note="after the backup")
    kept = backups.restore(good)
    assert _claims(path) == ["kept"]
    assert kept is not None and _claims(kept.path) == ["kept", "after the backup"]
    with Library.open(path) as lib:
        assert [c.note for c in lib.claims.all()] == ["kept"]


def test_a_library_that_cannot_be_opened_is_restored_from_the_command_line(tmp_path, capsys):
    path = tmp_path / "lib.sqlite"
    with Library.open(path, annotator="tester") as lib:
        aid = add_article(lib, BODY)
        lib.claims.create(aid, 4, 9, [1], note="safe")
    assert main(["backup", "now", "--db", str(path)]) == 0
    path.write_bytes(b"\0" * 4096)  # the file was overwritten by accident
    assert main(["list", "--db", str(path)]) == 1
    capsys.readouterr()
    assert main(["backup", "list", "--db", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "  1  " in listing and "manual" in listing and "1 backups of" in listing
    assert main(["backup", "restore", "1", "--db", str(path)]) == 0
    assert main(["claim", "list", "--db", str(path)]) == 0
    assert "1 claims" in capsys.readouterr().out
    damaged = list(Backups(path).folder.glob("*.damaged"))
    assert len(damaged) == 1 and damaged[0].read_bytes() == b"\0" * 4096  # nothing is thrown away


def test_restoring_a_backup_number_that_is_not_there(tmp_path, capsys):
    path = tmp_path / "lib.sqlite"
    Library.open(path).close()
    assert main(["backup", "restore", "7", "--db", str(path)]) == 1
    assert capsys.readouterr().err.strip() == "claimdesk: no backup number 7: `claimdesk backup list` shows 0"


def test_postgresql_backups_are_the_servers_job(capsys):
    pytest.importorskip("psycopg")
    assert main(["backup", "list", "--db", "postgresql+psycopg://someone@server/claimdesk"]) == 1
    assert "pg_dump" in capsys.readouterr().err


def test_a_day_whose_backup_cannot_be_written_still_opens_the_library(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    Library.open(path).close()

    def disk_full(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(Backups, "make", disk_full)
    with Library.open(path) as lib:
        assert lib.tags.list()


def test_how_many_are_kept_is_a_setting_kept_between_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(KEEP_ENV, raising=False)
    assert keep_setting() == 10
    assert main(["backup", "keep", "2"]) == 0
    assert "the last 2 backups of each library are kept" in capsys.readouterr().out
    path = tmp_path / "lib.sqlite"
    Library.open(path).close()
    backups = Backups(path)  # a later run: the saved setting, not a number passed in
    for n in range(4):
        backups.make(f"manual{n}")
    assert len(backups.list()) == 2
    monkeypatch.setenv(KEEP_ENV, "3")  # a run's override wins over the setting
    assert keep_setting() == 3


@pytest.mark.parametrize("bad", ["0", "many", "-2"])
def test_a_backup_count_that_is_not_a_whole_number_is_refused_in_one_line(bad, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["backup", "keep", bad])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"a whole number from 1 to 1000, not '{bad}'" in err and "Traceback" not in err
    assert keep_setting() == 10


def test_a_damaged_settings_file_counts_as_the_default(monkeypatch):
    monkeypatch.delenv(KEEP_ENV, raising=False)
    save_keep_setting(4)
    config_file("backups.json").write_text("{not json", encoding="utf-8")
    assert keep_setting() == 10
