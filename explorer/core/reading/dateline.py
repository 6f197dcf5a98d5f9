"""The publication date written at the very top of an article's body, in the shapes news uses.

Only a dateline ("BEIJING, June 8, 2024 (Reuters) -", "PARIS (AFP) 8 June 2024 -", "NEW YORK,
June 8, 2024 /PRNewswire/ --", "SAN FRANCISCO--(BUSINESS WIRE)--June 8, 2024--"), a byline
ending in a date ("By Jane Doe | June 8, 2024") or a "Published June 8, 2024" line counts, and
only as one of the first few lines of the body. Any other date in the text (a birth, a deadline,
a recalled event, a kick-off "at 1500") says nothing about when the article was written, and a
wrong date misplaces the article on every timeline, so those are never read. A dateline without
a year ("NEW YORK, Jan 3 (Reuters) -") is completed only from a date the user gave.
"""

from __future__ import annotations

import re
from datetime import date

HEAD_CHARS = 300  # the dateline line starts this near the top of the body
SKIPPED_LINES = 2  # short lines (a byline, a deck) allowed before the dateline
SKIPPED_LINE_CHARS = 100
MIN_YEAR = 1800  # older dates need a header: a text's "1400" is a time, not a year
MAX_YEAR = 2100

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Capitalised words that open a line like a place but are not one ("BORN, 5 April 1920 -").
_NOT_PLACES = frozenset(
    (
        "born",
        "died",
        "dead",
        "deadline",
        "updated",
        "posted",
        "published",
        "date",
        "kick",
        "kick-off",
        "kickoff",
        "ko",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        *MONTHS,
        *_WEEKDAYS,
    )
)
_CONNECTORS = frozenset("de da do del della di la le les du of on upon am an der den sur en el al y".split())

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_TIME_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|IST|JST|HKT|SGT|AEST|local|hrs?\b|h\b|[ap]\.?m\b)"
# A year is four digits not running into a time ("26 February 1400 GMT", "at 19:45").
_YEAR = rf"\d{{4}}(?![\d:])(?!\s*{_TIME_ZONE})"
_DATE = (
    rf"(?:(?i:{_WEEKDAY}),?\s+)?"
    rf"(?:(?P<iy>\d{{4}})-(?P<im>\d\d)-(?P<id>\d\d)(?!\d)"
    rf"|(?P<m1>(?i:{_MONTH}))\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}(?!\d)(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?P<m2>(?i:{_MONTH}))\b\.?(?:,?\s+(?P<y2>{_YEAR}))?)"
)
_WORD = r"[^\W\d_][\w.'’&-]*"
_PLACE = rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}})(?P<region>(?:,[ ]{_WORD}(?:[ ]{_WORD})?){{0,2}}?)"
_AGENCY = r"\((?P<agency>[^\W\d_][^()\n]{1,40})\)"
_WIRE = r"/(?P<wire>[^\W\d_][^/\n]{1,40})/"
_DASH = r"(?:--?|–|—|:)"
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?"
    r"|,?\s*(?:at\s+)?\d{1,2}\s*[ap]\.?m\.?(?:\s+[A-Z]{2,5})?)?"
)

_DATELINES = tuple(
    re.compile(pattern)
    for pattern in (
        # BEIJING, June 8, 2024 (Reuters) -   LONDON, 8 June 2024 /PRNewswire/ --   LONDON, June 8 -
        rf"{_PLACE},\s+{_DATE}[ \t]*(?:{_AGENCY}[ \t]*{_DASH}?|{_WIRE}[ \t]*{_DASH}|{_DASH})",
        # PARIS (AFP) 8 June 2024 -   WASHINGTON (AP) —   Berlin (dpa) -
        rf"{_PLACE}[ \t]*{_AGENCY}(?:,?[ \t]*{_DATE})?[ \t]*{_DASH}",
        # SAN FRANCISCO--(BUSINESS WIRE)--June 8, 2024--
        rf"{_PLACE}[ \t]*--?[ \t]*{_AGENCY}[ \t]*--?[ \t]*{_DATE}[ \t]*{_DASH}",
    )
)
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_BYLINE_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")
_DATE_LINES = tuple(
    re.compile(pattern)
    for pattern in (
        # By Jane Doe | June 8, 2024     By Jane Doe and John Roe, Reuters - Published June 8, 2024
        rf"By\s+(?P<names>{_NAME}(?:(?:,\s*|\s+(?:and|&)\s+){_NAME}){{0,3}})\s*[|•·,–—-]\s*"
        rf"(?:(?i:published|posted)(?:\s+on)?:?\s*)?{_DATE}{_TIME}[ \t.]*",
        # Published: June 8, 2024 10:00 BST     Posted 2024-06-08 by the desk
        rf"(?i:published|posted|first published|date)(?:\s+on)?\s*:?\s*{_DATE}{_TIME}(?:\s+by\s+[^\n]{{1,60}})?[ \t.]*",
    )
)
# "5 April 1920 - 12 June 2006": a life or a span, not a dateline.
_RANGE_RE = re.compile(rf"\s*(?:\d{{1,2}}{_ORDINAL}\s+(?i:{_MONTH})\b|(?i:{_MONTH})\.?\s+\d{{1,2}}\b|\d{{4}}\b)")


def date_from_dateline(head: str, *, near: date | None = None) -> date | None:
    """The date of the dateline, byline or "Published" line that opens ``head`` (a body's top).

    A date without a year is completed from ``near`` (a date the user gave), with the year
    that puts it closest; without ``near`` it gives no date. A dateline without any date
    ("WASHINGTON (AP) —") ends the search: what follows it is the story.
    """
    for line in _head_lines(head):
        for pattern in _DATE_LINES if len(line) <= HEAD_CHARS else ():
            match = pattern.fullmatch(line)
            if match and _names_people(match):
                return _date_of(match, near=None)
        match = _dateline(line[:HEAD_CHARS])
        if match:
            return _date_of(match, near=near)
        if len(line) > SKIPPED_LINE_CHARS:
            return None
    return None


def _head_lines(head: str):
    """The first lines of ``head`` that start within ``HEAD_CHARS``, stripped, blank ones left out."""
    position, seen = 0, 0
    while position < min(len(head), HEAD_CHARS) and seen <= SKIPPED_LINES:
        end = head.find("\n", position)
        end = len(head) if end < 0 else end
        line = head[position:end].strip()
        if line:
            seen += 1
            yield line
        position = end + 1


def _dateline(line: str) -> re.Match[str] | None:
    for pattern in _DATELINES:
        match = pattern.match(line)
        if match and _is_place(match) and not _RANGE_RE.match(line, match.end()):
            return match
    return None


def _is_place(match: re.Match[str]) -> bool:
    """An agency's place: capitals ("NEW YORK"), or capitalised words when an agency follows."""
    place = match.group("place")
    words = place.split()
    if words[0].casefold().rstrip(".") in _NOT_PLACES:
        return False
    if not all(word[0].isupper() or word in _CONNECTORS for word in words):
        return False
    regions = [part.strip() for part in match.group("region").split(",") if part.strip()]
    if not all(region[0].isupper() for region in regions):
        return False
    has_agency = match.groupdict().get("agency") or match.groupdict().get("wire")
    return bool(has_agency) or place.upper() == place


def _names_people(match: re.Match[str]) -> bool:
    """A byline names people in capitalised words ("By Jane Doe"), not "By the deadline"."""
    names = match.groupdict().get("names")
    return names is None or all(word[0].isupper() for name in _BYLINE_SEPARATORS.split(names) for word in name.split())


def _date_of(match: re.Match[str], *, near: date | None) -> date | None:
    if match.group("iy"):
        return valid_date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    if not (match.group("m1") or match.group("m2")):
        return None
    month_name, day, year = (
        (match.group("m1"), match.group("d1"), match.group("y1"))
        if match.group("m1")
        else (match.group("m2"), match.group("d2"), match.group("y2"))
    )
    month = MONTHS[month_name.lower()]
    if year:
        return valid_date(int(year), month, int(day))
    if near is None:
        return None
    candidates = (valid_date(near.year + offset, month, int(day)) for offset in (-1, 0, 1))
    dates = [candidate for candidate in candidates if candidate is not None]
    return min(dates, key=lambda candidate: abs((candidate - near).days), default=None)


def valid_date(year: int, month: int, day: int, *, min_year: int = MIN_YEAR) -> date | None:
    if not min_year <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
