"""The tense around a time expression, read from the words of its sentence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.extraction.tense import tense_at


def tense_of(sentence: str, expression: str = "Thursday") -> str | None:
    start = sentence.index(expression)
    return tense_at(sentence, start, start + len(expression))


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("The team planned to leave Nairobi on Thursday.", "future"),
        ("The board will meet Thursday.", "future"),
        ("The board'll meet Thursday.", "future"),
        ("The board is going to meet on Thursday.", "future"),
        ("The trial is set to begin on Thursday in London.", "future"),
        ("The minister said he would resign on Thursday.", "future"),
        ("The hearing is scheduled for Thursday.", "future"),
        ("A Thursday hearing has been scheduled in the court.", "future"),
        ("Markets have stayed closed and remain so until Thursday.", "future"),
        ("The new ships are expected to be delivered on Thursday.", "future"),
        ("The ministers are meeting on Thursday.", "future"),
        ("Analysts expect another rise on Thursday.", "future"),
        ("The board met on Thursday.", "past"),
        ("Smith announced the move on Thursday.", "past"),
        ("On Thursday, the index fell sharply.", "past"),
        ("The plant was closed on Thursday.", "past"),
        ("The company has cut prices since Thursday.", "past"),
        ("Police have been searching for him since the Thursday attack.", "past"),
        ("The board met Mr. Smith. It will vote on Thursday.", "future"),
        ("It will vote later. The board met on Thursday.", "past"),
        ("Shares will rise, analysts say; the index fell on Thursday.", "past"),
        ("The weather on Thursday.", None),
    ],
)
def test_the_nearest_tense_marker_decides(sentence, tense):
    assert tense_of(sentence) == tense


SUBJECTS = st.sampled_from(["The board", "Ana Silva", "Officials in Lima", "It"])
OBJECTS = st.sampled_from(["", " the plan", " in Geneva", " with the union"])
FUTURE = st.sampled_from(
    [
        "will meet",
        "is going to vote",
        "plans to sign",
        "is expected to be signed",
        "would announce",
        "is set to launch",
        "is due to arrive",
        "will be closed",
    ]
)
PAST = st.sampled_from(["met", "announced", "said", "was closed", "had agreed", "signed", "took", "has reported"])


@given(SUBJECTS, FUTURE, OBJECTS, st.sampled_from(["on Thursday", "Thursday", "in March"]))
def test_a_future_verb_group_reads_future_wherever_the_date_stands(subject, verb, obj, when):
    expression = when.split()[-1]
    assert tense_of(f"{subject} {verb}{obj} {when}.", expression) == "future"
    assert tense_of(f"{when[0].upper()}{when[1:]}, {subject} {verb}{obj}.", expression) == "future"


@given(SUBJECTS, PAST, OBJECTS, st.sampled_from(["on Thursday", "Thursday", "in March"]))
def test_a_past_verb_group_reads_past_wherever_the_date_stands(subject, verb, obj, when):
    expression = when.split()[-1]
    assert tense_of(f"{subject} {verb}{obj} {when}.", expression) == "past"


@given(st.text(max_size=80), st.integers(0, 80), st.integers(0, 80))
def test_any_text_and_any_bounds_give_a_tense_or_none(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert tense_at(text, start, end) in (None, "past", "future")
