"""An article's DATE spans → date mentions: kept, mended, split, dropped and resolved in context."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.extraction.date_mentions import date_mentions
from explorer.core.model import Span
from tests.core.extraction.test_entities import span

WEDNESDAY = date(2024, 6, 12)


def dated(text: str, *phrases: str, published: date | None = WEDNESDAY, label: str = "DATE"):
    """(surface, time_start, time_end) of the mentions of ``phrases`` given as spans."""
    spans = [span(text, p, label) for p in phrases]
    return [(text[m.start : m.end], m.time_start, m.time_end) for m in date_mentions(spans, text, published)]


def test_the_tense_of_the_sentence_points_a_weekday_ahead_or_back():
    text = "The team planned to leave Nairobi on Thursday. Officials met the team on Monday."
    assert dated(text, "Thursday", "Monday") == [
        ("Thursday", "2024-06-13", "2024-06-13"),
        ("Monday", "2024-06-10", "2024-06-10"),
    ]


def test_a_day_without_year_in_the_past_tense_is_the_last_one():
    text = "Police have been searching for him since shortly after the Oct. 23 slaying."
    assert dated(text, "Oct. 23", published=date(2024, 5, 10)) == [("Oct. 23", "2023-10-23", "2023-10-23")]


def test_a_month_in_a_past_sentence_is_this_years():
    text = "The shuffle was introduced in January."
    assert dated(text, "January", published=date(2005, 10, 7)) == [("January", "2005-01-01", "2005-01-31")]


def test_the_next_day_counts_from_the_last_mentioned_day():
    text = "The ship docked on March 3, 2009. The next day it sailed; later that year it sank."
    assert dated(text, "March 3, 2009", "The next day", "later that year") == [
        ("March 3, 2009", "2009-03-03", "2009-03-03"),
        ("The next day", "2009-03-04", "2009-03-04"),
        ("later that year", "2009-03-04", "2009-12-31"),
    ]


def test_a_bare_unit_takes_the_determiner_the_model_left_out():
    text = "Sales fell this year, and the year previous."
    assert dated(text, "year", "the year") == [
        ("this year", "2024-01-01", "2024-12-31"),
        ("the year previous", "2023-01-01", "2023-12-31"),
    ]


def test_a_year_range_the_model_cut_short_is_one_period():
    text = "It will receive aircraft from 2009 to 2011, and more in 2014-16."
    assert dated(text, "2009", "2014-16") == [
        ("2009 to 2011", "2009-01-01", "2011-12-31"),
        ("2014-16", "2014-01-01", "2016-12-31"),
    ]


def test_between_two_dates_is_one_period_and_two_dates_joined_by_and_are_two():
    text = "Prices rose between 1994 and 1997 and fell in 1998 and 2001."
    assert dated(text, "between 1994 and 1997", "1998 and 2001") == [
        ("between 1994 and 1997", "1994-01-01", "1997-12-31"),
        ("1998", "1998-01-01", "1998-12-31"),
        ("2001", "2001-01-01", "2001-12-31"),
    ]


def test_a_dangling_and_is_left_out_and_holidays_and_seasons_of_two_years_resolve():
    text = "Sales rose in the 1980s and 1990s, and after Christmas, in the 2008-09 season."
    assert dated(text, "the 1980s and", "1990s", "Christmas", "2008-09 season") == [
        ("the 1980s", "1980-01-01", "1989-12-31"),
        ("1990s", "1990-01-01", "1999-12-31"),
        ("Christmas", "2023-12-25", "2023-12-25"),
        ("2008-09 season", "2008-01-01", "2009-12-31"),
    ]


def test_a_span_holding_a_date_and_a_duration_keeps_the_date():
    text = "The software will be available on June 17, two days before the launch."
    assert dated(text, "June 17, two days") == [("June 17", "2024-06-17", "2024-06-17")]


def test_a_date_and_a_relative_date_in_one_span_are_two_mentions():
    text = "It arrives on November 11, three days later than planned."
    assert dated(text, "November 11, three days later", published=date(2005, 11, 5)) == [
        ("November 11", "2005-11-11", "2005-11-11"),
        ("three days later", "2005-11-14", "2005-11-14"),
    ]


@pytest.mark.parametrize(
    "phrase",
    [
        "20 years",
        "three days",
        "35 years old",
        "the age of 81",
        "the past two years",
        "several months",
        "annual",
        "each year",
        "recent years",
        "the past",
        "a few weeks",
        "24 hours",
        "the coming months",
        "decades",
    ],
)
def test_durations_ages_frequencies_and_vague_spans_are_no_date(phrase):
    text = f"It happened, {phrase}, here."
    assert dated(text, phrase) == []


def test_unresolved_dates_are_kept_without_a_period():
    text = "The deal closed last Thursday, in the same period a year earlier."
    assert dated(text, "last Thursday", "the same period a year earlier", published=None) == [
        ("last Thursday", None, None),
        ("the same period a year earlier", None, None),
    ]


def test_a_time_span_naming_a_day_is_a_date_and_other_times_are_not():
    text = "Officials spoke tonight; the vote came at 16:15 UTC on Friday night."
    assert dated(text, "tonight", "16:15 UTC", "Friday night", label="TIME") == [
        ("tonight", "2024-06-12", "2024-06-12"),
        ("Friday night", "2024-06-07", "2024-06-07"),
    ]


def test_dates_at_the_limits_of_the_calendar_are_kept_without_a_period():
    text = "They will meet tomorrow, after yesterday."
    assert dated(text, "tomorrow", published=date(9999, 12, 31)) == [("tomorrow", None, None)]
    assert dated(text, "yesterday", published=date(1, 1, 1)) == [("yesterday", None, None)]


WORDS = st.sampled_from(
    [
        "\x85",
        "\u2003",
        "-",
        "in",
        "on",
        "since",
        "will",
        "met",
        "said",
        "Thursday",
        "March",
        "June 8",
        "2009",
        "and",
        "1997",
        "to",
        "2011",
        "year",
        "this",
        "the",
        "next",
        "day",
        ",",
        "between",
        "three",
        "days",
        "later",
        ".",
        "-",
    ]
)


@given(st.lists(WORDS, min_size=1, max_size=14), st.data(), st.none() | st.dates())
def test_mentions_lie_inside_the_text_in_order_and_periods_run_forward(words, data, published):
    text = " ".join(words)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6, unique=True)))
    spans = [Span(a, b, "DATE") for a, b in zip(cuts[::2], cuts[1::2], strict=False) if text[a:b].strip()]
    mentions = date_mentions(spans, text, published)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and m.type == "date"
        surface = text[m.start : m.end]
        assert surface == surface.strip() and any(c.isalnum() for c in surface)
        assert (m.time_start is None) == (m.time_end is None)
        assert m.time_start is None or m.time_start <= m.time_end
