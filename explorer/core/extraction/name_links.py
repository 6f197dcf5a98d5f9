"""Linking names within one article: acronyms and their long forms, agencies, short forms and
surnames taking the full name, and names NER missed where it found them elsewhere.

Each rule works on the article's sorted, non-overlapping ``Draft`` list (see ``entities``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from explorer.core.extraction.countries import country_name, country_of_demonym
from explorer.core.extraction.name_drafts import (
    DESIGNATORS,
    JOINERS,
    POSSESSIVE,
    THING_LABELS,
    Draft,
    SentenceLocator,
    draft_start,
    line_at,
    normalize_name,
    overlapping_range,
)
from explorer.core.extraction.not_names import is_common_noun
from explorer.core.news_agencies import NEWS_AGENCIES

_BUCKETS = {"PERSON": "person", "GPE": "place", "LOC": "place"} | dict.fromkeys(THING_LABELS, "thing")
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")
_LEADING_LETTERS_OF_WORD = re.compile(r"(?<![\w.&'\u2019-])[^\W\d_]+")
_ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_WORD = re.compile(r"[\w.&'\u2019]+(?:-[\w.&'\u2019]+)*")


# ---- news agencies -----------------------------------------------------------------------


@cache
def _agency_names() -> dict[str, str]:
    names = {}
    for canonical, variants in NEWS_AGENCIES.items():
        for variant in (canonical, *variants):
            key = normalize_name(variant)
            names[key] = canonical
            names.setdefault(key.removeprefix("the "), canonical)
    return names


# ---- acronyms ----------------------------------------------------------------------------


def _initials(words: list[str]) -> tuple[str, str]:
    """(initials of the capitalised word parts but joiners, initials of all word parts), upper case.

    "Organization of the Petroleum Exporting Countries" → ("OPEC", "OOTPEC").
    """
    parts = [p for w in words for p in w.split("-") if p]
    return (
        "".join(p[0] for p in parts if p[0].isupper() and p.casefold() not in JOINERS),
        "".join(p[0].upper() for p in parts if p[0].isalpha()),
    )


def _acronym_letters(acronym: str) -> str | None:
    letters = [c for c in acronym if c.isalpha()]
    capitals = "".join(c for c in letters if c.isupper())
    if len(capitals) < 2 or len(capitals) < 0.6 * len(letters):
        return None
    return capitals


def _long_form(text: str, paren: int, letters: str) -> tuple[int, int] | None:
    """The shortest run of words before ``paren`` whose initials spell the acronym."""
    region_start = max(0, paren - 300)
    region = text[region_start:paren]
    cut = max(region.rfind(c) for c in (". ", "!", "?", ";", ":", "(", ")", "\n\n"))
    words = list(_WORD.finditer(region, cut + 1))
    for k in range(1, min(len(words), 2 * len(letters) + 2) + 1):
        run = words[-k:]
        if not run[0].group()[0].isupper() or run[0].group().casefold() in JOINERS:
            continue
        if letters in _initials([w.group() for w in run]):
            end = region_start + run[-1].end()
            return region_start + run[0].start(), end - 2 if POSSESSIVE.search(text, end - 2, end) else end
    return None


def link_acronyms(drafts: list[Draft], text: str, locate: SentenceLocator) -> set[str]:
    """ "Long Form Name (LFN)": LFN and its later bare uses take the long form's name."""
    acronyms: set[str] = set()
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(1).rstrip(".-")
        letters = _acronym_letters(acronym)
        span = _long_form(text, match.start(), letters) if letters else None
        if span is None:
            continue
        long_form = _claim(drafts, span, locate, _acronym_label(drafts, match), definition=True)
        if long_form is None:  # a definition always claims its span
            continue
        acronyms.add(acronym)
        long_form.aliases.append(acronym)
        for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            draft = _claim(drafts, use.span(), locate, long_form.label, definition=False)
            if draft is not None and draft is not long_form:
                draft.target = long_form
    return acronyms


def _acronym_label(drafts: list[Draft], match: re.Match[str]) -> str:
    lo, hi = overlapping_range(drafts, match.start(), match.end())
    labels = [d.label for d in drafts[lo:hi] if d.start >= match.start() and d.end <= match.end()]
    return labels[0] if labels and labels[0] in THING_LABELS else "ORG"


def _claim(
    drafts: list[Draft], span: tuple[int, int], locate: SentenceLocator, label: str, *, definition: bool
) -> Draft | None:
    """The draft covering exactly ``span``, made from the drafts it overlaps if need be.

    A definition's long form replaces every draft it overlaps; a later use of an acronym is
    left alone (None) when a draft reaches outside it ("CPEC projects").
    """
    start, end = span
    lo, hi = overlapping_range(drafts, start, end)
    overlapping = drafts[lo:hi]
    for d in overlapping:
        if d.start == start and d.end == end:
            return d
    if not definition and any(d.start < start or d.end > end for d in overlapping):
        return None
    at_end = [d.label for d in overlapping if d.end == end and d.label in THING_LABELS]
    sentence = overlapping[0].sentence if overlapping else locate(start)
    draft = Draft(start, end, at_end[0] if at_end else label, sentence)
    drafts[lo:hi] = [draft]
    return draft


# ---- names -------------------------------------------------------------------------------


def name_draft(
    draft: Draft, surface: str, drafts: list[Draft], text: str, acronyms: set[str], written: dict[str, str]
) -> None:
    if draft.label != "NORP":
        country = None
        if draft.label in ("GPE", "LOC") or re.fullmatch(r"(?:[A-Z]\.){2,3}", surface):
            country = country_name(surface) or (country_name("the " + surface) if draft.stripped_the else None)
        if country:
            draft.name, draft.forced_type = country, "place"
            return
        agency = _agency_names().get(normalize_name(surface))
        if agency and surface not in acronyms and not _is_surname(surface, draft, drafts, text):
            draft.name, draft.forced_type = agency, "organisation"
            return
    draft.name = _readable_case(surface, draft.start, text, written)


def _is_surname(surface: str, draft: Draft, drafts: list[Draft], text: str) -> bool:
    """Whether this PERSON mention ends a longer person's name in the article ("Bloomberg")."""
    if draft.label != "PERSON":
        return False
    suffix = " " + surface
    return any(
        d.label == "PERSON" and d is not draft and " ".join(text[d.start : d.end].split()).endswith(suffix)
        for d in drafts
    )


def _readable_case(surface: str, start: int, text: str, written: dict[str, str]) -> str:
    """An ALL-CAPS name as the article writes it elsewhere, else, on an ALL-CAPS line (a
    headline), in title case; short acronyms are kept."""
    if surface.upper() != surface or surface.lower() == surface:
        return surface
    if surface.casefold() in written:
        return written[surface.casefold()]
    line = line_at(text, start, start)
    if line.upper() != line or (" " not in surface and len(surface) <= 4):
        return surface  # capitals in mixed-case text are deliberate ("EADS N.V.")
    return " ".join(
        w.lower()
        if i and w.casefold() in JOINERS
        else w
        if len(w) <= 2 or re.fullmatch(r"(?:[A-Z]\.)+", w)
        else w.title()
        for i, w in enumerate(surface.split())
    )


# ---- linking within the article ----------------------------------------------------------


def link_short_forms(drafts: list[Draft], text: str) -> None:
    """A name that begins (or, for people, ends) a longer name of its kind takes that name; a
    capitalised common noun the text also writes in lower case ("the Government" beside "a
    government") is no short form ("Government Congress")."""
    by_name: dict[tuple[str, str], list[Draft]] = defaultdict(list)
    common_nouns: dict[str, bool] = {}
    for d in drafts:
        bucket = _BUCKETS.get(d.label)
        if d.target is None and d.forced_type is None and bucket in ("person", "thing"):
            if bucket == "thing" and is_common_noun(d.name, text, common_nouns):
                continue
            by_name[bucket, d.name.casefold()].append(d)
    # Longer names by their first and last word, so each name is compared with few others.
    by_end_word: dict[tuple[str, str], list[str]] = defaultdict(list)
    for bucket, name in by_name:
        words = name.split()
        by_end_word[bucket, words[0]].append(name)
        if bucket == "person" and len(words) > 1:
            by_end_word[bucket, words[-1]].append(name)
    for bucket, name in sorted(by_name, key=lambda k: len(k[1].split()), reverse=True):
        words = name.split()
        candidates = set(by_end_word[bucket, words[0]] + by_end_word[bucket, words[-1]])
        targets = {
            by_name[bucket, longer][0].final()
            for longer in candidates
            if len(longer.split()) > len(words) and _is_part(words, longer.split(), person=bucket == "person")
        }
        if not targets and bucket == "person" and len(words) == 1:
            # NER often reads a company's first word alone as a person ("Cerberus" after
            # "Cerberus Capital Management"); no person of that name here, it is the company.
            targets = {
                by_name["thing", longer][0].final()
                for longer in by_end_word["thing", words[0]]
                if len(longer.split()) > 1
            }
        if len(targets) == 1:
            target = targets.pop()
            for d in by_name[bucket, name]:
                d.target = target
                if bucket == "person" and target.label != "PERSON":
                    d.label = target.label


def add_repeated_names(drafts: list[Draft], text: str, locate: SentenceLocator) -> None:
    """Where NER missed a name it found elsewhere in the article, the name is the same mention
    (one reading per name and article); a person's surname alone refers to that person when no
    other person in the article shares it, whatever NER labelled it ("Jobs" as an organisation
    beside "Steve Jobs"), unless it is a nationality or a common noun NER never reads as a
    person alone. Only capitalised forms of three letters or more."""
    forms: dict[str, Draft | None] = {}
    surnames: dict[str, Draft | None] = {}
    read_as_people = {text[d.start : d.end] for d in drafts if d.label == "PERSON"}

    def offer(form: str, target: Draft) -> None:
        if len(form) >= 3 and form[0].isupper() and "\n" not in form:
            _one_reading(forms, form, target)

    common_nouns: dict[str, bool] = {}

    def surname(surface: str) -> str | None:
        """The last word of a person's name, unless NER never reads it as a person alone here
        and it is a nationality or a common noun the text also writes in lower case ("American"
        after a "Various American" NER took for a person, "State" after "Discriminatory State")."""
        last = surface.split()[-1]
        if last in read_as_people:
            return last
        if country_of_demonym(last) is not None or is_common_noun(last, text, common_nouns):
            return None
        return last

    for d in drafts:
        target = d.final()
        surface = text[d.start : d.end]
        if target.label == "PERSON" and " " in surface and (family := surname(surface)):
            _one_reading(surnames, family, target)
    # Surnames are linked before the forms are offered, so that a surname NER read as something
    # else is the person's form, not a rival reading that would stop its repetition.
    for d in drafts:
        person = surnames.get(text[d.start : d.end])
        if person is not None and d.target is None and d.forced_type is None and d.label != "PERSON":
            d.target = person
    for d in drafts:
        target = d.final()
        surface = text[d.start : d.end]
        offer(surface, target)
        if target.label == "PERSON" and " " in surface and (family := surname(surface)):
            offer(family, target)
    # Forms by their first letters, tried longest first at each capitalised word: linear in the
    # text, however many names the article has (one alternation of them all is not).
    readings = {form: target for form, target in forms.items() if target is not None}
    by_letters: dict[str, list[str]] = defaultdict(list)
    for form in sorted(readings, key=len, reverse=True):
        if letters := _LEADING_LETTERS.match(form):  # every form offered begins with a capital
            by_letters[letters.group()].append(form)
    added = []
    end = 0
    for word in _LEADING_LETTERS_OF_WORD.finditer(text):
        start = word.start()
        if start < end:
            continue
        found = next((f for f in by_letters.get(word.group(), ()) if _names_at(text, f, start)), None)
        if found is None:
            continue
        end = start + len(found)
        first, last = overlapping_range(drafts, start, end)
        if first == last:
            reading = readings[found]
            added.append(Draft(start, end, reading.label, locate(start), target=reading))
    if added:
        drafts.extend(added)
        drafts.sort(key=draft_start)


def _one_reading(readings: dict[str, Draft | None], form: str, target: Draft) -> None:
    """Records that ``form`` reads as ``target``; a second, differently named reading cancels
    it (None). The same name written out several times is one reading."""
    current = readings.get(form, target)
    same = current is not None and (
        current.name == target.name or normalize_name(current.name) == normalize_name(target.name)
    )
    readings[form] = current if same else None


def _names_at(text: str, form: str, start: int) -> bool:
    """Whether ``text`` writes ``form`` at ``start`` as whole words."""
    end = start + len(form)
    return text.startswith(form, start) and not (end < len(text) and (text[end].isalnum() or text[end] in "_&-"))


def _is_part(words: list[str], longer: list[str], *, person: bool) -> bool:
    """People: a first or last part of the name. Other names: the name plus a designator
    ("Xinhua" → "Xinhua News Agency", "Fiat" → "Fiat Group SpA"), never "GM" → "GM Europe" nor
    "Administration" → "Administration and Congress" (two names joined)."""
    n = len(words)
    if person:
        return longer[:n] == words or longer[-n:] == words
    if longer[:n] != words:
        return False
    rest = [w.replace(".", "") for w in longer[n:]]
    while rest and rest[-1] in DESIGNATORS:
        rest.pop()
    return len(rest) < len(longer) - n and len(rest) <= 1 and not (rest and rest[0] in JOINERS)


def link_bare_acronyms(drafts: list[Draft], defined: set[str]) -> None:
    """An undefined acronym ("WHO") takes the one multi-word name in the article it abbreviates."""
    long_names: dict[str, dict[str, Draft]] = {}  # initials → the names they abbreviate (one draft each)
    for d in drafts:
        if d.target is None and d.forced_type is None and d.label in THING_LABELS and " " in d.name:
            for initials in _initials(d.name.split()):
                long_names.setdefault(initials, {}).setdefault(normalize_name(d.name), d)
    for d in drafts:
        if d.target is not None or d.forced_type is not None or d.name in defined or " " in d.name:
            continue
        letters = d.name.replace(".", "")
        if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
            candidates = long_names.get(letters, {})
            if len(candidates) == 1:
                d.target = next(iter(candidates.values()))


def mostly_capitals(text: str) -> bool:
    sample = text[:2000]
    return sum(map(str.isupper, sample)) > 0.5 * sum(map(str.isalpha, sample))
