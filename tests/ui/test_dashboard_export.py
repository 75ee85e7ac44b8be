"""The dashboard filters the list from a bar; the export dialog writes the report in the worker."""
from __future__ import annotations

import docx

from desktop.ui.dashboard import Dashboard
from desktop.ui.export_dialog import ExportDialog


def test_clicking_a_tag_bar_filters_the_article_list(qtbot, window, library):
    tag = library.tags.find("Opinion")
    library.claims.create(1, 0, 16, [tag.id])
    dash = Dashboard(library)
    qtbot.addWidget(dash)
    dash.sig_filter_requested.connect(window.model.set_filter)
    view = dash._grid.itemAt(0).widget()
    from PySide6.QtCore import QPoint, Qt

    from desktop.charts.render import ROW, TOP

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(200, TOP + ROW // 2))
    assert window.model.filter.tag_id == tag.id
    assert window.model.rowCount() == 1


def test_export_dialog_writes_a_report(qtbot, window, library, tmp_path):
    library.claims.create(1, 0, 16, [library.tags.find("Opinion").id], note="check")
    dialog = ExportDialog(library, None, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "out.docx"))
    dialog.start()
    document = docx.Document(str(tmp_path / "out.docx"))
    assert len(list(document.comments)) == 1
