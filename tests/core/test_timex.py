"""Time expressions → inclusive periods, with and without the article's date as anchor."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.core.timex import period_name, resolve

WEDNESDAY = date(2024, 6, 12)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("2009", "2009-01-01", "2009-12-31"),
        ("in 1987", "1987-01-01", "1987-12-31"),
        ("the year 2001", "2001-01-01", "2001-12-31"),
        ("March 2009", "2009-03-01", "2009-03-31"),
        ("Sept. 2015", "2015-09-01", "2015-09-30"),
        ("February of 2020", "2020-02-01", "2020-02-29"),
        ("8 June 2024", "2024-06-08", "2024-06-08"),
        ("June 8, 2024", "2024-06-08", "2024-06-08"),
        ("the 8th of June 2024", "2024-06-08", "2024-06-08"),
        ("Tuesday, June 4, 2024", "2024-06-04", "2024-06-04"),
        ("2024-06-08", "2024-06-08", "2024-06-08"),
        ("25/12/2023", "2023-12-25", "2023-12-25"),
        ("the 1990s", "1990-01-01", "1999-12-31"),
        ("2005-2009", "2005-01-01", "2009-12-31"),
        ("between 1998 and 2001", "1998-01-01", "2001-12-31"),
        ("1986/87", "1986-01-01", "1987-12-31"),
        ("the first quarter of 2009", "2009-01-01", "2009-03-31"),
        ("1986 fourth quarter", "1986-10-01", "1986-12-31"),
        ("Q3 2001", "2001-07-01", "2001-09-30"),
        ("the second half of 2010", "2010-07-01", "2010-12-31"),
        ("early 2009", "2009-01-01", "2009-04-30"),
        ("mid-2009", "2009-05-01", "2009-08-31"),
        ("the end of March 2009", "2009-03-21", "2009-03-31"),
        ("the late 1980s", "1987-01-01", "1989-12-31"),
        ("the '80s", "1980-01-01", "1989-12-31"),
        ("April 28 , 2003", "2003-04-28", "2003-04-28"),
    ],
)
def test_absolute_expressions_need_no_anchor(expression, start, end):
    assert resolve(expression) == (d(start), d(end))
    assert resolve(expression, WEDNESDAY) == (d(start), d(end))


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("June 8", "2024-06-08", "2024-06-08"),
        ("3 January", "2024-01-03", "2024-01-03"),
        ("today", "2024-06-12", "2024-06-12"),
        ("yesterday", "2024-06-11", "2024-06-11"),
        ("yesterday morning", "2024-06-11", "2024-06-11"),
        ("tomorrow", "2024-06-13", "2024-06-13"),
        ("the previous day", "2024-06-11", "2024-06-11"),
        ("this year", "2024-01-01", "2024-12-31"),
        ("last year", "2023-01-01", "2023-12-31"),
        ("next year", "2025-01-01", "2025-12-31"),
        ("next month", "2024-07-01", "2024-07-31"),
        ("last month", "2024-05-01", "2024-05-31"),
        ("this week", "2024-06-10", "2024-06-16"),
        ("last week", "2024-06-03", "2024-06-09"),
        ("on Tuesday", "2024-06-11", "2024-06-11"),        # latest Tuesday on or before
        ("Wednesday", "2024-06-12", "2024-06-12"),         # the anchor's own weekday
        ("last Wednesday", "2024-06-05", "2024-06-05"),    # strictly before
        ("next Monday", "2024-06-17", "2024-06-17"),
        ("in March", "2024-03-01", "2024-03-31"),          # the latest March
        ("in November", "2023-11-01", "2023-11-30"),       # the latest, 7 months back
        ("in August", "2024-08-01", "2024-08-31"),         # the latest is 10 months back: the coming one
        ("last June", "2023-06-01", "2023-06-30"),
        ("next June", "2025-06-01", "2025-06-30"),
        ("the fourth quarter", "2023-10-01", "2023-12-31"),
        ("the second quarter", "2024-04-01", "2024-06-30"),
        ("two years ago", "2022-01-01", "2022-12-31"),
        ("a week ago", "2024-06-05", "2024-06-05"),
        ("two months ago", "2024-04-01", "2024-04-30"),
        ("earlier today", "2024-06-12", "2024-06-12"),
        ("this morning", "2024-06-12", "2024-06-12"),
        ("the third quarter of this year", "2024-07-01", "2024-09-30"),
        ("the first quarter of last year", "2023-01-01", "2023-03-31"),
        ("the final quarter", "2023-10-01", "2023-12-31"),
        ("three days ago", "2024-06-09", "2024-06-09"),
        ("earlier this year", "2024-01-01", "2024-06-12"),
        ("later this month", "2024-06-12", "2024-06-30"),
        ("late last year", "2023-09-01", "2023-12-31"),
    ],
)
def test_relative_expressions_count_from_the_anchor(expression, start, end):
    assert resolve(expression, WEDNESDAY) == (d(start), d(end))
    assert resolve(expression) is None


@pytest.mark.parametrize(
    "expression",
    ["recent years", "two", "the past", "two years", "annual", "the past two years", "fiscal 1987",
     "the 1900s", "06/07/2024", "31 February 2024", "a few years ago", "", "the coming months"],
)
def test_vague_durations_and_impossible_dates_resolve_to_nothing(expression):
    assert resolve(expression, WEDNESDAY) is None


def test_a_day_without_year_is_the_nearest_such_date():
    assert resolve("December 31", date(2024, 1, 2)) == (date(2023, 12, 31), date(2023, 12, 31))
    assert resolve("January 3", date(2023, 12, 30)) == (date(2024, 1, 3), date(2024, 1, 3))
    assert resolve("June 8", date(2024, 11, 20)) == (date(2024, 6, 8), date(2024, 6, 8))


@pytest.mark.parametrize(
    ("start", "end", "name"),
    [
        ("2009-01-01", "2009-12-31", "2009"),
        ("2009-03-01", "2009-03-31", "March 2009"),
        ("2024-06-08", "2024-06-08", "8 June 2024"),
        ("1990-01-01", "1999-12-31", "1990s"),
        ("2005-01-01", "2009-12-31", "2005\u20132009"),
        ("2009-01-01", "2009-03-31", "Q1 2009"),
        ("2009-05-01", "2009-08-31", "May\u2013August 2009"),
        ("2024-06-03", "2024-06-09", "3\u20139 June 2024"),
        ("2024-05-27", "2024-06-02", "27 May \u2013 2 June 2024"),
        ("2023-12-25", "2024-01-07", "25 December 2023 \u2013 7 January 2024"),
        ("2008-11-01", "2009-01-31", "November 2008 \u2013 January 2009"),
    ],
)
def test_period_names_are_short_and_readable(start, end, name):
    assert period_name(d(start), d(end)) == name
