"""Calendar periods as inclusive (start, end) date pairs: built, shifted, narrowed and named.

Kept apart from ``timex`` so that its rules read as rules.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Period = tuple[date, date]


def day_period(year: int, month: int, day: int) -> Period | None:
    """The day, or None if the calendar has no such day (31 February, year 10000)."""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d


def month_period(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_period(year: int) -> Period:
    return date(year, 1, 1), date(year, 12, 31)


def week_period(day: date) -> Period:
    """The Monday-to-Sunday week containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def days_from(day: date, days: int) -> Period:
    d = day + timedelta(days=days)
    return d, d


def shifted(anchor: date, unit: str, steps: int) -> Period:
    """The day, week, month, quarter or year ``steps`` units from the one containing ``anchor``
    (OverflowError or ValueError past year 1 or 9999)."""
    if unit == "day":
        return days_from(anchor, steps)
    if unit == "week":
        return week_period(anchor + timedelta(weeks=steps))
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + steps
        return month_period(index // 12, index % 12 + 1)
    if unit == "quarter":
        index = anchor.year * 12 + (anchor.month - 1) // 3 * 3 + 3 * steps
        year, first_month = index // 12, index % 12 + 1
        return date(year, first_month, 1), month_period(year, first_month + 2)[1]
    return year_period(anchor.year + steps)


def narrowed(period: Period, part: int) -> Period:
    """The early (0), mid (1) or late (2) part of a year, a month or a decade."""
    start, end = period
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        years = end.year - start.year + 1
        if years == 1:
            first_month = 1 + 4 * part
            return date(start.year, first_month, 1), month_period(start.year, first_month + 3)[1]
        if years == 10:
            first, last = ((0, 3), (4, 6), (7, 9))[part]
            return date(start.year + first, 1, 1), date(start.year + last, 12, 31)
    whole_month = start.day == 1 and end == month_period(end.year, end.month)[1]
    if whole_month and (start.year, start.month) == (end.year, end.month):
        first, last = ((1, 10), (11, 20), (21, end.day))[part]
        return start.replace(day=first), start.replace(day=last)
    return period


def period_name(start: date, end: date) -> str:
    """A short readable name for a period: "2009", "March 2009", "8 June 2024", "1990s", "Q1 2009"."""
    month_end = month_period(end.year, end.month)[1]
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
