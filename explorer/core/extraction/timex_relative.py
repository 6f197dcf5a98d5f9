"""Relative time expressions ("yesterday", "last March", "two weeks later", "that day"): each
pattern and its resolver, counting from an ``At`` (see ``timex`` for the rules they follow)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from explorer.core.extraction.periods import (
    Period,
    days_from,
    month_period,
    shifted,
    week_period,
)
from explorer.core.extraction.time_anchor import MONTHS, WEEKDAYS, At, compile_pattern

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUMBER_RE = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MONTH_ONLY = compile_pattern(r"(?:(last|this|next|that) )?MONTH")
_WEEKDAY_ONLY = compile_pattern(r"(?:(last|this|next|past|coming|that|following|previous|preceding) )?WEEKDAY")
_WEEKEND = compile_pattern(r"(?:(last|this|next|past|coming) )?weekend")
_UNIT = compile_pattern(r"(this|current|last|next|coming) (week|month|quarter|year)")
_AGO = compile_pattern(_NUMBER_RE + r" (day|week|month|year)s? ago")
_PART_OF_UNIT = compile_pattern(r"(earlier|later) (this|that|in the) (week|month|year)")
_DAY_WORD = compile_pattern(
    r"(?:earlier |later )?(today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow)"
)
_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "tomorrow": 1,
}
_THAT_DAY = compile_pattern(r"(?:(?:earlier|later) )?(?:that |same |very same )?(?:day|morning|afternoon|evening)")
_DAY_SHIFT = compile_pattern(r"(next|following|previous|prior|preceding) day|day (before|after|earlier|later)")
_THAT_UNIT = compile_pattern(r"(?:that |same |entire |whole |full |very same )?(week|month|quarter|year)")
_UNIT_SHIFT = compile_pattern(
    r"(following|previous|prior|preceding) (week|month|quarter|year)"
    r"|(week|month|quarter|year) (before|after|earlier|later|previous)"
)
_LATER = compile_pattern(_NUMBER_RE + r" (day|week|month|year)s? (later|earlier|before|after|previously)")
_SAME_LAST_YEAR = compile_pattern(
    r"(?:same (?:period|month|quarter|week|day|date|time|season)(?: of)? (?:last year|a year (?:ago|earlier|before)"
    r"|(?:the )?(?:previous|prior|preceding) year|the year before)"
    r"|year[- ]ago (?:period|month|quarter|week|day|level|figure))"
)
_SHIFT_WORDS = {
    "following": 1,
    "next": 1,
    "after": 1,
    "later": 1,
    "previous": -1,
    "prior": -1,
    "preceding": -1,
    "before": -1,
    "earlier": -1,
    "previously": -1,
}


def _day_word(m: re.Match[str], at: At) -> Period:
    return days_from(at.anchor, _DAY_OFFSETS[m.group(1)])


def _that_day(m: re.Match[str], at: At) -> Period:
    return at.day, at.day


def _day_shift(m: re.Match[str], at: At) -> Period:
    return days_from(at.day, _SHIFT_WORDS[m.group(1) or m.group(2)])


def _month_only(m: re.Match[str], at: At) -> Period:
    which, month, anchor = m.group(1), MONTHS[m.group(2)], at.anchor
    back = (anchor.month - month) % 12  # months back to the latest such month (0: this one)
    if which == "last":
        back = back or 12
    elif which == "next":
        back = -((month - anchor.month) % 12 or 12)
    elif which == "this":
        back = anchor.month - month
    elif at.tense == "future":
        back = -((month - anchor.month) % 12)
        if back <= -9 and back + 12 <= 2:  # the tense gives way to a month close behind
            back += 12
    elif at.tense == "past" and back >= 9 and 12 - back <= 2 or at.tense is None and back >= 8:  # ... or close ahead
        back -= 12
    return shifted(date(anchor.year, anchor.month, 1), "month", -back)


def _weekday_only(m: re.Match[str], at: At) -> Period:
    which, weekday, anchor = m.group(1), WEEKDAYS[m.group(2)], at.anchor
    if which in ("following", "previous", "preceding"):  # "the following Monday": after the reference day
        anchor, which = at.day, "next" if which == "following" else "last"
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if which in ("last", "past"):
        days = -(back or 7)
    elif which in ("next", "coming"):
        days = ahead or 7
    elif which == "this":
        days = weekday - anchor.weekday()
    else:  # the article's own weekday is its day; else the tense decides, the past by default
        days = ahead if at.tense == "future" else -back
    return days_from(anchor, days)


def _weekend(m: re.Match[str], at: At) -> Period:
    which, anchor = m.group(1), at.anchor
    saturday = week_period(anchor)[0] + timedelta(days=5)  # of the anchor's week
    coming = saturday if anchor < saturday else saturday + timedelta(days=7)
    latest = saturday if anchor >= saturday else saturday - timedelta(days=7)
    if which in ("last", "past"):
        saturday -= timedelta(days=7)
    elif which in ("next", "coming") or (which is None and at.tense == "future"):
        saturday = coming
    elif which is None:
        saturday = latest
    return saturday, saturday + timedelta(days=1)


def _unit(m: re.Match[str], at: At) -> Period:
    steps = {"this": 0, "current": 0, "last": -1, "next": 1, "coming": 1}[m.group(1)]
    return shifted(at.anchor, m.group(2), steps)


def _that_unit(m: re.Match[str], at: At) -> Period:
    return shifted(at.point(m.group(1)), m.group(1), 0)


def _unit_shift(m: re.Match[str], at: At) -> Period:
    unit = m.group(2) or m.group(3)
    return shifted(at.point(unit), unit, _SHIFT_WORDS[m.group(1) or m.group(4)])


def _count(word: str) -> int | None:
    count = int(word) if word.isdigit() else _NUMBERS[word]
    return count if count <= 1000 else None


def _ago(m: re.Match[str], at: At) -> Period | None:
    steps = _count(m.group(1))
    if steps is None:
        return None
    if m.group(2) == "week":  # "a week ago": that day
        return days_from(at.anchor, -7 * steps)
    return shifted(at.anchor, m.group(2), -steps)


def _later(m: re.Match[str], at: At) -> Period | None:
    """ "Three days later", "a year earlier": counted from the reference."""
    steps = _count(m.group(1))
    if steps is None:
        return None
    steps *= _SHIFT_WORDS[m.group(3)]
    if m.group(2) in ("day", "week"):
        return days_from(at.day, steps * (7 if m.group(2) == "week" else 1))
    return shifted(at.point(m.group(2)), m.group(2), steps)


def _a_year_back(day: date) -> date:
    return date(day.year - 1, day.month, min(day.day, calendar.monthrange(day.year - 1, day.month)[1]))


def _same_last_year(m: re.Match[str], at: At) -> Period | None:
    """ "The same period last year": the reference, a year back."""
    if at.reference is None:
        return None
    start, end = at.reference
    month_end = end == month_period(end.year, end.month)[1]
    return _a_year_back(start), month_period(end.year - 1, end.month)[1] if month_end else _a_year_back(end)


def _part_of_unit(m: re.Match[str], at: At) -> Period:
    point = at.anchor if m.group(2) == "this" else at.point(m.group(3))
    start, end = shifted(point, m.group(3), 0)
    if m.group(2) != "this" and at.reference and at.reference != (start, end):
        point = at.reference[0] if m.group(1) == "earlier" else at.reference[1]
    return (start, point) if m.group(1) == "earlier" else (point, end)


RELATIVE = (
    (_DAY_WORD, _day_word),
    (_THAT_DAY, _that_day),
    (_DAY_SHIFT, _day_shift),
    (_MONTH_ONLY, _month_only),
    (_WEEKDAY_ONLY, _weekday_only),
    (_WEEKEND, _weekend),
    (_UNIT, _unit),
    (_THAT_UNIT, _that_unit),
    (_UNIT_SHIFT, _unit_shift),
    (_AGO, _ago),
    (_LATER, _later),
    (_SAME_LAST_YEAR, _same_last_year),
    (_PART_OF_UNIT, _part_of_unit),
)
