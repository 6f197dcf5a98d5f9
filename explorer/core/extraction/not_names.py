"""Spans NER labels that are not names a reader would list, told apart by general rules.

- a word with no capital letter ("cts", "pacific measures"): English writes names capitalised;
- an abbreviation with no vowel after its first letter ("Avg", "Pct", "Mln");
- a company's legal form alone ("Co", "Inc");
- one capitalised common noun ("State", "Nation", "Government") that the same text writes in
  lower case too, either as often or after a word that takes common nouns ("our Nation");

The rules that read case are skipped in a text written without capitals.
- a table row's label read as a person: one word opening a line, followed by figures ("Revs
  12.1 mln vs 9.8 mln"); rows of places or companies stay;
- a news agency's credit: the agency alone on a line (a sign-off such as " Reuter") or in
  parentheses in the opening dateline ("LONDON (Reuters) -"). The agency is the article's
  source (found by the metadata reader), not something the article talks about.
"""

from __future__ import annotations

import re

# Legal forms a company's name may carry or drop ("Apple Inc." is "Apple" in other articles).
LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company llc ltd limited plc nv sa ag gmbh spa bv ab".split()
)
_VOWELS = frozenset("aeiouyAEIOUY")
# Words before a common noun that a name does not take ("our nation", "each state").
_COMMON_NOUN_DETERMINERS = "(?:our|your|their|this|these|those|every|each|several|many|other|both|all)"
_FIGURES_AFTER = re.compile(r"[ \t]+[-+$]?\d")
_DATELINE_CREDIT = re.compile(r"\(\s*$")
_AFTER_DATELINE_CREDIT = re.compile(r"\s*\)\s*(?:-{1,2}|[\u2013\u2014:])")


def has_no_capital(surface: str) -> bool:
    return not any(c.isupper() for c in surface)


def is_abbreviation(surface: str) -> bool:
    """ "Avg", "Mln", "Pct": a mixed-case word whose letters after the first are all consonants."""
    return (
        surface.isalpha() and len(surface) >= 3 and not surface.isupper() and not any(c in _VOWELS for c in surface[1:])
    )


def is_legal_form(surface: str) -> bool:
    return surface.replace(".", "").casefold() in LEGAL_FORMS


def is_common_noun(surface: str, text: str, seen: dict[str, bool]) -> bool:
    """One capitalised word the text also writes in lower case, and either as often, or after
    a word that takes common nouns ("our Nation", "these States" beside "a nation"); "the Fed"
    said often beside one "fed cattle" stays a name."""
    if not surface.isalpha() or not surface[:1].isupper() or surface.isupper():
        return False
    if surface not in seen:
        lower = len(re.findall(rf"(?<![\w-]){re.escape(surface.lower())}(?![\w-])", text))
        seen[surface] = lower > 0 and (
            lower >= len(re.findall(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text))
            or re.search(rf"\b{_COMMON_NOUN_DETERMINERS}\s+{re.escape(surface)}(?![\w-])", text, re.IGNORECASE)
            is not None
        )
    return seen[surface]


def is_lower_case_text(text: str) -> bool:
    """A text written without capitals (some wire copy is): there, case tells nothing."""
    sample = text[:4000]
    letters = sum(map(str.isalpha, sample))
    return letters > 0 and sum(map(str.isupper, sample)) < 0.01 * letters


def is_row_label(text: str, start: int, end: int) -> bool:
    """One word opening its line with figures after it, as in a results table."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and _FIGURES_AFTER.match(text, end) is not None


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is an agency's credit: alone on its line, or in the
    parentheses of a dateline in the text's first line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip(" \t\r-\u2013\u2014(") and not text[end:line_end].strip(" \t\r.-)"):
        return True
    return (
        line_start == 0
        and _DATELINE_CREDIT.search(text, 0, start) is not None
        and _AFTER_DATELINE_CREDIT.match(text, end) is not None
    )
