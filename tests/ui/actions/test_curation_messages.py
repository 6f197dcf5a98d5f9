"""Curation says what it does: the merge dialog shows the entities and the result; every change,
undo and redo ends with a status message naming it and the key that takes it back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.queries import EntityRow, entity, find_entity
from explorer.ui.actions import curation_messages as words
from explorer.ui.widgets.merge_dialog import MergeDialog, merge_result, merge_survivor
from tests.ui.actions.test_curation_actions import select, written

names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda n: any(ch.isalnum() for ch in n) and n == " ".join(n.split()))
rows = st.lists(
    st.tuples(names, st.sampled_from(ENTITY_TYPES), st.integers(0, 10**6), st.integers(0, 10**6)),
    min_size=2,
    max_size=8,
    unique_by=lambda r: r[0].casefold(),
).map(lambda items: [EntityRow(i + 1, name, type_, min(a, m), m) for i, (name, type_, a, m) in enumerate(items)])


def table_of(dialog: MergeDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


@settings(max_examples=40, deadline=None)
@given(rows)
def test_the_merge_dialog_lists_every_entity_with_its_type_and_counts(qapp, entities) -> None:
    dialog = MergeDialog(entities)
    try:
        listed = table_of(dialog)
        assert sorted(listed) == sorted((e.name, e.type, f"{e.articles:,}", f"{e.mentions:,}") for e in entities)
        assert [int(r[3].replace(",", "")) for r in listed] == sorted((e.mentions for e in entities), reverse=True)
        most = max(entities, key=lambda e: e.mentions)
        assert dialog.name() == most.name  # the most mentioned name is offered first
        total = sum(e.mentions for e in entities)
        assert dialog.result_label.text() == merge_result(entities, most.name)
        article = "an" if most.type[0] in "aeiou" else "a"
        assert f"“{most.name}”, {article} {most.type}, with {total:,} mention" in dialog.result_label.text()
        assert dialog.merge_button.isEnabled()
    finally:
        dialog.deleteLater()


@settings(max_examples=60, deadline=None)
@given(rows, st.one_of(names, st.just("")), st.integers(0, 7))
def test_the_survivor_is_the_entity_so_named_else_the_most_mentioned(entities, typed, pick) -> None:
    if typed == "":
        typed = entities[pick % len(entities)].name.upper()
    survivor = merge_survivor(entities, typed)
    named = [e for e in entities if e.name.casefold() == typed.casefold()]
    assert survivor == (named[0] if named else max(entities, key=lambda e: e.mentions))


def test_a_blank_name_cannot_merge(qtbot) -> None:
    dialog = MergeDialog([EntityRow(1, "EU", "organisation", 3, 5), EntityRow(2, "Europe", "place", 1, 2)])
    qtbot.addWidget(dialog)
    dialog.name_box.setEditText("  ")
    assert not dialog.merge_button.isEnabled()
    assert "Type the name" in dialog.result_label.text()
    qtbot.keyClick(dialog.name_box.lineEdit(), Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.name_box.setEditText("European  Union")
    assert dialog.name() == "European Union"
    assert dialog.result_label.text() == (
        "Result: “European Union”, an organisation (the type of “EU”), with 7 mentions."
    )
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel) is not None


@settings(max_examples=60)
@given(names, names, st.integers(0, 10**7), st.integers(2, 99), st.sampled_from(["Ctrl+Z", "⌘Z", ""]))
def test_messages_name_the_change_its_counts_and_the_key(a, b, count, entities, key) -> None:
    shown = f"{count:,} mention{'' if count == 1 else 's'}"
    for message in (words.merged(entities, a, count), words.split_off(a, b, b, count), words.hidden(a, count)):
        assert f"“{a}”" in message and shown in message
    assert words.renamed(a, b) == f"Renamed “{a}” to “{b}”"
    assert words.retyped(a, "place") == f"Changed the type of “{a}” to place"
    assert words.hidden(a, count).endswith("from lists and counts")
    done = words.done(words.merged(entities, a, count), key)
    assert done.startswith(f"Merged {entities} entities into “{a}”")
    assert done.endswith(f" — {key} undoes") if key else done == words.merged(entities, a, count)
    assert words.undone("X", key) == ("Undone: X" + (f" — {key} redoes" if key else ""))
    assert words.redone("X", key) == ("Redone: X" + (f" — {key} undoes" if key else ""))


@given(st.integers(1, 10**7), st.none() | st.dates().map(lambda day: day.isoformat()))
def test_set_date_is_said_as_the_command_line_says_it(count, published) -> None:
    articles = f"{count:,} article{'' if count == 1 else 's'}"
    expected = f"Dated {articles} {published}" if published else f"Marked {articles} undated"
    assert words.dated(count, published) == expected


def status(window) -> str:
    return window.statusBar().currentMessage()


def test_merge_says_what_it_did_and_undo_and_redo_say_what_they_undid(qtbot, window, monkeypatch) -> None:
    curation = window.curation
    shown = []
    monkeypatch.setattr(curation, "ask_merge", lambda rows: shown.append(rows) or "China")
    beijing, china = select(window, "Beijing", "China")
    before = {e: entity(window.db, e).mentions for e in (beijing, china)}
    curation.merge_action.trigger()
    written(qtbot, window)
    assert [(r.id, r.mentions) for r in shown[0]] == [(beijing, before[beijing]), (china, before[china])]
    total = entity(window.db, china).mentions
    assert total == sum(before.values())
    merged = f"Merged 2 entities into “China” ({total:,} mentions)"
    assert status(window) == f"{merged} — Ctrl+Z undoes"
    curation.undo_action.trigger()
    written(qtbot, window)
    assert status(window) == f"Undone: {merged} — Ctrl+Shift+Z redoes"
    curation.redo_action.trigger()
    written(qtbot, window)
    assert status(window) == f"Redone: {merged} — Ctrl+Z undoes"


def test_every_curation_names_its_change(qtbot, window, monkeypatch) -> None:
    curation = window.curation
    select(window, "Xinhua")
    monkeypatch.setattr(curation, "ask_text", lambda *args, **kwargs: "New China News")
    curation.rename_action.trigger()
    written(qtbot, window)
    assert status(window) == "Renamed “Xinhua” to “New China News” — Ctrl+Z undoes"
    curation.retype("group")
    written(qtbot, window)
    assert status(window) == "Changed the type of “New China News” to group — Ctrl+Z undoes"
    tokyo = find_entity(window.db, "Tokyo")
    select(window, "Tokyo")
    curation.hide_action.trigger()
    written(qtbot, window)
    assert status(window) == f"Hid “Tokyo” ({tokyo.mentions:,} mentions) from lists and counts — Ctrl+Z undoes"
    curation.undo_action.trigger()
    written(qtbot, window)
    assert status(window).startswith("Undone: Hid “Tokyo”")
    monkeypatch.setattr(curation, "ask_merge", lambda rows: "China")
    select(window, "Beijing", "China")
    curation.merge_action.trigger()
    written(qtbot, window)
    monkeypatch.setattr(curation, "ask_item", lambda *args, **kwargs: "Beijing")
    curation.split_action.trigger()
    written(qtbot, window)
    beijing = find_entity(window.db, "Beijing")
    split = f"Split “Beijing” off “China” into “Beijing” ({beijing.mentions:,} mentions)"
    assert status(window) == f"{split} — Ctrl+Z undoes"
    answers = iter(["Colombo", "place"])
    monkeypatch.setattr(curation, "ask_text", lambda *args, **kwargs: next(answers))
    monkeypatch.setattr(curation, "ask_item", lambda *args, **kwargs: next(answers))
    curation.add_action.trigger()
    written(qtbot, window)
    assert status(window) == "Added “Colombo” (place): 1 mention in 1 article — Ctrl+Z undoes"


def test_enter_in_the_name_box_merges(qtbot) -> None:
    dialog = MergeDialog([EntityRow(1, "EU", "organisation", 3, 5), EntityRow(2, "Europe", "place", 1, 2)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_box.setFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.name_box.lineEdit(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.name() == "EU"


def test_show_again_says_the_name_its_mentions_and_that_imports_leave_it() -> None:
    message = words.shown_again("Treasury", 1234)
    assert message.startswith("Showed “Treasury” (1,234 mentions) again") and "imports" in message
