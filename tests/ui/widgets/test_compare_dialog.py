"""The comparison dialog shows both versions in one text, each change in its format."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from explorer.ui.widgets.compare_dialog import CompareDialog

texts = st.lists(st.sampled_from(["profit", "rose", "25", "31", "pct", "Benetton", "said."]), max_size=20).map(" ".join)


def formats_of(dialog: CompareDialog) -> list[tuple[bool, bool]]:
    """(struck out, underlined) of each character of the dialog's text."""
    cursor = QTextCursor(dialog.text.document())
    found = []
    for i in range(len(dialog.text.toPlainText())):
        cursor.setPosition(i + 1)
        fmt = cursor.charFormat()
        found.append((fmt.fontStrikeOut(), fmt.fontUnderline()))
    return found


@settings(max_examples=25, deadline=None)
@given(texts, texts)
def test_removed_text_is_struck_out_and_added_text_underlined(qapp, first, second):
    dialog = CompareDialog(("then", first), ("now", second))  # qapp, not qtbot: many examples
    expected = [
        (segment.kind == "removed", segment.kind == "added") for segment in dialog.segments for _ in segment.text
    ]
    assert dialog.text.toPlainText() == "".join(s.text for s in dialog.segments)
    assert formats_of(dialog) == expected
