"""The tense a sentence speaks in around a time expression, read from its words alone.

Whether "Thursday" is the coming or the last one depends on the verb that governs it ("will
meet Thursday", "met Thursday"). spaCy's tagger would read verb tags, but the pipeline runs NER
only (the tagger costs throughput, see docs/extraction.md), so the tense is read lexically, as
HeidelTime reads it from tags: the nearest tense marker before the expression in its sentence,
else the nearest after it.

- future: a modal ("will", "'ll", "shall", "would", "should", "may", ...), an infinitive after a
  word of planning ("planned to leave", "is set to begin", "going to") and "to be", the present
  of "be" before a plan ("is due", "are meeting"), a participle of planning ("has been
  scheduled", "expected"), a present verb of expecting ("analysts expect"), "until",
  "till";
- past: a past form ("said", "met", "announced"; a regular "-ed" word), "was", "were", "did",
  "had", "been" (not after a modal), "ago", "since".
A past participle after a modal or "to" is future ("will be delivered", "is expected to be
completed"); after "is/are" it is a present passive, future too ("is closed until Friday").
"""

from __future__ import annotations

import re

from explorer.core.extraction.time_anchor import Tense

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|;")
_CLOSE = re.compile(r"[.!?][\"')\u201d\u2019]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n")
_ABBREVIATIONS = set(
    "mr mrs ms dr st jr sr inc corp co ltd gen sen rep gov prof no vs jan feb mar apr jun jul aug sep "
    "sept oct nov dec mon tue tues wed thu thurs fri sat sun".split()
)
WINDOW = 300  # characters looked at on each side, at most

_MODALS = {"will", "shall", "would", "should", "must", "may", "might", "could", "wo"}
_BE_PRESENT = {"is", "are", "am"}
_PAST_AUX = {"was", "were", "did", "had"}
# Words whose "to" opens a plan: "planned to leave", "is set to begin", "is due to meet".
_PLANS = re.compile(
    r"(?:plan|expect|schedul|intend|aim|hope|want|agree|decid|promis|vow|prepar|slat|pois|due|set|going|about"
    r"|likely|ready|seek|sought|tr(?:y|ie)|propos|pledg|threaten|wish|arrang)\w*"
)
# Participles that put their event ahead: "a hearing has been scheduled for June 3".
_PLANNED = re.compile(r"scheduled|planned|slated|expected|due|poised|proposed|intended|foreseen|forecast")
# Present-tense verbs whose object lies ahead: "analysts expect a rise in the third quarter".
_EXPECTING = set("expect expects predict predicts anticipate anticipates intend intends".split())
_IRREGULAR_PAST = set(
    "said told met made took came went gave saw found sold bought began fell rose left won lost held "
    "led paid put got kept brought thought became felt knew meant ran spent stood struck sent "
    "built broke chose drove ate fought flew forgot froze grew hid hung laid lay lent lit "
    "overtook quit rode rang sat shot slid sang sank spoke spread stole stuck swore "
    "swept swam taught tore threw understood upheld withdrew woke wore wrote dealt dug drew "
    "drank fed forbade forgave heard bore bent bound clung crept "
    "undertook underwent oversaw outsold rebuilt retook sought shook "
    "shrank slept sped spun sprang stung strove swung wept fled shed".split()
)
_NOT_PAST = set(
    "need speed feed seed breed bleed proceed exceed succeed greed weed deed heed reed steed creed indeed "
    "tweed hundred united based limited related detailed skilled advanced".split()
)


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """The tense of the sentence around ``text[start:end]``: "past", "future" or None."""
    before = _words(text[_sentence_start(text, start) : start])
    after = _words(text[end : _sentence_end(text, end)])
    for i in range(len(before) - 1, -1, -1):
        if tense := _marker(before, i):
            return tense
    for i in range(len(after)):
        if tense := _marker(after, i):
            return tense
    return None


def _words(text: str) -> list[str]:
    """The words, in their case; a clause before a semicolon is another clause."""
    words = _WORD.findall(text.replace("\u2019", "'").replace("n't", " not").replace("'ll", " will"))
    return words[len(words) - words[::-1].index(";") :] if ";" in words else words


def _sentence_start(text: str, position: int) -> int:
    window_start = max(0, position - WINDOW)
    ends = [m.end() for m in _CLOSE.finditer(text, window_start, position) if _ends_sentence(text, m.start())]
    return ends[-1] if ends else window_start


def _sentence_end(text: str, position: int) -> int:
    for m in _CLOSE.finditer(text, position, min(len(text), position + WINDOW)):
        if _ends_sentence(text, m.start()):
            return m.start()
    return min(len(text), position + WINDOW)


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the mark at ``stop`` ends a sentence, not an abbreviation ("Oct.", "Mr.", "U.S.")."""
    if text[stop] != ".":
        return True
    ending = re.search(r"[\w.]*$", text[max(0, stop - 12) : stop])
    word = ending.group() if ending else ""
    return not (word.lower() in _ABBREVIATIONS or len(word) == 1 or "." in word)


def _marker(words: list[str], i: int) -> Tense | None:
    """The tense ``words[i]`` marks, read with the words before it, or None."""
    word = words[i].lower()
    if word in ("since", "ago"):
        return "past"
    if word in ("until", "till", "upcoming"):
        return "future"
    if word in _MODALS:
        return "future"
    if word == "to" and i + 1 < len(words) and words[i + 1] == "be":
        return "future"
    if word == "to" and i and i + 1 < len(words) and _PLANS.fullmatch(words[i - 1].lower()) and words[i + 1].islower():
        return "future"
    aux = next((w.lower() for w in reversed(words[max(0, i - 3) : i]) if w.lower() not in _ADVERBS), None)
    if word == "been":
        planned = i + 1 < len(words) and _PLANNED.fullmatch(words[i + 1].lower())
        return "future" if aux in _MODALS or planned else "past"
    if _PLANNED.fullmatch(word) or word in _EXPECTING:
        return "future"
    if _is_past_form(word):
        return "future" if aux in _MODALS or aux == "to" or aux in _BE_PRESENT else "past"
    if word in _BE_PRESENT and i + 1 < len(words) and _is_present_plan(words[i + 1].lower()):
        return "future"
    if word in _PAST_AUX:
        return "past"
    return None


_ADVERBS = {"not", "also", "already", "just", "still", "be", "been", "now", "soon", "then"}


def _is_present_plan(word: str) -> bool:
    """ "is meeting", "are due", "is set": the present speaking of what is to come."""
    return word.endswith("ing") or word == "to" or bool(_PLANS.fullmatch(word))


def _is_past_form(word: str) -> bool:
    if word in _IRREGULAR_PAST:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST
