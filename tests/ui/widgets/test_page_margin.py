"""Page markers in the margin: one label on the line where each page starts, the text untouched."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QPlainTextEdit

from explorer.ui.widgets.page_margin import PageMargin


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text("abc ", min_size=1, max_size=30), min_size=1, max_size=8))
def test_each_page_is_labelled_on_its_first_line(qtbot, pages):
    text = QPlainTextEdit()
    qtbot.addWidget(text)
    body = "\n\n".join(pages)
    text.setPlainText(body)
    starts = []
    position = 0
    for page in pages:
        starts.append(position)
        position += len(page) + 2
    margin = PageMargin(text)
    margin.set_pages(starts)
    assert text.toPlainText() == body
    if len(pages) == 1:
        assert margin.labels() == [] and margin.sizeHint().width() == 0
    else:
        blocks = [body[:start].count("\n") for start in starts]
        assert margin.labels() == [(block, f"p. {page}") for page, block in enumerate(blocks, start=1)]
        assert margin.sizeHint().width() > 0
