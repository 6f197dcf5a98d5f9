"""An article's DATE spans → date mentions, each resolved as a careful reader would.

Every DATE span the model finds is kept, with its period where one can be read (``timex``) and
without one otherwise; only what names no date is dropped: durations ("20 years", "three
days"), ages ("35 years old"), frequencies ("annual", "each year") and vague spans ("recent
years", "the past"). A TIME span is kept when it names a day ("tonight", "this morning",
"yesterday afternoon"). Before resolving, spans are mended where the model cut them:
- "this year" read as "year": the determiner before a bare unit, weekday or month joins it,
  and so does "before", "previous" or "later" closing a phrase after it ("the year previous");
- "2009" in "from 2009 to 2011" with "2011" left out: a year range joins into one span;
- "1994 and 1997", "November 11, three days later": two dates in one span become two mentions
  ("between 1994 and 1997" stays one period); a dangling "and" at the end is left out.
Each span is resolved with its sentence's tense (``tense``) and the period the text mentioned
last as reference, in text order.
"""

from __future__ import annotations

import re
from datetime import date

from explorer.core.extraction import timex
from explorer.core.extraction.periods import Period, period_name
from explorer.core.extraction.tense import tense_at
from explorer.core.model import Mention, Span

_NUMBER = (
    r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|hundreds? of|thousands? of|several|few|many|some|a few|a couple of"
    r"|couple of|dozens of|a number of|numerous|multiple)"
)
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_BEFORE_COUNT = (
    r"(?:(?:the|a|an|over|for|within|in|during|after|more than|less than|almost|nearly|about|around|some"
    r"|at least|up to|another|an additional|additional|past|last|next|first|final|coming|previous"
    r"|following|recent|preceding|other|remaining|same|full|whole|entire)\s+)*"
)
_NOT_A_DATE = re.compile(
    rf"{_BEFORE_COUNT}{_NUMBER}(?:[\s-]+(?:more|full|straight|consecutive|and a half))?[\s-]+{_UNIT}"
    r"(?:[\s-]+(?:long|old|running|in a row|straight|or so|or more|of age))?"  # durations and ages
    r"|(?:aged?|ages|(?:the )?age of) \d+"
    r"|(?:bi)?(?:annual(?:ly)?|daily|weekly|monthly|quarterly|yearly|nightly)"  # frequencies
    r"|(?:every|each|per|a) (?:other |single )?(?:\w+ )?"
    + _UNIT
    + r"|"
    + _BEFORE_COUNT
    + r"(?:years|months|weeks|days|decades|times|centuries)"  # vague
    r"|(?:the )?(?:past|future|present|moment|time being|long term|short term|long run|short run)"
    r"|(?:nowadays|now|recently|currently|once|ever|eventually|soon|later|earlier|modern times)",
    re.IGNORECASE,
)
_DAY_NAMING = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|\d{4})\b",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:this|last|next|that|the same|coming|previous|following)\s+$", re.IGNORECASE)
_BARE_START = re.compile(
    r"(?:day|week|weekend|month|year|quarter|spring|summer|autumn|fall|winter"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_YEAR_END = re.compile(r"\b\d{4}$")
_RANGE_AFTER = re.compile(r"\s*(?:-|\u2013|to|through|until|and)\s*(?:\d{4}|\d{2})\b(?!\s*(?:%|percent|[.,]\d))")
_UNIT_END = re.compile(r"\b(?:day|week|month|year)$", re.IGNORECASE)
_SHIFT_AFTER = re.compile(r"\s+(?:before|earlier|previous|prior|later|after)(\s*(?:[,.;:)]|$))", re.IGNORECASE)
_DANGLING = re.compile(r"(?:[\s,]+(?:and|or|to))+$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_JOINT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_PROBE = date(2000, 6, 15)  # any anchor: whether a part reads as a date at all


def date_mentions(spans: list[Span], text: str, published: date | None) -> list[Mention]:
    """The date mentions of an article, in text order (they may overlap other mentions)."""
    pieces: list[tuple[int, int, int, bool]] = []  # start, end, sentence, kept only if resolved
    for span in spans:
        if span.label == "DATE":
            pieces += [(s, e, span.sentence, False) for s, e in _mended(span, text)]
        elif span.label == "TIME" and _DAY_NAMING.search(text, span.start, span.end):
            pieces.append((span.start, span.end, span.sentence, True))
    mentions: list[Mention] = []
    mentioned: list[Period] = []
    for start, end, sentence, only_resolved in sorted(pieces):
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end -= len(text[start:end]) - len(text[start:end].rstrip())
        surface = " ".join(text[start:end].split())
        if not any(c.isalnum() for c in surface) or _NOT_A_DATE.fullmatch(surface):
            continue
        tense = tense_at(text, start, end) if published else None
        period = timex.resolve(surface, published, tense=tense, mentioned=mentioned)
        if period is None and only_resolved and published:  # undated, kept as written like any date
            continue
        if period:
            mentioned.append(period)
        mentions.append(
            Mention(
                start,
                end,
                period_name(*period) if period else surface,
                "date",
                sentence,
                time_start=period and period[0].isoformat(),
                time_end=period and period[1].isoformat(),
            )
        )
    return mentions


def _mended(span: Span, text: str) -> list[tuple[int, int]]:
    """The span widened over what the model left out, then cut where it holds two dates."""
    start, end = span.start, span.end
    before = text[max(0, start - 20) : start]
    if _BARE_START.match(text, start) and (determiner := _DETERMINER_BEFORE.search(before)):
        start -= len(before) - determiner.start()
    if _YEAR_END.search(text, start, end) and (joined := _RANGE_AFTER.match(text, end)):
        end = joined.end()
    elif _UNIT_END.search(text, start, end) and (joined := _SHIFT_AFTER.match(text, end)):
        end = joined.end() - len(joined.group(1))
    if " and " in text[start:end] and (between := _BETWEEN_BEFORE.search(before)):
        start = min(start, span.start - (len(before) - between.start()))
    if dangling := _DANGLING.search(text, start, end):  # "the 1980s and" (1990s)
        end = dangling.start()
    return _split(start, end, text)


def _split(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Two dates joined by "and" or a comma ("1994 and 1997") as two spans, when the whole is no
    one date and each part is one (or the second a duration, dropped later: "June 17, two
    days"); else the span as it is."""
    surface = text[start:end]
    if surface.lower().startswith("between ") or timex.resolve(surface, _PROBE):
        return [(start, end)]
    for joint in _JOINT.finditer(surface):
        first, second = surface[: joint.start()], surface[joint.end() :]
        if timex.resolve(first, _PROBE) and (timex.resolve(second, _PROBE) or _NOT_A_DATE.fullmatch(second)):
            offset = start + joint.end()
            return [(start, start + len(first.rstrip())), *_split(offset, end, text)]
    return [(start, end)]
