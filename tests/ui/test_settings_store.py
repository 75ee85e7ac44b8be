"""The settings store: typed values, and a store written before versions migrated once when opened."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.ui.settings import VERSION, VERSION_KEY, Settings, open_store
from tests.ui.driving import activate, menu_command


def _raw() -> QSettings:
    """The store as the app opens it: in this test's own settings folder (tests/gui.py's gui_env)."""
    return open_store()


def test_a_store_from_before_versions_is_migrated_once():
    old = _raw()  # as an earlier release left it: no version, values as the INI file kept them
    old.setValue("reader/zoom", "three")  # unreadable as a number
    old.setValue("window/panel_tab", "2")
    old.setValue("library/recent", "/home/ana/harbour.sqlite")  # a list of one comes back as its item
    old.setValue("library/last_article", {"/home/ana/harbour.sqlite": "41", "/tmp/x.sqlite": "gone"})
    old.sync()
    settings = Settings()
    assert settings.get("reader/zoom") == 0  # read as the default before anything is written
    assert not _raw().contains(VERSION_KEY)  # opening alone writes nothing
    settings.set("view/scheme", "dark")  # the first write migrates the store
    settings.sync()
    raw = _raw()
    assert int(raw.value(VERSION_KEY)) == VERSION
    assert not raw.contains("reader/zoom")  # removed, so the default applies
    assert settings.get("window/panel_tab") == 2
    assert settings.get("library/recent") == ["/home/ana/harbour.sqlite"]
    assert settings.last_article("/home/ana/harbour.sqlite") == 41
    assert settings.last_article("/tmp/x.sqlite") is None
    assert raw.value("library/last_article") == {"/home/ana/harbour.sqlite": 41}  # written back typed
    settings.set("reader/zoom", 3)
    settings.sync()
    assert Settings().get("reader/zoom") == 3  # opened again: no second migration undoes anything


def test_a_newer_releases_store_is_left_as_it_is():
    newer = _raw()
    newer.setValue(VERSION_KEY, VERSION + 1)
    newer.setValue("view/scheme", "dark")
    newer.setValue("reader/zoom", "not for this release")
    newer.sync()
    settings = Settings()
    settings.sync()
    raw = _raw()
    assert int(raw.value(VERSION_KEY)) == VERSION + 1
    assert raw.value("reader/zoom") == "not for this release"  # not ours to rewrite
    assert settings.get("reader/zoom") == 0 and settings.get("view/scheme") == "dark"


def test_values_come_back_as_their_types():
    settings = Settings()
    settings.set("reader/hidden_types", ["GPE"])
    settings.set("reader/speaker_labels", 0)
    settings.set_last_article("/home/ana/harbour.sqlite", 7)
    settings.sync()
    again = Settings()
    assert again.get("reader/hidden_types") == ["GPE"]
    assert again.get("reader/speaker_labels") == 0
    assert again.last_article("/home/ana/harbour.sqlite") == 7
    assert again.get("list/sort") == "published desc"


def test_a_windows_settings_go_to_this_tests_own_file(qtbot, window, tmp_path):
    """gui_env points the settings at this test's folder; the window's store is that file, so nothing
    written here (speaker labels off) reaches another test's window."""
    activate(qtbot, window)
    menu_command(qtbot, window, "View", "Speaker labels")
    window.settings.sync()
    own = QSettings(str(tmp_path / "settings" / "ClaimDesk" / "ClaimDesk.ini"), QSettings.Format.IniFormat)
    assert int(own.value("reader/speaker_labels")) == 0
    assert Settings().get("reader/speaker_labels") == 0
