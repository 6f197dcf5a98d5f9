"""Time expressions (spaCy DATE spans) → the period they refer to, as an inclusive date range.

Regular expressions only: an article has a few DATE spans and each is matched against a short
list of patterns, so resolving costs microseconds. Relative expressions ("last year", "on
Tuesday", "in March") need the article's date as an anchor; without one they resolve to None,
as do durations and vague phrases ("two years", "recent years", "the past"). Dates beyond
year 1 or 9999 resolve to None rather than raise.

What a careful reader uses besides the anchor, both given by the caller (``date_mentions``):
the tense of the sentence ("past" or "future", from ``tense``) and what the text mentioned
before (the reference: the last period, or for "the day", "the month" the last one no longer
than a day or a month), which anaphoric phrases ("the next day", "later that year", "the same
period last year") count from; without a reference they count from the anchor.

Rules for relative expressions:
- "today", "tonight", "this morning", "earlier today", "yesterday", "tomorrow": from the anchor;
  "that day", "the same day", "the day", "earlier that day": the reference day; "the next day",
  "the following day", "the day before", "the previous day": the day after or before it.
- "this/last/next week|month|quarter|year": the calendar period containing the anchor, the one
  before, the one after (weeks run Monday to Sunday); "that/the same/the entire week|month|
  quarter|year" and "the year": the one containing the reference; "the following/previous year", "a year
  earlier", "two months later": counted from the reference; "the same period last year": the
  reference a year back.
- a weekday: the article's own weekday is the anchor; otherwise the tense decides: the next such
  day when the sentence speaks of the future, else the latest before the anchor; "last Tuesday":
  the latest strictly before; "next Tuesday": the first strictly after; "this Tuesday": that
  day of the anchor's week.
- a month without year ("in March"): in the past tense the latest March up to the anchor's
  month, in the future the first from it, unless that lies 9 months or more away and the
  other way one lies within 2 months (a tense read from words is a guess); with no tense, the
  latest March unless that lies 8 months or more back (then the coming one); "last/next/this
  March" as said; "March of next year", "June 8 last year": that year.
- a day without year ("June 8", and the fixed-date holidays "Christmas", "New Year's Eve",
  "Halloween", "Valentine's Day"): in the past tense the latest on or before the anchor, in the
  future the first on or after it (either two days' grace, for articles dated a day early or
  late), unless that lies 270 days or more away and the nearest within 62 days; with no tense
  the nearest, the earlier on a tie.
- "the first quarter", "the second half", "the summer", "the weekend": the latest such period
  that began on or before the anchor (the coming one in the future tense); "… of this/last/next
  year" as said, "… of the year" as "… of this year". Seasons: spring March–May, summer
  June–August, autumn September–November, winter December to February; "this summer": the
  one under way, else the one of the anchor's year; "last/next summer": the one before or
  after the latest begun.
- "N days/weeks ago": that day; "N months/years ago": that month or year.
- "earlier this year|month|week": from the start of the period to the anchor; "later this …":
  from the anchor to the end of the period ("that" or "in the" instead of "this": the
  reference's period, "later in the week").
- "the following Monday", "the previous Monday": the first such day after, or the last before,
  the reference day.
- "early/mid/late" (also "the beginning/middle/end of") narrow a year to a third (Jan–Apr,
  May–Aug, Sep–Dec), a month to days 1–10, 11–20, 21–end, a decade to years 0–3, 4–6, 7–9.
- ranges: "1994-97", "between 1994 and 1997", "from April to June 2008", "January through
  March" are one period from the first's start to the last's end ("1994 and 1997" are two
  mentions: ``date_mentions`` splits them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from explorer.core.extraction.periods import (
    Period,
    day_period,
    month_period,
    narrowed,
    year_period,
)
from explorer.core.extraction.time_anchor import MONTHS, WEEKDAY_RE, At, Tense, compile_pattern
from explorer.core.extraction.timex_relative import RELATIVE

# A day without year may lie this many days on the "wrong" side of the anchor for its tense.
GRACE_DAYS = 2
# The tense gives way when it would put a day or month this far off (about nine months) while
# the other way one lies within NEAR_DAYS (about two months).
FAR_DAYS = 270
NEAR_DAYS = 62
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ORDINAL_RE = "(first|second|third|fourth|final|1|2|3|4)"
_OF_YEAR = r"(?:,? (?:of )?(\d{4}|this year|last year|next year|the year))?"
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month

_LEADING = re.compile(
    r"^(?:(?:the|in|on|of|during|since|by|until|till|from|at|for|around|about|circa|as of|before|after)\s+)+"
)
_MODIFIER = re.compile(
    r"^(?:(early|mid|late)(?:\s*-\s*|\s+)|(?:the\s+)?(beginning|start|middle|end)\s+of\s+(?:the\s+)?|(end)\s*-\s*)"
)
_MODIFIER_PART = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
_RANGE = re.compile(r"between (.+) and (.+)|(.+?) (?:to|through|until|till|-) (.+)")
_YEAR_WORD_SUFFIX = re.compile(r"(.+?),? (?:of )?(this|last|next) year")
_YEAR_STEPS = {"this": 0, "last": -1, "next": 1}


_ISO = compile_pattern(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = compile_pattern(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DAY_MONTH_YEAR = compile_pattern(r"(\d{1,2}) (?:of )?MONTH,? (\d{4})")
_MONTH_DAY_YEAR = compile_pattern(r"MONTH (\d{1,2}),? (\d{4})")
_MONTH_YEAR = compile_pattern(r"MONTH,? (?:of )?(\d{4})")
_DAY_MONTH = compile_pattern(r"(\d{1,2}) (?:of )?MONTH")
_MONTH_DAY = compile_pattern(r"MONTH (\d{1,2})")
_YEAR = compile_pattern(r"(?:the )?(?:year )?(\d{4})")
_YEAR_RANGE = compile_pattern(r"(?:between (\d{4}) and|(\d{4})\s*(?:-|to|through|/))\s*(\d{4}|\d{2})")
_DECADE = compile_pattern(r"(\d{3})0s|'?([3-9])0s")  # "the 1990s", "the '80s" (two digits: the 1900s)
_QUARTER = compile_pattern(rf"(?:(\d{{4}}) )?(?:{_ORDINAL_RE}[ -]quarter|q([1-4])){_OF_YEAR}")
_HALF = compile_pattern(rf"(?:(\d{{4}}) )?(first|second|1|2)[ -]half{_OF_YEAR}")
_SEASON = compile_pattern(
    r"(?:(last|this|next|past|coming) )?(spring|summer|autumn|fall|winter)(?:,? (?:of )?(\d{4}))?"
)
_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "new year": (1, 1),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "st valentine's day": (2, 14),
}
_HOLIDAY = re.compile("(" + "|".join(sorted(_HOLIDAYS, key=len, reverse=True)) + ")")
_TIME_OF_DAY = re.compile(r"(?<!^this)\s+(?:morning|afternoon|evening|night)$")  # "Tuesday morning"


def resolve(
    expression: str,
    anchor: date | None = None,
    *,
    tense: Tense | None = None,
    mentioned: Sequence[Period] = (),
) -> Period | None:
    """The inclusive (start, end) dates ``expression`` refers to, or None if it names no period.

    ``tense`` is the sentence's ("past", "future" or None); ``mentioned`` the periods the text
    named before, in order (anaphoric phrases count from them). Neither is used without an
    anchor.
    """
    at = At(anchor, tense, mentioned) if anchor else None
    try:
        period = _resolve(_normalise(expression), at)
    except (OverflowError, ValueError):  # a step past year 1 or 9999
        return None
    return period if period and period[0] <= period[1] else None


def _normalise(expression: str) -> str:
    text = expression.strip().lower()
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"(?<=[a-z])\.", "", text)  # "Jan." → "jan"
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", text)  # "8th" → "8"
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"[\s,;:!?\"()]+$", "", text)
    text = re.sub(r"(?:\s+(?:and|or|to|season))+$", "", text)  # "the 1980s and", "the 2008-09 season"
    text = " ".join(text.split()).replace(" ,", ",")
    text = re.sub(r"^(?:fiscal|financial|tax)\b.*", "", text)  # fiscal years differ per company
    text = _LEADING.sub("", text)
    return re.sub(r"^" + WEEKDAY_RE + r",? (?=.*\d)", "", text)  # "Tuesday, June 8, 2024"


def _resolve(text: str, at: At | None) -> Period | None:
    if not text:
        return None
    period = _resolve_one(text, at)
    if period is None and (m := _RANGE.fullmatch(text)):
        return _range(m.group(1) or m.group(3), m.group(2) or m.group(4), at)
    return period


def _resolve_one(text: str, at: At | None) -> Period | None:
    modifier = _MODIFIER.match(text)
    if modifier:
        part = _MODIFIER_PART[modifier.group(1) or modifier.group(2) or modifier.group(3)]
        period = _resolve_plain(_LEADING.sub("", text[modifier.end() :]), at)
        return narrowed(period, part) if period else None
    return _resolve_plain(text, at)


def _range(first: str, last: str, at: At | None) -> Period | None:
    """From the start of ``first`` to the end of ``last``; a part without its year takes the other's."""
    first, last = _LEADING.sub("", first), _LEADING.sub("", last)
    start, end = _resolve_one(first, at), _resolve_one(last, at)
    if end and (start is None or start[0] > end[1]):
        start = _resolve_one(first, At(end[1], "past"))  # "between April and June 2008"
    elif start and end is None:
        end = _resolve_one(last, At(start[0], "future"))  # "from March 2008 to June"
    if start is None or end is None or start[0] > end[1]:
        return None
    return start[0], end[1]


def _resolve_plain(text: str, at: At | None) -> Period | None:
    text = _TIME_OF_DAY.sub("", text)
    for pattern, resolve_absolute in _ABSOLUTE:
        match = pattern.fullmatch(text)
        if match:
            return resolve_absolute(match, at)
    if at is None:
        return None
    suffix = _YEAR_WORD_SUFFIX.fullmatch(text)
    if suffix:  # "October of next year" → "October 2010"
        year = at.anchor.year + _YEAR_STEPS[suffix.group(2)]
        period = _resolve_plain(f"{suffix.group(1)} {year}", None)
        if period:
            return period
    for pattern, resolve_relative in RELATIVE:
        match = pattern.fullmatch(text)
        if match:
            return resolve_relative(match, at)
    return None


def _plausible_year(year: int) -> bool:
    return 1000 <= year <= 2999


def _iso(m: re.Match[str], at: At | None) -> Period | None:
    return day_period(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _slashed(m: re.Match[str], at: At | None) -> Period | None:
    """Only when day and month cannot be confused (one part above 12, or both equal)."""
    first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if first > 12 >= second:
        return day_period(year, second, first)
    if second > 12 >= first or first == second:
        return day_period(year, first, second)
    return None


def _day_month_year(m: re.Match[str], at: At | None) -> Period | None:
    return day_period(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))


def _month_day_year(m: re.Match[str], at: At | None) -> Period | None:
    return day_period(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))


def _month_year(m: re.Match[str], at: At | None) -> Period | None:
    year = int(m.group(2))
    return month_period(year, MONTHS[m.group(1)]) if _plausible_year(year) else None


def _year_only(m: re.Match[str], at: At | None) -> Period | None:
    year = int(m.group(1))
    return year_period(year) if _plausible_year(year) else None


def _year_range(m: re.Match[str], at: At | None) -> Period | None:
    first, last = m.group(1) or m.group(2), m.group(3)
    start = int(first)
    end = int(first[:2] + last) if len(last) == 2 else int(last)
    if not (_plausible_year(start) and start < end <= start + 100):
        return None
    return date(start, 1, 1), date(end, 12, 31)


def _decade(m: re.Match[str], at: At | None) -> Period | None:
    start = int(m.group(1)) * 10 if m.group(1) else 1900 + int(m.group(2)) * 10
    if start % 100 == 0 or not _plausible_year(start):  # "the 1900s": a decade or a century
        return None
    return date(start, 1, 1), date(start + 9, 12, 31)


def _part_of_year(first_month: int, months: int, year: str | None, at: At | None) -> Period | None:
    """The ``months`` months from ``first_month`` of ``year`` ("2009", "last year"), or without
    one the latest such period that began on or before the anchor (in the future tense the first
    that has not ended). A period may run into the next year (winter)."""

    def part(y: int) -> Period:
        index = y * 12 + first_month - 1 + months - 1
        return date(y, first_month, 1), month_period(index // 12, index % 12 + 1)[1]

    if year and year.isdigit():
        return part(int(year)) if _plausible_year(int(year)) else None
    if at is None:
        return None
    if year:  # "of the year" is the anchor's, as "of this year"
        return part(at.anchor.year + _YEAR_STEPS.get(year.split()[0], 0))
    candidates = [part(at.anchor.year + step) for step in (-1, 0, 1)]
    if at.tense == "future":
        return min(p for p in candidates if p[1] >= at.anchor)
    return max(p for p in candidates if p[0] <= at.anchor)


def _quarter(m: re.Match[str], at: At | None) -> Period | None:
    number = _ORDINALS[m.group(2)] if m.group(2) else int(m.group(3))
    return _part_of_year(3 * number - 2, 3, m.group(1) or m.group(4), at)


def _half(m: re.Match[str], at: At | None) -> Period | None:
    number = 1 if m.group(2) in ("first", "1") else 2
    return _part_of_year(6 * number - 5, 6, m.group(1) or m.group(3), at)


def _season(m: re.Match[str], at: At | None) -> Period | None:
    which, first_month = m.group(1), _SEASONS[m.group(2)]
    if m.group(3) or at is None:
        return _part_of_year(first_month, 3, m.group(3), at)
    this = _part_of_year(first_month, 3, None, At(at.anchor))  # the latest begun
    if this is None:
        return None
    if which in ("last", "past"):
        return this if this[1] < at.anchor else _part_of_year(first_month, 3, str(this[0].year - 1), at)
    if which in ("next", "coming"):
        return _part_of_year(first_month, 3, str(this[0].year + 1), at)
    if which == "this":  # the one under way, else the one of the anchor's year
        return this if at.anchor <= this[1] else _part_of_year(first_month, 3, str(at.anchor.year), at)
    return _part_of_year(first_month, 3, None, at)


def _dated_day(month: int, day: int, at: At | None) -> Period | None:
    """This day and month in the year the tense points to (see the module's rules)."""
    if at is None:
        return None
    anchor = at.anchor
    candidates = [p[0] for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (p := day_period(y, month, day))]
    nearest = min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)
    grace = timedelta(days=GRACE_DAYS)
    if at.tense == "past":
        candidates = [d for d in candidates if d <= anchor + grace]
    elif at.tense == "future":
        candidates = [d for d in candidates if d >= anchor - grace]
    chosen = min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor), default=nearest)
    if chosen is None:
        return None
    if nearest and abs((chosen - anchor).days) >= FAR_DAYS and abs((nearest - anchor).days) <= NEAR_DAYS:
        chosen = nearest  # a tense read from words is a guess; a date this close is firmer
    return chosen, chosen


def _holiday(m: re.Match[str], at: At | None) -> Period | None:
    return _dated_day(*_HOLIDAYS[m.group(1)], at)


def _day_month(m: re.Match[str], at: At | None) -> Period | None:
    return _dated_day(MONTHS[m.group(2)], int(m.group(1)), at)


def _month_day(m: re.Match[str], at: At | None) -> Period | None:
    return _dated_day(MONTHS[m.group(1)], int(m.group(2)), at)


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
    (_SEASON, _season),
    (_HOLIDAY, _holiday),
    (_DAY_MONTH, _day_month),
    (_MONTH_DAY, _month_day),
)
