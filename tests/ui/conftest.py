"""GUI tests: offscreen, synchronous workers, fresh settings, and no dialog that could block."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.ui.tasks import TaskRunner
from tests.helpers import add_article

BODY = ("Finance Minister Dalia Orsek said the harbour handled 3.2 million tonnes of grain last year. "
        "“Exports will double by 2028,” Orsek told the Coastal Ledger.\n\n"
        "Tomas Brenn, the opposition leader, disagreed. “The figures are invented,” Brenn said. 🌊 Zoë agreed.")


@pytest.fixture(autouse=True)
def gui_env(tmp_path, monkeypatch):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setattr(TaskRunner, "synchronous", True)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: errors.append(self.text()) or 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    return errors


@pytest.fixture
def window(qtbot, library):
    from desktop.analysis import analyze_text  # noqa: F401  (loads spaCy once per session)
    from desktop.ui.main_window import MainWindow

    add_article(library, BODY, title="Harbour figures", outlet="Coastal Ledger")
    library.importer.analyse(library.importer.pending_analysis(), n_process=1)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    return win


from tests.ui.demo_window import demo_lib, demo_library_file, demo_window  # noqa: E402, F401  (fixtures)
