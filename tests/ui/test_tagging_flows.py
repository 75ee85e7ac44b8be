"""Making and changing claims through the window: Ctrl+T's tag picker, the reader's right-click menu,
the Tags… checklist, the Delete key and button, the suggestions panel, the speaker field, and what the
reader says when there is nothing to tag. Every result is read back from the library."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.claim_tags_dialog import ClaimTagsDialog
from desktop.ui.codebook import TagPicker
from tests.ui.conftest import BODY
from tests.ui.driving import activate, choose_from_context_menu, click, open_tab, press, settled, type_text


def reading(qtbot, win, passage: str | None = None):
    activate(qtbot, win)
    win.open_article(1)
    settled()
    win.reader.setFocus()
    if passage is not None:
        start = BODY.index(passage)
        win.reader.select_span(start, start + len(passage))


def claims(lib) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.text, c.tag_names) for c in lib.claims.all()]


def pick_by_typing(qtbot, text: str):
    def act(picker: TagPicker) -> None:
        qtbot.keyClicks(picker.search, text)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    return act


def test_ctrl_t_picks_any_tag_by_typing_part_of_its_name(qtbot, window, library, dialogs):
    reading(qtbot, window, "3.2 million tonnes of grain")
    dialogs.dialog(TagPicker, pick_by_typing(qtbot, "loaded"))
    press(window, "Ctrl+T")
    qtbot.waitUntil(lambda: claims(library) == [("3.2 million tonnes of grain", ("Loaded language",))])
    assert dialogs.asked[0].title == "Tag the selection"
    panel = open_tab(qtbot, window, "Claims")
    assert panel.list.count() == 1 and "Framing/Loaded language" not in panel.list.item(0).text()
    assert "Loaded language" in panel.list.item(0).text()


def test_the_picker_cancelled_or_with_no_match_tags_nothing(qtbot, window, library, dialogs):
    reading(qtbot, window, "3.2 million tonnes of grain")
    dialogs.dialog(TagPicker, lambda picker: qtbot.keyClick(picker, Qt.Key.Key_Escape))
    press(window, "Ctrl+T")
    dialogs.dialog(TagPicker, pick_by_typing(qtbot, "no tag is called this"))
    press(window, "Ctrl+T")
    assert library.claims.all() == []


def test_ctrl_t_without_a_selection_asks_for_one_and_opens_nothing(qtbot, window, library):
    reading(qtbot, window)
    press(window, "Ctrl+T")
    assert window.statusBar().currentMessage() == "Select a passage first"
    assert library.claims.all() == []


def test_double_click_in_the_picker_chooses(qtbot, window, library, dialogs):
    reading(qtbot, window, "Exports will double by 2028")

    def double_click_prediction(picker: TagPicker) -> None:
        item = next(picker.list.item(i) for i in range(picker.list.count()) if picker.list.item(i).text() ==
                    "Prediction")
        rect = picker.list.visualItemRect(item)
        qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialogs.dialog(TagPicker, double_click_prediction)
    press(window, "Ctrl+T")
    qtbot.waitUntil(lambda: claims(library) == [("Exports will double by 2028", ("Prediction",))])


def test_right_click_tags_the_selection_from_the_menu(qtbot, window, library):
    reading(qtbot, window, "The figures are invented")
    where = window.reader.cursorRect().center()

    def right_click() -> None:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, window.reader.viewport().mapToGlobal(where))
        QApplication.sendEvent(window.reader.viewport(), event)
    choose_from_context_menu(qtbot, right_click, "Tag selection as", "7  Opinion")
    qtbot.waitUntil(lambda: claims(library) == [("The figures are invented", ("Opinion",))])


def test_right_click_any_tag_opens_the_picker(qtbot, window, library, dialogs):
    reading(qtbot, window, "The figures are invented")
    where = QPoint(20, 20)
    dialogs.dialog(TagPicker, pick_by_typing(qtbot, "Security"))

    def right_click() -> None:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, window.reader.viewport().mapToGlobal(where))
        QApplication.sendEvent(window.reader.viewport(), event)
    choose_from_context_menu(qtbot, right_click, "Tag with any tag…\tCtrl+T")
    qtbot.waitUntil(lambda: claims(library) == [("The figures are invented", ("Security",))])


def test_the_tags_checklist_adds_and_removes_tags_in_one_undo_step(qtbot, window, library, dialogs):
    reading(qtbot, window, "3.2 million tonnes of grain")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)  # Statistic
    settled()
    qtbot.waitUntil(lambda: claims(library) == [("3.2 million tonnes of grain", ("Statistic",))])
    panel = open_tab(qtbot, window, "Claims")
    seen = {}

    def retick(dialog: ClaimTagsDialog) -> None:
        seen["ticked"] = [dialog.list.item(i).text() for i in range(dialog.list.count())
                          if dialog.list.item(i).checkState() == Qt.CheckState.Checked]
        type_text(qtbot, dialog.search, "Econ", enter=True)  # Enter ticks the first match
        type_text(qtbot, dialog.search, "Statis", enter=True)  # and unticks a ticked one
        click(qtbot, dialog, "OK")
    dialogs.dialog(ClaimTagsDialog, retick)
    click(qtbot, panel, "Tags…")
    qtbot.waitUntil(lambda: claims(library) == [("3.2 million tonnes of grain", ("Economy",))])
    assert seen["ticked"] == ["Factual claim/Statistic"]
    assert panel.tags.text() == "Economy"
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: claims(library) == [("3.2 million tonnes of grain", ("Statistic",))])


def test_the_tags_checklist_unchanged_or_cancelled_is_no_edit(qtbot, window, library, dialogs):
    reading(qtbot, window, "3.2 million tonnes of grain")
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    settled()
    qtbot.waitUntil(lambda: len(library.claims.all()) == 1)
    steps = window.undo_stack.count()
    panel = open_tab(qtbot, window, "Claims")
    dialogs.dialog(ClaimTagsDialog, lambda d: click(qtbot, d, "OK"))
    click(qtbot, panel, "Tags…")
    dialogs.dialog(ClaimTagsDialog, lambda d: (type_text(qtbot, d.search, "Econ", enter=True),
                                               click(qtbot, d, "Cancel")))
    click(qtbot, panel, "Tags…")
    assert window.undo_stack.count() == steps
    assert claims(library) == [("3.2 million tonnes of grain", ("Statistic",))]


def test_delete_key_and_button_delete_the_chosen_claim_and_undo_brings_it_back(qtbot, window, library):
    reading(qtbot, window, "3.2 million tonnes of grain")
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    settled()
    reading(qtbot, window, "The figures are invented")
    qtbot.keyClick(window.reader, Qt.Key.Key_7)
    settled()
    qtbot.waitUntil(lambda: len(library.claims.all()) == 2)
    panel = open_tab(qtbot, window, "Claims")
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    first = panel.current_id()
    press(window, "Delete")
    qtbot.waitUntil(lambda: len(library.claims.all()) == 1)
    assert first not in [c.id for c in library.claims.all()]
    panel.list.setCurrentRow(0)
    click(qtbot, panel, "Delete claim")
    qtbot.waitUntil(lambda: library.claims.all() == [])
    assert panel.list.count() == 0 and not panel.editor.isEnabled()
    press(window, "Ctrl+Z")
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: len(library.claims.all()) == 2)


def test_the_speaker_typed_in_the_editor_is_stored(qtbot, window, library):
    reading(qtbot, window, "3.2 million tonnes of grain")
    qtbot.keyClick(window.reader, Qt.Key.Key_1)
    settled()
    qtbot.waitUntil(lambda: len(library.claims.all()) == 1)
    panel = open_tab(qtbot, window, "Claims")
    type_text(qtbot, panel.speaker, "Harbour office", enter=True)
    qtbot.waitUntil(lambda: library.claims.all()[0].speaker == "Harbour office")
    panel.speaker.setFocus()
    qtbot.keyClick(panel.speaker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.speaker, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.speaker, Qt.Key.Key_Return)  # cleared: no speaker, not an empty one
    qtbot.waitUntil(lambda: library.claims.all()[0].speaker is None)


def test_a_number_key_with_no_tag_for_it_says_so(qtbot, window, library, dialogs):
    from tests.ui.driving import tree_items

    activate(qtbot, window)
    book = open_tab(qtbot, window, "Codebook")
    for name in ("Missing context", "Loaded language", "Framing", "Quote accuracy", "Event", "Statistic",
                 "Factual claim", "Policy", "Economy", "Security", "Follow up"):
        item = tree_items(book.tree)[name]
        book.tree.setCurrentItem(item)
        click(qtbot, book, "Delete")
        qtbot.waitUntil(lambda n=name: n not in tree_items(book.tree))
    assert len(library.tags.list()) == 3
    reading(qtbot, window, "3.2 million tonnes of grain")
    qtbot.keyClick(window.reader, Qt.Key.Key_4)
    settled()
    assert "No tag has the key 4" in window.statusBar().currentMessage()
    assert library.claims.all() == []


def test_accept_a_suggestion_with_a_tag_and_dismiss_another(qtbot, window, library, dialogs):
    reading(qtbot, window)
    panel = open_tab(qtbot, window, "Suggestions")
    suggested = len(library.suggestions.for_article(1))
    assert panel.list.count() == suggested >= 2
    first = panel.list.item(0)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualItemRect(first).center())
    dialogs.dialog(TagPicker, pick_by_typing(qtbot, "Statistic"))
    click(qtbot, panel, "Tag as claim…")
    sentence = "Finance Minister Dalia Orsek said the harbour handled 3.2 million tonnes of grain last year."
    qtbot.waitUntil(lambda: claims(library) == [(sentence, ("Statistic",))])
    panel = open_tab(qtbot, window, "Suggestions")
    other = next(i for i in range(panel.list.count()) if panel.list.item(i).text().startswith("“The figures"))
    panel.list.setCurrentRow(other)
    click(qtbot, panel, "Dismiss")
    qtbot.waitUntil(lambda: len(library.suggestions.for_article(1)) == suggested - 1)
    assert not any(s.text.startswith("“The figures") for s in library.suggestions.for_article(1))
    assert panel.list.count() == suggested - 2  # neither the accepted sentence nor the dismissed one
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: len(library.suggestions.for_article(1)) == suggested)


def test_an_accepted_suggestion_leaves_the_list_and_undo_brings_it_back(qtbot, window, library, dialogs):
    reading(qtbot, window)
    panel = open_tab(qtbot, window, "Suggestions")

    def listed() -> list[str]:
        return [panel.list.item(i).text() for i in range(panel.list.count())]
    before = listed()
    assert len(before) >= 2
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(panel.list.item(0)).center())
    dialogs.dialog(TagPicker, pick_by_typing(qtbot, "Statistic"))
    click(qtbot, panel, "Tag as claim…")
    qtbot.waitUntil(lambda: len(library.claims.all()) == 1)
    panel = open_tab(qtbot, window, "Suggestions")
    qtbot.waitUntil(lambda: listed() == before[1:])
    press(window, "Ctrl+Z")
    qtbot.waitUntil(lambda: library.claims.all() == [])
    qtbot.waitUntil(lambda: listed() == before)
