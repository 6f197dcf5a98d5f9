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
from fnmatch import fnmatchcase

# Hidden entries, and the files that sit beside articles without being one.
DEFAULT_EXCLUDE = (
    ".*", "README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "CHANGES*", "AUTHORS*",
    "CONTRIBUTING*", "Thumbs.db", "desktop.ini", "*~",
)
_SEPARATORS = re.compile(r"[;,\n]")


def matches(pattern: str, name: str, relative: str) -> bool:
    """Whether ``pattern`` matches the entry's name or its relative path, ignoring case."""
    pattern = pattern.lower()
    return fnmatchcase(name.lower(), pattern) or fnmatchcase(relative.lower(), pattern)


@dataclass(frozen=True)
class FileFilter:
    include: tuple[str, ...] = ()  # none: every file not excluded
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE

    def takes_file(self, name: str, relative: str) -> bool:
        if any(matches(p, name, relative) for p in self.exclude):
            return False
        return not self.include or any(matches(p, name, relative) for p in self.include)

    def enters_folder(self, name: str, relative: str) -> bool:
        return not any(matches(p, name, relative) for p in self.exclude)


def parse_patterns(text: str) -> tuple[str, ...]:
    """Patterns typed in one line: separated by ``;``, ``,`` or new lines, blanks dropped."""
    return tuple(p.strip() for p in _SEPARATORS.split(text) if p.strip())


def format_patterns(patterns: tuple[str, ...]) -> str:
    return "; ".join(patterns)
