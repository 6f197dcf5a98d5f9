"""Time expressions (spaCy DATE spans) → the period they refer to, as an inclusive date range.

Regular expressions only: an article has a few DATE spans and each is matched against a short
list of patterns, so resolving costs microseconds. Relative expressions ("last year", "on
Tuesday", "in March") need the article's date as an anchor; without one they resolve to None,
as do durations and vague phrases ("two years", "recent years", "the past").

Rules for relative expressions, all counted from the anchor:
- "today", "yesterday", "tomorrow", "the previous day": that day.
- "this/last/next week|month|year": the calendar period containing the anchor, the one before,
  the one after (weeks run Monday to Sunday).
- a weekday ("Tuesday", "on Tuesday", "this Tuesday"): the latest such day on or before the
  anchor; "last Tuesday": the latest strictly before; "next Tuesday": the first strictly after.
- a month without year ("in March"): the latest March, as news mostly looks back, unless that
  lies 8 months or more before the anchor's month: then the coming one ("October" in a June
  article is this October); "last March": the latest March before the anchor's month; "next
  March": the first March after it.
- a day without year ("June 8"): the nearest such date, the earlier on a tie ("December 11" in
  a January article is last December's; in a June article "June 8" is this year's).
- "the first quarter", "the second half": the latest such period that began on or before the
  anchor; "… of this/last/next year" as said.
- "N days/weeks ago": that day; "N months/years ago": that month or year.
- "earlier this year|month|week": from the start of the period to the anchor; "later this …":
  from the anchor to the end of the period.
- "early/mid/late" (also "the beginning/middle/end of") narrow a year to a third (Jan–Apr,
  May–Aug, Sep–Dec), a month to days 1–10, 11–20, 21–end, a decade to years 0–3, 4–6, 7–9.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

Period = tuple[date, date]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_RE = "(" + "|".join(_WEEKDAYS) + ")"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ORDINAL_RE = "(first|second|third|fourth|final|1|2|3|4)"
_OF_YEAR = r"(?:,? (?:of )?(\d{4}|this year|last year|next year))?"

_LEADING = re.compile(
    r"^(?:(?:the|in|on|of|during|since|by|until|till|from|at|for|around|about|circa|as of)\s+)+"
)
_MODIFIER = re.compile(
    r"^(?:(early|mid|late)(?:\s*-\s*|\s+)|(?:the\s+)?(beginning|start|middle|end)\s+of\s+(?:the\s+)?|(end)\s*-\s*)"
)
_MODIFIER_PART = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("MONTH", _MONTH_RE).replace("WEEKDAY", _WEEKDAY_RE))


_ISO = _compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = _compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DAY_MONTH_YEAR = _compile(r"(\d{1,2}) (?:of )?MONTH,? (\d{4})")
_MONTH_DAY_YEAR = _compile(r"MONTH (\d{1,2}),? (\d{4})")
_MONTH_YEAR = _compile(r"MONTH,? (?:of )?(\d{4})")
_DAY_MONTH = _compile(r"(\d{1,2}) (?:of )?MONTH")
_MONTH_DAY = _compile(r"MONTH (\d{1,2})")
_YEAR = _compile(r"(?:the )?(?:year )?(\d{4})")
_YEAR_RANGE = _compile(r"(?:between |from )?(\d{4})\s*(?:-|to|and|through|/)\s*(\d{4}|\d{2})")
_DECADE = _compile(r"(\d{3})0s|'?([3-9])0s")  # "the 1990s", "the '80s" (two digits: the 1900s)
_QUARTER = _compile(rf"(?:(\d{{4}}) )?(?:{_ORDINAL_RE}[ -]quarter|q([1-4])){_OF_YEAR}")
_HALF = _compile(rf"(?:(\d{{4}}) )?(first|second|1|2)[ -]half{_OF_YEAR}")
_MONTH_ONLY = _compile(r"(?:(last|this|next) )?MONTH")
_WEEKDAY_ONLY = _compile(r"(?:(last|this|next|past) )?WEEKDAY")
_UNIT = _compile(r"(this|current|last|previous|next|coming) (week|month|year)")
_AGO = _compile(r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (day|week|month|year)s? ago")
_PART_OF_UNIT = _compile(r"(earlier|later) this (week|month|year)")
_DAY_WORD = _compile(
    r"(?:earlier |later )?(today|tonight|this morning|this afternoon|this evening|yesterday|tomorrow"
    r"|previous day|day before|next day|following day)"
)
_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "tomorrow": 1, "previous day": -1, "day before": -1, "next day": 1, "following day": 1,
}
_TIME_OF_DAY = re.compile(r"(?<!^this)\s+(?:morning|afternoon|evening|night)$")  # "Tuesday morning"


def resolve(expression: str, anchor: date | None = None) -> Period | None:
    """The inclusive (start, end) dates ``expression`` refers to, or None if it names no period.

    A period beyond the calendar's years 1 to 9999 ("tomorrow" on 31 December 9999) is dropped.
    """
    try:
        return _resolve(expression, anchor)
    except (OverflowError, ValueError):
        return None


def _resolve(expression: str, anchor: date | None) -> Period | None:
    text = _normalise(expression)
    if not text:
        return None
    modifier = _MODIFIER.match(text)
    if modifier:
        part = _MODIFIER_PART[modifier.group(1) or modifier.group(2) or modifier.group(3)]
        period = _resolve_plain(_LEADING.sub("", text[modifier.end():]), anchor)
        return _narrow(period, part) if period else None
    return _resolve_plain(text, anchor)


def _normalise(expression: str) -> str:
    text = expression.strip().lower()
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"(?<=[a-z])\.", "", text)            # "Jan." → "jan"
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)  # "8th" → "8"
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"[\s,;:!?\"()]+$", "", text)
    text = " ".join(text.split()).replace(" ,", ",")
    text = re.sub(r"^(?:fiscal|financial|tax)\b.*", "", text)  # fiscal years differ per company
    text = _LEADING.sub("", text)
    return re.sub(r"^" + _WEEKDAY_RE + r",? (?=.*\d)", "", text)  # "Tuesday, June 8, 2024"


def _resolve_plain(text: str, anchor: date | None) -> Period | None:
    text = _TIME_OF_DAY.sub("", text)
    for pattern, resolve_absolute in _ABSOLUTE:
        match = pattern.fullmatch(text)
        if match:
            return resolve_absolute(match, anchor)
    if anchor is None:
        return None
    for pattern, resolve_relative in _RELATIVE:
        match = pattern.fullmatch(text)
        if match:
            return resolve_relative(match, anchor)
    return None


def _day(year: int, month: int, day: int) -> Period | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d


def _month(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _year(year: int) -> Period:
    return date(year, 1, 1), date(year, 12, 31)


def _week(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _plausible_year(year: int) -> bool:
    return 1000 <= year <= 2999


def _iso(m: re.Match[str], anchor: date | None) -> Period | None:
    return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _slashed(m: re.Match[str], anchor: date | None) -> Period | None:
    """Only when day and month cannot be confused (one part above 12, or both equal)."""
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if first > 12 >= second:
        return _day(year, second, first)
    if second > 12 >= first or first == second:
        return _day(year, first, second)
    return None


def _day_month_year(m: re.Match[str], anchor: date | None) -> Period | None:
    return _day(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))


def _month_day_year(m: re.Match[str], anchor: date | None) -> Period | None:
    return _day(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))


def _month_year(m: re.Match[str], anchor: date | None) -> Period | None:
    year = int(m.group(2))
    return _month(year, _MONTHS[m.group(1)]) if _plausible_year(year) else None


def _year_only(m: re.Match[str], anchor: date | None) -> Period | None:
    year = int(m.group(1))
    return _year(year) if _plausible_year(year) else None


def _year_range(m: re.Match[str], anchor: date | None) -> Period | None:
    first, last = m.group(1), m.group(2)
    start = int(first)
    end = int(first[:2] + last) if len(last) == 2 else int(last)
    if not (_plausible_year(start) and start < end <= start + 100):
        return None
    return date(start, 1, 1), date(end, 12, 31)


def _decade(m: re.Match[str], anchor: date | None) -> Period | None:
    start = int(m.group(1)) * 10 if m.group(1) else 1900 + int(m.group(2)) * 10
    if start % 100 == 0 or not _plausible_year(start):  # "the 1900s": a decade or a century
        return None
    return date(start, 1, 1), date(start + 9, 12, 31)


def _part_of_year(months: int, number: int, year: str | None, anchor: date | None) -> Period | None:
    """The ``number``-th run of ``months`` months (a quarter: 3, a half: 6) of ``year`` ("2009",
    "last year"), or without one the latest such period that began on or before the anchor."""

    def part(y: int) -> Period:
        first = months * (number - 1) + 1
        return date(y, first, 1), _month(y, first + months - 1)[1]

    if year and year.isdigit():
        return part(int(year))
    if anchor is None:
        return None
    if year:
        return part(anchor.year + {"this year": 0, "last year": -1, "next year": 1}[year])
    return max(p for p in (part(anchor.year - 1), part(anchor.year)) if p[0] <= anchor)


def _quarter(m: re.Match[str], anchor: date | None) -> Period | None:
    number = _ORDINALS[m.group(2)] if m.group(2) else int(m.group(3))
    return _part_of_year(3, number, m.group(1) or m.group(4), anchor)


def _half(m: re.Match[str], anchor: date | None) -> Period | None:
    number = 1 if m.group(2) in ("first", "1") else 2
    return _part_of_year(6, number, m.group(1) or m.group(3), anchor)


def _nearest_day(month: int, day: int, anchor: date | None) -> Period | None:
    """The date with this month and day nearest the anchor (the earlier one on a tie)."""
    if anchor is None:
        return None
    candidates = [p[0] for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (p := _day(y, month, day))]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))
    return nearest, nearest


def _day_month(m: re.Match[str], anchor: date | None) -> Period | None:
    return _nearest_day(_MONTHS[m.group(2)], int(m.group(1)), anchor)


def _month_day(m: re.Match[str], anchor: date | None) -> Period | None:
    return _nearest_day(_MONTHS[m.group(1)], int(m.group(2)), anchor)


_ABSOLUTE = (
    (_ISO, _iso),
    (_SLASHED, _slashed),
    (_DAY_MONTH_YEAR, _day_month_year),
    (_MONTH_DAY_YEAR, _month_day_year),
    (_MONTH_YEAR, _month_year),
    (_YEAR_RANGE, _year_range),
    (_YEAR, _year_only),
    (_DECADE, _decade),
    (_QUARTER, _quarter),
    (_HALF, _half),
    (_DAY_MONTH, _day_month),
    (_MONTH_DAY, _month_day),
)


def _day_word(m: re.Match[str], anchor: date) -> Period:
    d = anchor + timedelta(days=_DAY_OFFSETS[m.group(1)])
    return d, d


def _month_only(m: re.Match[str], anchor: date) -> Period:
    which, month = m.group(1), _MONTHS[m.group(2)]
    if which == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif which == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:  # the latest such month, unless it lies 8 months or more back: then the coming one
        year = anchor.year if month <= anchor.month else anchor.year - 1
        if (anchor.year - year) * 12 + anchor.month - month >= 8:
            year += 1
    return _month(year, month)


def _weekday_only(m: re.Match[str], anchor: date) -> Period:
    which, weekday = m.group(1), _WEEKDAYS[m.group(2)]
    back = (anchor.weekday() - weekday) % 7
    if which in ("last", "past") and back == 0:
        back = 7
    if which == "next":
        back = -((weekday - anchor.weekday()) % 7 or 7)
    d = anchor - timedelta(days=back)
    return d, d


def _shift(anchor: date, unit: str, steps: int) -> Period:
    if unit == "day":
        d = anchor + timedelta(days=steps)
        return d, d
    if unit == "week":
        return _week(anchor + timedelta(weeks=steps))
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + steps
        return _month(index // 12, index % 12 + 1)
    return _year(anchor.year + steps)


def _unit(m: re.Match[str], anchor: date) -> Period:
    steps = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}[m.group(1)]
    return _shift(anchor, m.group(2), steps)


def _ago(m: re.Match[str], anchor: date) -> Period | None:
    count = m.group(1)
    steps = int(count) if count.isdigit() else _NUMBERS[count]
    if steps > 1000:
        return None
    if m.group(2) == "week":  # "a week ago": that day
        return _shift(anchor, "day", -7 * steps)
    return _shift(anchor, m.group(2), -steps)


def _part_of_unit(m: re.Match[str], anchor: date) -> Period:
    start, end = _shift(anchor, m.group(2), 0)
    return (start, anchor) if m.group(1) == "earlier" else (anchor, end)


_RELATIVE = (
    (_DAY_WORD, _day_word),
    (_MONTH_ONLY, _month_only),
    (_WEEKDAY_ONLY, _weekday_only),
    (_UNIT, _unit),
    (_AGO, _ago),
    (_PART_OF_UNIT, _part_of_unit),
)


def _narrow(period: Period, part: int) -> Period:
    """The early (0), mid (1) or late (2) part of a year, a month or a decade."""
    start, end = period
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        years = end.year - start.year + 1
        if years == 1:
            first_month = 1 + 4 * part
            return date(start.year, first_month, 1), _month(start.year, first_month + 3)[1]
        if years == 10:
            first, last = ((0, 3), (4, 6), (7, 9))[part]
            return date(start.year + first, 1, 1), date(start.year + last, 12, 31)
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and end == _month(end.year, end.month)[1]:
        first, last = ((1, 10), (11, 20), (21, end.day))[part]
        return start.replace(day=first), start.replace(day=last)
    return period


def period_name(start: date, end: date) -> str:
    """A short readable name for a period: "2009", "March 2009", "8 June 2024", "1990s", "Q1 2009"."""
    month_end = _month(end.year, end.month)[1]
    whole_months = start.day == 1 and end == month_end
    if start == end:
        return _day_name(start)
    if whole_months and start.month == 1 and end.month == 12:
        if start.year == end.year:
            return str(start.year)
        if start.year % 10 == 0 and end.year == start.year + 9:
            return f"{start.year}s"
        return f"{start.year}\u2013{end.year}"
    if whole_months and start.year == end.year:
        if start.month == end.month:
            return f"{calendar.month_name[start.month]} {start.year}"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"Q{end.month // 3} {start.year}"
        return f"{calendar.month_name[start.month]}\u2013{calendar.month_name[end.month]} {start.year}"
    if whole_months:
        return f"{calendar.month_name[start.month]} {start.year} \u2013 {calendar.month_name[end.month]} {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{_day_name(end)}"
    if start.year == end.year:
        return f"{start.day} {calendar.month_name[start.month]} \u2013 {_day_name(end)}"
    return f"{_day_name(start)} \u2013 {_day_name(end)}"


def _day_name(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"
