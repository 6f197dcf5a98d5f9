"""What a time expression is read against: the anchor, the tense and the periods mentioned
before (``At``), and the month and weekday words every pattern of ``timex`` is written with."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from explorer.core.extraction.periods import (
    Period,
)

Tense = Literal["past", "future"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAY_RE = "(" + "|".join(WEEKDAYS) + ")"


@dataclass(frozen=True)
class At:
    """What a relative expression counts from: the anchor, the sentence's tense, what was mentioned."""

    anchor: date
    tense: Tense | None = None
    mentioned: Sequence[Period] = ()

    @property
    def reference(self) -> Period | None:
        """The period the text mentioned last."""
        return self.mentioned[-1] if self.mentioned else None

    @property
    def day(self) -> date:
        """The day the text mentioned last, else the anchor."""
        return self.point("day")

    def point(self, unit: str) -> date:
        """Where a period named by its unit ("that month") lies: the start of the last mentioned
        period no longer than the unit ("the month" after "February" and "a year ago" is
        February's), else the anchor."""
        longest = _UNIT_DAYS[unit]
        for start, end in reversed(self.mentioned):
            if (end - start).days < longest:
                return start
        return self.anchor


_UNIT_DAYS = {"day": 1, "week": 7, "month": 31, "quarter": 92, "year": 366}


def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("MONTH", MONTH_RE).replace("WEEKDAY", WEEKDAY_RE))
