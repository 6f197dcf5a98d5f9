"""Whether a one-word name is an ordinary English word the library uses as a common noun.

"States", "Government", "Union", "Executive": NER reads a capitalised common noun as a name,
and one article cannot tell (an address of 1850 capitalises "the Government" throughout). The
library can: where the same word is written in lower case, or after a word that takes common
nouns ("our Government", "these States"), often enough beside its capitalised uses, it is a
word, not a name. How ordinary a word is comes from ``wordfreq`` (Zipf scale: 6 is "people",
3 is "pretzel"); a word rarer than ``ORDINARY_ZIPF`` is never judged. Names that are also words
("Apple", "Shell", "Chelsea", "Reading") stay names where the library writes them capitalised
on their own, mid-sentence, far more often than as the word, or where they are known places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from explorer.core.extraction.not_names import is_lower_case_text

# "federal" 5.1, "union" 5.1, "apple" 4.8, "chelsea" 4.4, "legislature" 4.2, "medicare" 3.9,
# "providence" 3.8 are judged (by how the library writes them); "isthmus" 2.8, "xinhua" 2.6 not.
ORDINARY_ZIPF = 3.5
# The word as a word (lower case or after a common-noun determiner) at least once for ten
# capitalised uses standing alone mid-sentence, and ``MIN_WORD_USES`` times more, makes the
# name a common noun: a few "shell companies" beside "Shell" say nothing.
WORD_SHARE = 0.1
MIN_WORD_USES = 5
# Words that take a common noun but seldom a name used as a modifier: not "a" or "an", which
# news puts before names all the time ("a Treasury official", "an Apple spokesman").
_DETERMINERS = "our|their|these|those|every|each|several|many|both"


@dataclass(frozen=True)
class CaseCounts:
    """How a word is written in some texts."""

    lower: int = 0  # in lower case ("the government")
    determined: int = 0  # capitalised after a common-noun determiner ("our Government")
    capital: int = 0  # capitalised, alone, mid-sentence, without such a determiner ("Apple said")

    def __add__(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(self.lower + other.lower, self.determined + other.determined, self.capital + other.capital)


@cache
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale, lower-cased)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def is_ordinary_word(name: str) -> bool:
    """A single alphabetic word, capitalised, not in capitals, frequent in English."""
    return name.isalpha() and name[:1].isupper() and not name.isupper() and zipf(name) >= ORDINARY_ZIPF


_DETERMINER = re.compile(rf"(?:{_DETERMINERS})", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(\S*)([ \t]*)$")
_WORD_AFTER = re.compile(r"[ \t]*(\S?)")
_OPENING = frozenset('.!?:;"\u201c\u201d()[]\u2014\u2013-')


def words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word, in any case (one pass over a text counts them all)."""
    alternatives = "|".join(re.escape(w.lower()) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def count_cases(text: str, pattern: re.Pattern[str], into: dict[str, CaseCounts]) -> None:
    """Adds to ``into`` (keyed by the lower-case word) how ``text`` writes each word ``pattern``
    finds: in lower case, capitalised after a common-noun determiner, and capitalised on its own
    mid-sentence (not opening a sentence or a line, not next to another capitalised word, where
    it would be part of a longer name or a headline). Other spellings ("GOVERNMENT") count
    nothing, and neither does a text written without capitals."""
    if is_lower_case_text(text):
        return
    for match in pattern.finditer(text):
        written = match.group()
        key = written.lower()
        if written == key:
            into[key] = into.get(key, CaseCounts()) + CaseCounts(lower=1)
            continue
        if written != key.capitalize():
            continue
        before = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        previous = before.group(1) if before else ""
        if not previous or previous[-1] in _OPENING:
            continue
        if _DETERMINER.fullmatch(previous):
            into[key] = into.get(key, CaseCounts()) + CaseCounts(determined=1)
        elif not previous[:1].isupper() and not _next_is_capitalised(text, match.end()):
            into[key] = into.get(key, CaseCounts()) + CaseCounts(capital=1)


def _next_is_capitalised(text: str, position: int) -> bool:
    after = _WORD_AFTER.match(text, position)
    return after is not None and after.group(1).isupper()


def case_counts(text: str, word: str) -> CaseCounts:
    """How ``text`` writes ``word`` (see ``count_cases``)."""
    counts: dict[str, CaseCounts] = {}
    count_cases(text, words_pattern([word]), counts)
    return counts.get(word.lower(), CaseCounts())


def reads_as_word(counts: CaseCounts) -> bool:
    """Whether a library writing a name so uses it as the ordinary word it is."""
    return counts.lower + counts.determined >= WORD_SHARE * counts.capital + MIN_WORD_USES
