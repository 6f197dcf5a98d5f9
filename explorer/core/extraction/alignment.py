"""Whether two candidate articles are versions of one story: their word sequences aligned.

The candidates come from band keys of MinHash signatures (``shingles.py``), loose on purpose;
this decides. The normalised words of the two texts (headline then body, without dateline) are
aligned with ``difflib.SequenceMatcher`` and the likeness is the share of the shorter text found
in the longer one, in order. So a paragraph added or dropped, or a tenth of the words changed,
one by one or in runs, keeps a copy well above the threshold, where the Jaccard similarity of
word runs falls below it. Two guards keep what the likeness alone would wrongly join:

- a short text inside a long one (a brief within a long story that quotes it) is not a copy of
  it: the shorter must have at least ``MIN_LENGTH_RATIO`` of the longer's words;
- a short text (under ``SHORT_WORDS``) is a copy only under a like headline (its likeness
  reaching the threshold too): short items of one template differ in little but the name in
  their headline ("QUAKER OATS ... REGULAR DIVIDEND", "UNIBANCORP ... REGULAR DIVIDEND SET");
- formula texts (dividend notices, the Fed's repurchase notices, daily price tables) share their
  template word for word and differ in their figures: when figures are replaced by other
  figures (a stretch of mostly figures, in digits or in words, by another) while the headlines
  differ (one's words are not all, in order, in the other's), or when more than a tenth of the
  figures are so replaced, the two report other figures in one formula, and are two stories. A
  copy's edits seldom replace figures by figures; the price is a correction of a figure under
  another headline (Reuters' "CORRECTED - ..." of an earnings table), kept apart from its
  original.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from explorer.core.extraction.shingles import normalised_words

# Words aligned per text at most: a huge article is compared by its beginning, where a copy
# shows it is one (the alignment costs up to the product of the two lengths).
MAX_WORDS = 3000
# The shorter text has at least this share of the longer's words.
MIN_LENGTH_RATIO = 0.5
# A short text (fewer words than this) is a copy only under a like headline: short items of one
# template (a dividend notice, a market's hog prices) differ in little but the name it reports.
SHORT_WORDS = 100
# Two texts are one formula with other figures when figures are replaced by figures and the
# headlines differ, or more than this share of the shorter text's figures are replaced.
FORMULA_REPLACED = 0.1
# Figures: words of digits ("1.5" is normalised to "1" "5") and numbers in words.
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
    " hundred thousand million billion trillion".split()
)


class Text(NamedTuple):
    """An article's normalised words, its headline's first (``headline`` of them)."""

    words: Sequence[str]
    headline: int

    @property
    def headline_words(self) -> Sequence[str]:
        return self.words[: self.headline]


def text_of(body: str, title: str) -> Text:
    return Text(normalised_words(body, title), len(normalised_words("", title)))


@dataclass(frozen=True)
class Verdict:
    """The likeness of two texts (0 to 1; when it cannot reach the threshold, an upper bound of
    it) and whether they are versions of one story."""

    likeness: float
    same_story: bool


def likeness(first: Sequence[str], second: Sequence[str]) -> float:
    """The share of the shorter word sequence found, in order, in the longer (1 for two empty)."""
    if not first or not second:
        return 1.0 if not first and not second else 0.0
    a, b = _ordered(first[:MAX_WORDS], second[:MAX_WORDS])
    return _matched(SequenceMatcher(None, a, b, autojunk=False)) / len(a)


def verdict(first: Text, second: Text, threshold: float) -> Verdict:
    """The likeness of the two texts, and whether it makes them one story: at least
    ``threshold``, lengths comparable, and not one formula with other figures."""
    if not first.words or not second.words:
        return Verdict(0.0, False)
    if (len(first.words), list(first.words), first.headline) > (len(second.words), list(second.words), second.headline):
        first, second = second, first  # the same verdict whichever text comes first
    a, b = first.words[:MAX_WORDS], second.words[:MAX_WORDS]
    shared = sum((Counter(a) & Counter(b)).values())
    if shared < threshold * len(a):
        return Verdict(shared / len(a), False)  # the words in common bound the likeness: not aligned
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    score = _matched(matcher) / len(a)
    if score < threshold or len(first.words) < MIN_LENGTH_RATIO * len(second.words):
        return Verdict(score, False)
    if len(first.words) < SHORT_WORDS and likeness(first.headline_words, second.headline_words) < threshold:
        return Verdict(score, False)
    return Verdict(score, not _other_figures(matcher, a, b, _within(first.headline_words, second.headline_words)))


def _ordered(first: Sequence[str], second: Sequence[str]) -> tuple[Sequence[str], Sequence[str]]:
    return (second, first) if (len(first), list(first)) > (len(second), list(second)) else (first, second)


def _matched(matcher: SequenceMatcher) -> int:
    return sum(block.size for block in matcher.get_matching_blocks())


def _within(shorter: Sequence[str], longer: Sequence[str]) -> bool:
    """Whether one headline's words are all, in order, in the other's."""
    if len(shorter) > len(longer):
        shorter, longer = longer, shorter
    rest = iter(longer)
    return all(word in rest for word in shorter)


def _is_figure(word: str) -> bool:
    return word.isdigit() or word in _NUMBER_WORDS


def _mostly_figures(words: Sequence[str]) -> bool:
    return 2 * sum(map(_is_figure, words)) >= len(words) > 0


def _other_figures(matcher: SequenceMatcher, a: Sequence[str], b: Sequence[str], same_headline: bool) -> bool:
    """Whether the aligned texts are one formula with other figures (see the module's doc)."""
    replaced = sum(
        sum(map(_is_figure, a[i1:i2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace" and _mostly_figures(a[i1:i2]) and _mostly_figures(b[j1:j2])
    )
    return replaced > 0 and (not same_headline or replaced > FORMULA_REPLACED * sum(map(_is_figure, a)))
