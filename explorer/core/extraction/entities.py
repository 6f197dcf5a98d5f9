"""Raw NER spans → mentions of canonical entities, by general rules applied within one article.

In order: numbers are dropped; each span is trimmed to the name itself (determiners, titles,
possessives, quotes); spans NER cut short are repaired to the full name when it ends in a
typical head word ("… Initiative", "… Corridor"); news agencies NER missed are added; acronyms
defined in parentheses are linked to their long form (and become its aliases); country variants
take their ISO name; a later short form ("Sharif", "Xinhua") takes the article's full name; and
every mention of one name gets one type. DATE spans become date mentions (``date_mentions``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from functools import cache

from explorer.core.extraction.date_mentions import date_mentions
from explorer.core.extraction.entity_links import link_aliases
from explorer.core.extraction.name_drafts import (
    DESIGNATORS,
    JOINERS,
    NAME_HEADS,
    POSSESSIVE,
    THING_LABELS,
    Draft,
    SentenceLocator,
    line_at,
    normalize_name,
    overlapping_range,
)
from explorer.core.extraction.name_links import (
    add_repeated_names,
    link_acronyms,
    link_bare_acronyms,
    link_short_forms,
    mostly_capitals,
    name_draft,
)
from explorer.core.extraction.not_names import (
    LEGAL_FORMS,
    has_no_capital,
    is_abbreviation,
    is_common_noun,
    is_credit,
    is_legal_form,
    is_lower_case_text,
    is_row_label,
)
from explorer.core.extraction.type_evidence import is_role, structural_type
from explorer.core.model import LABEL_TYPES, Mention, Span
from explorer.core.news_agencies import NEWS_AGENCIES

# On equal votes the full name's own type wins, then the type listed first.
TYPE_PRIORITY = ("place", "organisation", "person", "event", "law", "product", "work", "group")
# Capitalised words that open a sentence or a phrase without being part of a name.
_FUNCTION_WORDS = frozenset(
    """
A About After Against Also Among An And As At Before Between Both But By Despite During Each
Even Every For From He Her Here His How However I If In Into It Its Last Like Many Meanwhile
Most Next Now Of On Only Or Our Over Several She Since Some Such That The Their Then There These
They This Those Through To Under Unlike We What When Where Which While Who Why With Within
Without Yet You
""".split()
)
_LEADING_NOISE = _FUNCTION_WORDS | JOINERS
# Titles and honorifics stripped from the front of a person's name.
_TITLES = (
    "Vice President",
    "President-elect",
    "President",
    "Deputy Prime Minister",
    "Prime Minister",
    "Foreign Minister",
    "Finance Minister",
    "Defence Minister",
    "Defense Minister",
    "Interior Minister",
    "Minister",
    "Chancellor",
    "Secretary of State",
    "Secretary-General",
    "Secretary General",
    "Secretary",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov.",
    "Mayor",
    "King",
    "Queen",
    "Crown Prince",
    "Prince",
    "Princess",
    "Emperor",
    "Pope",
    "Sheikh",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "First Lady",
    "Second Lady",
    "First Gentleman",
    "Second Gentleman",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Miss",
    "Madam",
    "Madame",
    "Mme.",
    "Mme",
    "Monsieur",
    "Dr.",
    "Dr",
    "Prof.",
    "Professor",
    "Field Marshal",
    "Marshal",
    "General",
    "Gen.",
    "Lt.",
    "Lieutenant",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Admiral",
    "Adm.",
    "Major",
    "Maj.",
    "Sergeant",
    "Sgt.",
    "Chief Justice",
    "Justice",
    "Judge",
    "Ambassador",
    "Chairman",
    "Chairwoman",
    "Chair",
    "CEO",
    "Chief Executive",
    "Director",
    "Commissioner",
    "Speaker",
    "Premier",
    "Ayatollah",
    "Rev.",
    "Reverend",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Inspector",
    "Detective",
    "Coach",
)
_TITLE = "(?:" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + ")"
_TITLE_MODIFIERS = "former|late|acting|then|ex"
_TITLE_PREFIX = re.compile(
    rf"(?:(?:{_TITLE_MODIFIERS})[\s-]+)?"
    r"(?:(?:[A-Z]\.){2,}\s+|[A-Z]{2,3}\s+|[A-Z][a-z]+(?:an|ese|ish|i|ch)\s+)?"  # "U.S.", "Pakistani"
    + _TITLE
    + r"(?:\s+(?:and|&)\s+"
    + _TITLE
    + r")*\s+(?=[A-Z])"
)
_ONLY_TITLE = re.compile(rf"(?:(?:{_TITLE_MODIFIERS}|vice)[\s-]+)?" + _TITLE, re.IGNORECASE)
_QUOTES_AND_PUNCT = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}<>,;:!?*\u2013\u2014-/"
_DETERMINER = re.compile(r"(the|The)\s+(?=\S)")
_KEEPS_PERIOD = re.compile(r"(?:\b[A-Za-z]|\.[A-Za-z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|St|Mt))\.$")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"\u201d\u2019)]*|\n)\s*$")

_CAPITALISED = r"[A-Z](?:[\w&'\u2019]|\.(?=[A-Za-z]))*"
_JOINER = r"(?:\s(?:of\sthe|of|and|&|for)\s|\s|-)"
# Bounded repetition keeps the scan linear: unbounded, a long run of capitalised words with no
# head after it is re-scanned from every word (minutes for one 10 MB line).
_HEADED_NAME = re.compile(rf"(?:{_CAPITALISED}{_JOINER}){{1,10}}(?:{'|'.join(NAME_HEADS)})(?![\w-])")


def canonicalize(spans: list[Span], text: str, published: date | None = None) -> list[Mention]:
    """The article's mentions, in text order, non-overlapping, each with its canonical name and type."""
    spans = sorted((p for s in spans for p in _split_at_spaced_dashes(s, text)), key=lambda s: (s.start, -s.end))
    bare_names: dict[str, bool] = {}
    drafts = [d for s in spans if s.label in LABEL_TYPES and s.label != "DATE" if (d := _trimmed(s, text, bare_names))]
    # From here on ``drafts`` stays sorted and non-overlapping (NER spans never overlap).
    _plural_names_are_not_people(drafts, text)
    locate = SentenceLocator(spans, text)
    _repair_headed_names(drafts, text, locate)
    _add_missed_agencies(drafts, text, locate)
    acronyms = link_acronyms(drafts, text, locate)
    surfaces = [" ".join(text[d.start : d.end].split()) for d in drafts]
    written = {s.casefold(): s for s in surfaces if s.upper() != s}  # how mixed-case text writes a name
    for draft, surface in zip(drafts, surfaces, strict=True):
        if draft.target is None:
            name_draft(draft, surface, drafts, text, acronyms, written)
    link_short_forms(drafts, text)
    if not mostly_capitals(text):
        link_bare_acronyms(drafts, acronyms)
    add_repeated_names(drafts, text, locate)
    drafts = _names_only(drafts, text)
    mentions = _typed_mentions(drafts) + date_mentions(spans, text, published)
    return _without_overlaps(mentions)


# ---- trimming ----------------------------------------------------------------------------

_SPACED_DASH = re.compile(r"\s+(?:--|[\u2013\u2014])\s+")


def _split_at_spaced_dashes(span: Span, text: str) -> list[Span]:
    """A dash (an en or em dash, or "--") with spaces around it separates phrases ("based in
    Lyon \u2013 Renault"), never joins one name, so a span NER ran across one becomes a span on
    each side. A spaced hyphen is left alone: tokenised text writes "Wal - Mart"."""
    if span.label == "DATE" or not _SPACED_DASH.search(text, span.start, span.end):
        return [span]
    pieces, start = [], span.start
    for dash in _SPACED_DASH.finditer(text, span.start, span.end):
        pieces.append(Span(start, dash.start(), span.label, span.sentence))
        start = dash.end()
    pieces.append(Span(start, span.end, span.label, span.sentence))
    return pieces


def _names_only(drafts: list[Draft], text: str) -> list[Draft]:
    """Without the spans that name nothing (``not_names``); a demonym written in lower case
    ("french prices") stays, with its capital in the name."""
    lower_forms: dict[str, bool] = {}
    cased = not is_lower_case_text(text)
    kept = []
    for d in drafts:
        final = d.final()
        surface = text[final.start : final.end]
        if final.forced_type == "organisation" and final.name in NEWS_AGENCIES and is_credit(text, d.start, d.end):
            continue
        if final.label == "PERSON" and final.forced_type is None and _ONLY_TITLE.fullmatch(" ".join(surface.split())):
            continue  # "Madam Speaker", "the President": a role, which names no one by itself
        if final.forced_type is None and is_role(final.name):
            continue  # "Secretary of War", "His Majesty": an office, whatever NER read it as
        if has_no_capital(surface):
            if final.label == "NORP":
                final.name = final.name[:1].upper() + final.name[1:]
            elif cased:
                continue
        elif (
            final.forced_type is None
            and " " not in final.name
            and (
                is_abbreviation(surface)
                or is_legal_form(surface)
                or (final.label == "PERSON" and is_row_label(text, final.start, final.end))
                or (cased and final.label not in ("PERSON", "NORP") and is_common_noun(surface, text, lower_forms))
            )
        ):
            continue
        kept.append(d)
    return kept


def _trimmed(span: Span, text: str, bare_names: dict[str, bool]) -> Draft | None:
    """The span reduced to the name: no surrounding punctuation, determiner, title or possessive."""
    start, end = span.start, span.end
    stripped_the = False
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _QUOTES_AND_PUNCT + "."):
            start += 1
        while start < end and (text[end - 1].isspace() or text[end - 1] in _QUOTES_AND_PUNCT):
            end -= 1
        if end > start and text[end - 1] == "." and not _KEEPS_PERIOD.search(text, start, end):
            end -= 1
        possessive = POSSESSIVE.search(text, start, end)
        if (
            possessive
            and possessive.start() > start
            and (span.label != "ORG" or _possessive_of(text[start : possessive.start()], text, bare_names))
        ):
            end = possessive.start()
        determiner = _DETERMINER.match(text, start, end)
        if determiner and (determiner.group(1) == "the" or _SENTENCE_OPENING.search(text, max(0, start - 10), start)):
            start = determiner.end()
            stripped_the = True
        if span.label == "PERSON":
            title = _TITLE_PREFIX.match(text, start, end)
            if title:
                start = title.end()
        if (start, end) == before:
            break
    if not any(c.isalpha() for c in text[start:end]):
        return None
    return Draft(start, end, span.label, span.sentence, stripped_the)


_THE_BEFORE = re.compile(r"(?<![\w.])[Tt]he\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _plural_names_are_not_people(drafts: list[Draft], text: str) -> None:
    """ "The Beatles", "the Rolling Stones": a plural name right after "the" names a band, a team
    or a family, never one person. Where the article writes it so with nothing after it that
    could be the noun it modifies ("the Williams sisters"), every mention of it is one."""
    people = [d for d in drafts if d.label == "PERSON" and text[d.end - 1] == "s" and text[d.end - 2].isalpha()]
    plural = set()
    for d in people:
        if _THE_BEFORE.search(text, max(0, d.start - 6), d.start):
            following = _NEXT_WORD.match(text, d.end)
            word = following.group(1) if following else ""
            if not word or word in JOINERS or word.capitalize() in _FUNCTION_WORDS:
                plural.add(text[d.start : d.end])
    for d in people:
        if text[d.start : d.end] in plural:
            d.label = "ORG"


def _possessive_of(name: str, text: str, seen: dict[str, bool]) -> bool:
    """Whether the 's after an organisation's ``name`` is a possessive rather than part of the
    name: an eponymous company keeps it ("Moody's", "Standard & Poor's") when the text never
    names it without; a name of several plain words ("Apple Computer's") never does."""
    if " " in name and not re.search(r"(?:&|\band)\s+\S+$", name):
        return True
    return _named_bare(name, text, seen)


def _named_bare(name: str, text: str, seen: dict[str, bool]) -> bool:
    """Whether the text names ``name`` without a trailing 's."""
    if name not in seen:
        seen[name] = re.search(rf"(?<![\w-]){re.escape(name)}(?!['\u2019]s|[\w-])", text) is not None
    return seen[name]


# ---- span repair -------------------------------------------------------------------------


def _repair_headed_names(drafts: list[Draft], text: str, locate: SentenceLocator) -> None:
    """Extends or adds names like "Belt and Road Initiative" that NER cut short or missed."""
    repairs = []
    for match in _HEADED_NAME.finditer(text):
        start, end = _without_function_words(text, match.start(), match.end())
        phrase = text[start:end]
        words = re.split(r"[\s-]+", phrase)
        if (
            len(words) < 2
            or all(w.casefold().rstrip(".") in DESIGNATORS for w in words)
            or _in_headline(text, start, end)
        ):
            continue
        lo, hi = overlapping_range(drafts, start, end)
        inside = drafts[lo:hi]
        if any(d.start < start or d.end > end for d in inside) or any(
            d.start == start and d.end == end for d in inside
        ):
            continue
        if _joins_separate_names(phrase, start, inside):
            continue
        head = phrase.rsplit(None, 1)[-1].rsplit("-", 1)[-1]
        at_end = [d.label for d in inside if d.end == end and d.label in THING_LABELS]
        label = at_end[0] if at_end else NAME_HEADS[head]
        sentence = inside[0].sentence if inside else locate(start)
        repairs.append((lo, hi, Draft(start, end, label, sentence)))
    for lo, hi, draft in reversed(repairs):
        drafts[lo:hi] = [draft]


def _joins_separate_names(phrase: str, start: int, inside: list[Draft]) -> bool:
    """ "VTB, Sberbank and Gazprom Bank": an "and" right after a name, or between places or
    people; "the United Kingdom's Royal Air Force": a name's possessive before another name."""
    for joint in re.finditer(r"\s(?:and|&)\s", phrase):
        if any(d.end == start + joint.start() or d.label in ("GPE", "LOC", "NORP", "PERSON") for d in inside):
            return True
    for possessive in re.finditer(r"['\u2019]s\s", phrase):
        if any(d.end == start + possessive.start() for d in inside):
            return True
    return False


def _without_function_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drops leading capitalised function words ("The", "In") and the joiners after them, and
    a sentence's first word when "of" or "for" follows it ("Shares of Holdings Inc"), unless
    it is a head word itself ("Bank of …")."""
    while True:
        word = re.match(r"[\w'\u2019]+[\s-]+", text[start:end])
        if not word:
            return start, end
        if word.group().rstrip(" -\n\t") not in _LEADING_NOISE:
            opening = re.match(r"([\w'\u2019]+)\s(?:of|for)\s", text[start:end])
            if not (
                opening
                and opening.group(1) not in NAME_HEADS
                and _SENTENCE_OPENING.search(text, max(0, start - 10), start)
            ):
                return start, end
        start += word.end()


def _in_headline(text: str, start: int, end: int) -> bool:
    """A headline capitalises every word, so a capitalised run in one proves nothing."""
    first_line = line_at(text, start, start)
    if first_line.upper() == first_line:
        return True  # ALL CAPS (and NER's span, if any, stands)
    line = line_at(text, start, end)
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line) if len(w) > 3]
    return len(line) <= 150 and len(words) >= 3 and all(w[0].isupper() for w in words)


# ---- news agencies -----------------------------------------------------------------------


@cache
def _agency_pattern() -> re.Pattern[str]:
    """Agency names distinctive enough to recognise where NER saw nothing (no bare acronyms)."""
    variants = {v for vs in NEWS_AGENCIES.values() for v in vs if len(v) >= 4 and any(c.islower() for c in v)}
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _add_missed_agencies(drafts: list[Draft], text: str, locate: SentenceLocator) -> None:
    added = []
    for match in _agency_pattern().finditer(text):
        lo, hi = overlapping_range(drafts, match.start(), match.end())
        if lo == hi:
            added.append((lo, Draft(match.start(), match.end(), "ORG", locate(match.start()))))
    for at, draft in reversed(added):
        drafts.insert(at, draft)


# ---- types and output --------------------------------------------------------------------


def _typed_mentions(drafts: list[Draft]) -> list[Mention]:
    groups: dict[str, list[Draft]] = defaultdict(list)
    for d in drafts:
        groups[normalize_name(d.final().name)].append(d)
    mentions = []
    for members in groups.values():
        type_ = _agreed_type(members)
        name = members[0].final().name
        aliases = tuple(dict.fromkeys(a for d in members for a in d.aliases))
        short = _without_legal_form(name) if type_ == "organisation" else None
        linked = tuple(dict.fromkeys([*([short] if short else []), *link_aliases(name, type_)]))
        for d in members:
            own = aliases if d.aliases else ()
            mentions.append(Mention(d.start, d.end, name, type_, d.sentence, (*own, *linked)))
    return mentions


def _without_legal_form(name: str) -> str | None:
    """A company's name without its trailing legal form ("General Motors Corp." → "General
    Motors"), the name other articles know it by; None when it has none or nothing would remain."""
    words = name.replace(",", " ").split()
    kept = list(words)
    while len(kept) > 1 and kept[-1].replace(".", "").casefold() in LEGAL_FORMS:
        kept.pop()
    if len(kept) == len(words) or not kept[0][:1].isupper():
        return None
    return " ".join(kept)


def _agreed_type(members: list[Draft]) -> str:
    forced = [forced_type for d in members if (forced_type := d.final().forced_type)]
    if forced:
        return forced[0]
    votes = Counter(LABEL_TYPES[d.label] for d in members)
    if votes["group"] and 2 * votes["group"] >= sum(votes.values()):
        return "group"  # a demonym or nationality is never a person or place of its own
    structural = structural_type(members[0].final().name)
    if structural:
        return structural  # "Saturn Corporation", "Manchester United", whatever NER read them as
    full_name_type = LABEL_TYPES[members[0].final().label]
    return max(votes, key=lambda t: (votes[t], t == full_name_type, -TYPE_PRIORITY.index(t)))


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept
