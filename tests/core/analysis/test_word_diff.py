"""A word-by-word comparison loses nothing: each side is spelled back exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.analysis.word_diff import Segment, word_diff

texts = st.lists(
    st.sampled_from(["net", "profit", "rose", "25", "pct", "\n", "  ", "Benetton", "said."]), max_size=40
).map(lambda parts: " ".join(parts))


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_each_side_is_spelled_back_exactly(first, second):
    segments = word_diff(first, second)
    assert "".join(s.text for s in segments if s.kind != "added") == first
    assert "".join(s.text for s in segments if s.kind != "removed") == second
    assert all(s.text for s in segments)
    assert all(a.kind != b.kind for a, b in zip(segments, segments[1:], strict=False))


@settings(max_examples=100, deadline=None)
@given(texts)
def test_a_text_compared_with_itself_is_all_the_same(text):
    assert all(s.kind == "same" for s in word_diff(text, text))


def test_a_changed_figure_is_one_word_out_one_word_in():
    assert word_diff("profit rose 25 pct", "profit rose 31 pct") == [
        Segment("same", "profit rose "),
        Segment("removed", "25 "),
        Segment("added", "31 "),
        Segment("same", "pct"),
    ]


def test_a_reflowed_line_keeps_its_words_the_same():
    assert word_diff("profit rose\n25 pct", "profit rose 25 pct") == [
        Segment("same", "profit rose"),
        Segment("removed", "\n"),
        Segment("added", " "),
        Segment("same", "25 pct"),
    ]
