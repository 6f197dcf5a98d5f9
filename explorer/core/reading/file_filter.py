"""Which files of an imported folder are articles: include and exclude glob patterns.

A folder of news often holds a README, a licence or a changelog beside the articles; imported,
each would be an "article". Patterns are shell globs (``*``, ``?``, ``[abc]``; ``*`` crosses
``/``) matched, ignoring case, against an entry's name and against its path relative to the
imported folder (``/`` between parts). An excluded folder is not entered. Files named
directly (not found in a folder) are always taken: naming a file is choosing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import translate
from functools import cached_property

# Hidden entries, and the files that sit beside articles without being one.
DEFAULT_EXCLUDE = (
    ".*",
    "README*",
    "LICENSE*",
    "LICENCE*",
    "COPYING*",
    "CHANGELOG*",
    "CHANGES*",
    "AUTHORS*",
    "CONTRIBUTING*",
    "Thumbs.db",
    "desktop.ini",
    "*~",
)
_SEPARATORS = re.compile(r"[;,\n]")


def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression for all the patterns (lower case): a walk checks every entry against them."""
    return re.compile("|".join(translate(p.lower()) for p in patterns)) if patterns else None


def _hit(expression: re.Pattern[str] | None, name: str, relative: str) -> bool:
    if expression is None:
        return False
    return expression.match(name.lower()) is not None or expression.match(relative.lower()) is not None


@dataclass(frozen=True)
class FileFilter:
    include: tuple[str, ...] = ()  # none: every file not excluded
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE

    @cached_property
    def _included(self) -> re.Pattern[str] | None:
        return _any_of(self.include)

    @cached_property
    def _excluded(self) -> re.Pattern[str] | None:
        return _any_of(self.exclude)

    def takes_file(self, name: str, relative: str) -> bool:
        if _hit(self._excluded, name, relative):
            return False
        return not self.include or _hit(self._included, name, relative)

    def enters_folder(self, name: str, relative: str) -> bool:
        return not _hit(self._excluded, name, relative)


def parse_patterns(text: str) -> tuple[str, ...]:
    """Patterns typed in one line: separated by ``;``, ``,`` or new lines, blanks dropped."""
    return tuple(p.strip() for p in _SEPARATORS.split(text) if p.strip())


def format_patterns(patterns: tuple[str, ...]) -> str:
    return "; ".join(patterns)
