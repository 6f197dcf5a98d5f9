"""Time expressions → inclusive periods, with and without the article's date as anchor."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.periods import period_name
from explorer.core.extraction.timex import FAR_DAYS, GRACE_DAYS, NEAR_DAYS, resolve

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
        ("on Tuesday", "2024-06-11", "2024-06-11"),  # latest Tuesday on or before
        ("Wednesday", "2024-06-12", "2024-06-12"),  # the anchor's own weekday
        ("last Wednesday", "2024-06-05", "2024-06-05"),  # strictly before
        ("next Monday", "2024-06-17", "2024-06-17"),
        ("in March", "2024-03-01", "2024-03-31"),  # the latest March
        ("in November", "2023-11-01", "2023-11-30"),  # the latest, 7 months back
        ("in August", "2024-08-01", "2024-08-31"),  # the latest is 10 months back: the coming one
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
    [
        "recent years",
        "two",
        "the past",
        "two years",
        "annual",
        "the past two years",
        "fiscal 1987",
        "the 1900s",
        "06/07/2024",
        "31 February 2024",
        "a few years ago",
        "",
        "the coming months",
    ],
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


# ---- the sentence's tense, the reference, and the limits of the calendar ----------------

REFERENCE_DAY = date(2024, 3, 5)


@pytest.mark.parametrize(
    ("expression", "tense", "start", "end"),
    [
        ("Thursday", "future", "2024-06-13", "2024-06-13"),  # "will meet Thursday": the next day
        ("Thursday", "past", "2024-06-06", "2024-06-06"),  # "met Thursday": last week's
        ("Thursday", None, "2024-06-06", "2024-06-06"),  # no tense: news looks back
        ("Wednesday", "future", "2024-06-12", "2024-06-12"),  # the article's own weekday
        ("Wednesday", "past", "2024-06-12", "2024-06-12"),
        ("Friday night", "future", "2024-06-14", "2024-06-14"),
        ("Sunday morning", "past", "2024-06-09", "2024-06-09"),
        ("this Friday", None, "2024-06-14", "2024-06-14"),  # that day of the anchor's week
        ("Oct. 23", "past", "2023-10-23", "2023-10-23"),  # "since the Oct. 23 slaying"
        ("Oct. 23", "future", "2024-10-23", "2024-10-23"),
        ("June 13", "past", "2024-06-13", "2024-06-13"),  # within two days' grace
        ("June 20", "past", "2024-06-20", "2024-06-20"),  # the tense gives way to a date this close
        ("Oct. 23", "past", "2023-10-23", "2023-10-23"),
        ("April 20", "future", "2024-04-20", "2024-04-20"),  # 53 days behind: firmer than the tense
        ("March 1", "future", "2025-03-01", "2025-03-01"),
        ("May 20", "future", "2024-05-20", "2024-05-20"),
        ("June 1", "future", "2024-06-01", "2024-06-01"),  # 11 days behind: firmer than the tense
        ("January", "past", "2024-01-01", "2024-01-31"),
        ("January", "future", "2025-01-01", "2025-01-31"),
        ("June", "future", "2024-06-01", "2024-06-30"),  # the anchor's month is not past
        ("October", "past", "2023-10-01", "2023-10-31"),
        ("August", "past", "2024-08-01", "2024-08-31"),  # close ahead: the tense gives way
        ("April", "future", "2024-04-01", "2024-04-30"),
        ("early December", "past", "2023-12-01", "2023-12-10"),
        ("mid-December", "future", "2024-12-11", "2024-12-20"),
        ("the summer", "future", "2024-06-01", "2024-08-31"),
        ("the weekend", "future", "2024-06-15", "2024-06-16"),
        ("the weekend", None, "2024-06-08", "2024-06-09"),
        ("the first quarter", "future", "2025-01-01", "2025-03-31"),
    ],
)
def test_the_tense_decides_the_direction_of_weekdays_months_and_days(expression, tense, start, end):
    assert resolve(expression, WEDNESDAY, tense=tense) == (d(start), d(end))


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("tonight", "2024-06-12", "2024-06-12"),
        ("this evening", "2024-06-12", "2024-06-12"),
        ("later today", "2024-06-12", "2024-06-12"),
        ("that day", "2024-03-05", "2024-03-05"),
        ("the same day", "2024-03-05", "2024-03-05"),
        ("earlier that day", "2024-03-05", "2024-03-05"),
        ("late in the day", "2024-03-05", "2024-03-05"),
        ("the next day", "2024-03-06", "2024-03-06"),
        ("the following day", "2024-03-06", "2024-03-06"),
        ("the day before", "2024-03-04", "2024-03-04"),
        ("two days later", "2024-03-07", "2024-03-07"),
        ("a week earlier", "2024-02-27", "2024-02-27"),
        ("that year", "2024-01-01", "2024-12-31"),
        ("the entire year", "2024-01-01", "2024-12-31"),
        ("later that year", "2024-03-05", "2024-12-31"),
        ("earlier that month", "2024-03-01", "2024-03-05"),
        ("later in the week", "2024-03-05", "2024-03-10"),
        ("the following Monday", "2024-03-11", "2024-03-11"),
        ("the previous Tuesday", "2024-02-27", "2024-02-27"),
        ("the following year", "2025-01-01", "2025-12-31"),
        ("the year before", "2023-01-01", "2023-12-31"),
        ("a year earlier", "2023-01-01", "2023-12-31"),
        ("three months later", "2024-06-01", "2024-06-30"),
        ("the same month", "2024-03-01", "2024-03-31"),
        ("the same day a year ago", "2023-03-05", "2023-03-05"),
        ("next year", "2025-01-01", "2025-12-31"),  # deictic: from the anchor
        ("this week", "2024-06-10", "2024-06-16"),
        ("yesterday", "2024-06-11", "2024-06-11"),
    ],
)
def test_anaphoric_phrases_count_from_the_last_mentioned_date(expression, start, end):
    assert resolve(expression, WEDNESDAY, mentioned=[(REFERENCE_DAY, REFERENCE_DAY)]) == (d(start), d(end))


def test_without_a_reference_anaphoric_phrases_count_from_the_anchor():
    assert resolve("the next day", WEDNESDAY) == (d("2024-06-13"), d("2024-06-13"))
    assert resolve("that year", WEDNESDAY) == (d("2024-01-01"), d("2024-12-31"))
    assert resolve("the same period last year", WEDNESDAY) is None


def test_the_day_or_the_month_is_the_last_mentioned_no_longer_than_it():
    """ "Ford said on Tuesday ... the same period last year ... later in the day": Tuesday;
    "February volume ... from a year ago ... during the month": February."""
    tuesday, month = (d("2024-06-11"), d("2024-06-11")), (d("2023-02-01"), d("2023-02-28"))
    assert resolve("the day", WEDNESDAY, mentioned=[tuesday, month]) == tuesday
    assert resolve("the month", WEDNESDAY, mentioned=[month, (d("2022-01-01"), d("2022-12-31"))]) == month
    assert resolve("the same period last year", WEDNESDAY, mentioned=[(d("2024-02-01"), d("2024-02-29"))]) == (
        d("2023-02-01"),
        d("2023-02-28"),
    )
    q3 = (d("2024-07-01"), d("2024-09-30"))
    assert resolve("the previous quarter", WEDNESDAY, mentioned=[q3]) == (d("2024-04-01"), d("2024-06-30"))
    assert resolve("the year-ago quarter", WEDNESDAY, mentioned=[q3]) == (d("2023-07-01"), d("2023-09-30"))
    assert resolve("last quarter", WEDNESDAY) == (d("2024-01-01"), d("2024-03-31"))


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("spring 2009", "2009-03-01", "2009-05-31"),
        ("the summer of 2010", "2010-06-01", "2010-08-31"),
        ("winter 2009", "2009-12-01", "2010-02-28"),
        ("between April and June 2008", "2008-04-01", "2008-06-30"),
        ("from March 2008 to June", "2008-03-01", "2008-06-30"),
        ("January through March 2011", "2011-01-01", "2011-03-31"),
        ("between 1994 and 1997", "1994-01-01", "1997-12-31"),
        ("1994-97", "1994-01-01", "1997-12-31"),
        ("from 2009 to 2011", "2009-01-01", "2011-12-31"),
        ("the early 1990s", "1990-01-01", "1993-12-31"),
    ],
)
def test_seasons_and_ranges_need_no_anchor_when_they_name_their_year(expression, start, end):
    assert resolve(expression) == (d(start), d(end))


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("last summer", "2023-06-01", "2023-08-31"),
        ("next winter", "2024-12-01", "2025-02-28"),
        ("this spring", "2024-03-01", "2024-05-31"),
        ("the end of the year", "2024-09-01", "2024-12-31"),
        ("October of next year", "2025-10-01", "2025-10-31"),
        ("June 8 last year", "2023-06-08", "2023-06-08"),
        ("the end of last year", "2023-09-01", "2023-12-31"),
        ("this weekend", "2024-06-15", "2024-06-16"),
        ("last weekend", "2024-06-08", "2024-06-09"),
        ("the first half of the year", "2024-01-01", "2024-06-30"),
        ("the third quarter of the year", "2024-07-01", "2024-09-30"),
    ],
)
def test_seasons_parts_of_years_and_years_said_in_words(expression, start, end):
    assert resolve(expression, WEDNESDAY) == (d(start), d(end))


def test_two_dates_joined_by_and_are_no_one_period():
    assert resolve("1994 and 1997", WEDNESDAY) is None
    assert resolve("in 1994 and 1997", WEDNESDAY) is None


@pytest.mark.parametrize(
    ("expression", "anchor"),
    [
        ("tomorrow", "9999-12-31"),
        ("yesterday", "0001-01-01"),
        ("next year", "9999-06-01"),
        ("last week", "0001-01-03"),
        ("the next day", "9999-12-31"),
        ("next month", "9999-12-31"),
        ("two years ago", "0002-06-01"),
        ("next winter", "9999-06-01"),
        ("the fourth quarter", "0001-02-01"),
    ],
)
def test_steps_past_the_calendar_resolve_to_nothing(expression, anchor):
    assert resolve(expression, d(anchor)) is None


# ---- properties ------------------------------------------------------------------------

HEADS = [
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "this morning",
    "the day",
    "the next day",
    "the day before",
    "that day",
    "week",
    "month",
    "year",
    "weekend",
    "summer",
    "winter",
    "the first quarter",
    "the second half",
    "March",
    "December",
    "June 8",
    "29 February",
    "Feb. 29",
    "31 December",
    "1 January",
    "2009",
    "9999",
    "0001",
    "the 1990s",
    "Q4",
    "Thursday",
    "Sunday night",
    "3 days ago",
    "1000 years ago",
    "a year earlier",
    "three months later",
    "the same period last year",
    "October of next year",
    "June 8 last year",
    "quarter",
    "the previous quarter",
    "the year-ago quarter",
]
PREFIXES = [
    "",
    "last ",
    "next ",
    "this ",
    "that ",
    "the ",
    "early ",
    "mid-",
    "late ",
    "the end of ",
    "earlier ",
    "later ",
    "the following ",
    "the previous ",
    "on ",
    "between ",
]
SUFFIXES = ["", " 2009", " of 9999", " of this year", " of last year", " and 1997", " to 2011", "-97", " night"]

expressions = st.one_of(
    st.builds(lambda p, h, s: p + h + s, st.sampled_from(PREFIXES), st.sampled_from(HEADS), st.sampled_from(SUFFIXES)),
    st.text(alphabet=st.sampled_from("0123456789 -/,.'aeilnorstyADJMOSW"), max_size=25),
)
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
tenses = st.sampled_from([None, "past", "future"])
periods = st.tuples(days, days).map(sorted).map(tuple)


@settings(max_examples=800)
@given(expressions, days, tenses, st.lists(periods, max_size=3))
def test_resolution_never_raises_and_periods_run_forward(expression, anchor, tense, mentioned):
    period = resolve(expression, anchor, tense=tense, mentioned=mentioned)
    assert period is None or (isinstance(period[0], date) and period[0] <= period[1])


WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
inner_days = st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31))


@given(inner_days, st.integers(0, 6), st.sampled_from(["", "on ", "On "]), st.sampled_from(["", " night", " morning"]))
def test_a_weekday_lies_ahead_in_the_future_tense_and_behind_in_the_past(anchor, weekday, before, after):
    name = before + WEEKDAY_NAMES[weekday] + after
    ahead = resolve(name, anchor, tense="future")[0]
    behind = resolve(name, anchor, tense="past")[0]
    assert ahead.weekday() == behind.weekday() == weekday
    assert 0 <= (ahead - anchor).days <= 6 and 0 <= (anchor - behind).days <= 6
    assert (ahead == anchor) == (behind == anchor) == (anchor.weekday() == weekday)
    following, previous = (resolve(f"{which} {WEEKDAY_NAMES[weekday]}", anchor)[0] for which in ("next", "last"))
    assert following > anchor > previous


@given(inner_days, st.integers(1, 12))
def test_a_month_without_year_follows_the_tense_unless_one_lies_close_the_other_way(anchor, month):
    name = calendar.month_name[month]
    past, future, untensed = (resolve(name, anchor, tense=t) for t in ("past", "future", None))
    assert past[0].month == future[0].month == untensed[0].month == month
    assert past[0] <= anchor or (past[0] - anchor).days <= 62  # ahead only when within two months
    assert future[1] >= anchor or (anchor - future[1]).days <= 62
    assert (anchor - past[0]).days < 366 and (future[1] - anchor).days < 366
    assert untensed in (past, future)


@given(inner_days, st.integers(1, 12), st.integers(1, 28))
def test_a_day_without_year_follows_the_tense_unless_one_lies_close_the_other_way(anchor, month, day):
    name = f"{calendar.month_name[month]} {day}"
    past, future, nearest = (resolve(name, anchor, tense=t)[0] for t in ("past", "future", None))
    grace = timedelta(days=GRACE_DAYS)
    assert past <= anchor + grace or (past - anchor).days <= NEAR_DAYS
    assert future >= anchor - grace or (anchor - future).days <= NEAR_DAYS
    assert abs((past - anchor).days) < FAR_DAYS or abs((nearest - anchor).days) > NEAR_DAYS
    assert (past.month, past.day) == (future.month, future.day) == (nearest.month, nearest.day) == (month, day)
    assert abs((nearest - anchor).days) <= min(abs((past - anchor).days), abs((future - anchor).days))


@given(
    inner_days,
    st.sampled_from(["2009", "March 2009", "8 June 2024", "the 1990s", "Q3 2001", "summer 2009"]),
    tenses,
    st.lists(periods, max_size=2),
)
def test_absolute_dates_ignore_anchor_tense_and_reference(anchor, expression, tense, mentioned):
    assert resolve(expression, anchor, tense=tense, mentioned=mentioned) == resolve(expression)
