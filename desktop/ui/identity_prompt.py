"""The first start asks who is working, once; the answer is kept for the app and the command line."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop.services import identity


def ask_name_once(given: str | None = None, parent: QWidget | None = None) -> str | None:
    """Ask for the display name unless one is fixed for this run or was chosen before.

    The system's full name is offered; a cancelled question keeps it, so the question is not
    asked again at every start (Team ▸ Your name changes it any time).
    """
    if identity.override_name(given) or identity.saved_name():
        return identity.display_name(given)
    offered = identity.system_name() or ""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Welcome to ClaimDesk")
    dialog.setLabelText("Your name, as colleagues will see it on your claims and edits:")
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(offered)
    chosen = dialog.textValue() if dialog.exec() else offered
    if identity.clean(chosen) or identity.clean(offered):
        return identity.save_name(identity.clean(chosen) or offered)
    return None
