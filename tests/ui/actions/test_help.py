"""Help ▸ User Guide (F1) shows the guide with its sections; Help ▸ Keyboard Shortcuts lists
every action of the window that has a shortcut, read from the actions themselves."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand

from explorer.core.resources import resource
from explorer.ui.actions.help import plain_text, shortcut_rows

TOPICS = (
    "import",
    "reading",
    "search",
    "filters",
    "timeline",
    "network",
    "curation",
    "notes",
    "exports",
    "command line",
)


def native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def test_f1_opens_the_guide_with_its_sections(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.documents.view, Qt.Key.Key_F1)
    guide = window.help_actions.guide
    assert guide is not None and guide.isVisible()
    headings = re.findall(r"^## (.+)$", resource("guide.md").read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert guide.sections() == headings
    for topic in TOPICS:
        assert any(topic in heading.casefold() for heading in headings), topic
    text = guide.browser.toPlainText()
    assert "title:budget" in text and "Ctrl+Z" in text  # the content itself, not only the headings
    for heading in headings:
        guide.show_section(heading)
        assert guide.browser.textCursor().block().text() == heading


def test_the_help_menu_holds_the_guide_the_shortcuts_and_about(window) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if plain_text(a.text()) == "Help")
    texts = [plain_text(a.text()) for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["User Guide", "Keyboard Shortcuts", "About Knowledge Explorer"]
    assert window.help_actions.guide_action.shortcut() == QKeySequence("F1")


def test_the_shortcut_list_names_every_action_that_has_a_shortcut(window) -> None:
    dialog = window.help_actions.show_shortcuts()
    listed = dialog.rows()
    with_keys = [a for a in dict.fromkeys(window.findChildren(QAction)) if any(not k.isEmpty() for k in a.shortcuts())]
    assert len(with_keys) >= 10
    assert len(listed) == len(with_keys)
    for action in with_keys:
        keys = ", ".join(native(k) for k in action.shortcuts())
        assert any(row[0] == keys and row[1] == plain_text(action.text()) for row in listed), action.text()
    by_command = {row[1]: row for row in listed}
    assert by_command["Undo"][:1] == ("Ctrl+Z",) and by_command["Undo"][2] == "Edit"
    assert by_command["User Guide"] == ("F1", "User Guide", "Help")
    assert by_command["Search Articles"][0] == "Ctrl+L, Ctrl+K"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).filter(str.strip),
    st.booleans(),
)
def test_undo_and_redo_are_listed_as_such_whatever_step_they_would_take(window, step, undone) -> None:
    """Any one-line step (a line break would split Qt's undo text in two)."""
    stack = window.ctx.undo_stack
    try:
        stack.push(QUndoCommand(step))
        if undone:
            stack.undo()
        assert window.curation.undo_action.text() == ("&Undo" if undone else f"&Undo {step}".strip())
        commands = {row.command: row.keys for row in shortcut_rows(window)}
        assert commands["Undo"] == native(window.curation.undo_action.shortcut())
        assert "Redo" in commands
        assert not [name for name in commands if name.startswith(("Undo ", "Redo "))]
    finally:
        stack.clear()


keys = st.lists(st.sampled_from("ABCEGHJMPRUVWXY"), min_size=1, max_size=6, unique=True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys, st.lists(st.booleans(), min_size=6, max_size=6), st.text(min_size=1, max_size=20).filter(str.strip))
def test_an_action_added_anywhere_is_listed_where_it_is(window, letters, in_menu, name) -> None:
    """Generated actions with generated shortcuts, in a new submenu of Tools or on the window alone."""
    tools = next(a.menu() for a in window.menuBar().actions() if plain_text(a.text()) == "Tools")
    submenu = tools.addMenu("Generated")
    added = []
    try:
        for index, letter in enumerate(letters):
            action = QAction(f"{name.replace('&', '&&')} {index}", window)
            action.setShortcut(QKeySequence(f"Ctrl+Alt+Shift+{letter}"))
            (submenu.addAction if in_menu[index] else window.addAction)(action)
            added.append(action)
        rows = shortcut_rows(window)
        for index, action in enumerate(added):
            menu = "Tools ▸ Generated" if in_menu[index] else ""
            assert (native(action.shortcut()), f"{name} {index}", menu) in [(r.keys, r.command, r.menu) for r in rows]
    finally:
        for action in added:
            window.removeAction(action)
            action.setParent(None)
            action.deleteLater()
        tools.removeAction(submenu.menuAction())
        submenu.setParent(None)
        submenu.deleteLater()


def test_every_shortcut_the_guide_names_is_bound_in_the_window(window) -> None:
    """The guide is prose and can drift; every key it promises must do something."""
    named = set(
        re.findall(
            r"\b(?:(?:Ctrl|Shift|Alt)\+)+(?:[A-Z]\b|F\d+\b|Backspace\b|Delete\b)|\bF1\b",
            resource("guide.md").read_text(encoding="utf-8"),
        )
    )
    bound = {key.strip() for row in shortcut_rows(window) for key in row.keys.split(",")}
    assert {"F1", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Shift+Backspace"} <= named
    assert named <= bound
