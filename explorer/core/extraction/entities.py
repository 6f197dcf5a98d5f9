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
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from explorer.core.extraction.countries import country_name
from explorer.core.extraction.date_mentions import date_mentions
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
from explorer.core.model import LABEL_TYPES, Mention, Span
from explorer.core.news_agencies import NEWS_AGENCIES

# On equal votes the full name's own type wins, then the type listed first.
TYPE_PRIORITY = ("place", "organisation", "person", "event", "law", "product", "work", "group")
# Labels whose short forms may take a longer name of another label in this set ("Belt and
# Road" FAC → "Belt and Road Initiative" ORG); people and places only link among themselves.
_THING_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_BUCKETS = {"PERSON": "person", "GPE": "place", "LOC": "place"} | dict.fromkeys(_THING_LABELS, "thing")

# Head words that end a multi-word name, and the label such a name gets.
NAME_HEADS = {
    **dict.fromkeys((
        "Initiative", "Corridor", "Organization", "Organisation", "Agency", "Union", "Bank",
        "Council", "Party", "Committee", "Commission", "Association", "Authority", "Ministry",
        "Department", "Institute", "University", "College", "Foundation", "Fund", "Federation",
        "Alliance", "Coalition", "Corporation", "Corp", "Inc", "Ltd", "PLC", "LLC", "Company",
        "Group", "Board", "Bureau", "Office", "Service", "Army", "Navy", "Force", "Forces",
        "Police", "Court", "Parliament", "Assembly", "Congress", "Senate", "Front", "Movement",
        "Network", "Society", "Trust", "Exchange", "Reserve", "Program", "Programme", "Project",
        "Partnership", "Consortium", "Secretariat", "Tribunal", "Academy", "Forum",
    ), "ORG"),
    **dict.fromkeys((
        "Act", "Treaty", "Accord", "Accords", "Agreement", "Convention", "Protocol", "Charter",
        "Constitution", "Amendment",
    ), "LAW"),
    **dict.fromkeys((
        "War", "Summit", "Conference", "Games", "Olympics", "Championship", "Championships",
        "Cup", "Festival", "Revolution", "Crisis", "Expo",
    ), "EVENT"),
}
# Words that end an organisation's full name ("Inc", "Group", "Agency"), casefolded, no dots.
_DESIGNATORS = frozenset(
    [h.casefold() for h, label in NAME_HEADS.items() if label == "ORG"]
    + "co holdings ag sa nv spa gmbh bv ab asa oyj kk limited incorporated".split()
)
# Legal forms that end no person's name ("Co", "Sa" and "Ab" may: "Vivian Co").
_CORPORATE_ENDINGS = frozenset("inc incorporated corp corporation ltd limited plc llc gmbh".split())
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")
_LEADING_LETTERS_OF_WORD = re.compile(r"(?<![\w.&'\u2019-])[^\W\d_]+")
# Capitalised words that open a sentence or a phrase without being part of a name.
_FUNCTION_WORDS = frozenset("""
A About After Against Also Among An And As At Before Between Both But By Despite During Each
Even Every For From He Her Here His How However I If In Into It Its Last Like Many Meanwhile
Most Next Now Of On Only Or Our Over Several She Since Some Such That The Their Then There These
They This Those Through To Under Unlike We What When Where Which While Who Why With Within
Without Yet You
""".split())
_JOINERS = frozenset({"of", "and", "the", "for", "on", "in", "de", "du", "des", "la", "le", "&"})
_LEADING_NOISE = _FUNCTION_WORDS | _JOINERS
# Titles and honorifics stripped from the front of a person's name.
_TITLES = (
    "Vice President", "President-elect", "President", "Deputy Prime Minister", "Prime Minister",
    "Foreign Minister", "Finance Minister", "Defence Minister", "Defense Minister",
    "Interior Minister", "Minister", "Chancellor", "Secretary of State", "Secretary-General",
    "Secretary General", "Secretary", "Senator", "Sen.", "Rep.", "Representative", "Congressman",
    "Congresswoman", "Governor", "Gov.", "Mayor", "King", "Queen", "Crown Prince", "Prince",
    "Princess", "Emperor", "Pope", "Sheikh", "Sir", "Dame", "Lord", "Lady", "First Lady",
    "Second Lady", "First Gentleman", "Second Gentleman", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms",
    "Miss", "Madam", "Madame", "Mme.", "Mme", "Monsieur", "Dr.", "Dr", "Prof.", "Professor",
    "Field Marshal", "Marshal", "General", "Gen.", "Lt.", "Lieutenant", "Colonel", "Col.",
    "Captain", "Capt.", "Admiral", "Adm.", "Major", "Maj.", "Sergeant", "Sgt.", "Chief Justice", "Justice", "Judge", "Ambassador",
    "Chairman", "Chairwoman", "Chair", "CEO", "Chief Executive", "Director", "Commissioner",
    "Speaker", "Premier", "Ayatollah", "Rev.", "Reverend", "Bishop", "Archbishop", "Cardinal",
    "Rabbi", "Imam", "Inspector", "Detective", "Coach",
)
_TITLE = "(?:" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + ")"
_TITLE_MODIFIERS = "former|late|acting|then|ex"
_TITLE_PREFIX = re.compile(
    rf"(?:(?:{_TITLE_MODIFIERS})[\s-]+)?"
    r"(?:(?:[A-Z]\.){2,}\s+|[A-Z]{2,3}\s+|[A-Z][a-z]+(?:an|ese|ish|i|ch)\s+)?"   # "U.S.", "Pakistani"
    + _TITLE + r"(?:\s+(?:and|&)\s+" + _TITLE + r")*\s+(?=[A-Z])"
)
_ONLY_TITLE = re.compile(rf"(?:(?:{_TITLE_MODIFIERS}|vice)[\s-]+)?" + _TITLE, re.IGNORECASE)
_QUOTES_AND_PUNCT = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}<>,;:!?*\u2013\u2014-/"
_DETERMINER = re.compile(r"(the|The)\s+(?=\S)")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_KEEPS_PERIOD = re.compile(r"(?:\b[A-Za-z]|\.[A-Za-z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Bros|St|Mt))\.$")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"\u201d\u2019)]*|\n)\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019)]*\s+(?=[\"\u201c(]?[A-Z])|\n\s*\n")

_CAPITALISED = r"[A-Z](?:[\w&'\u2019]|\.(?=[A-Za-z]))*"
_JOINER = r"(?:\s(?:of\sthe|of|and|&|for)\s|\s|-)"
# Bounded repetition keeps the scan linear: unbounded, a long run of capitalised words with no
# head after it is re-scanned from every word (minutes for one 10 MB line).
_HEADED_NAME = re.compile(
    rf"(?:{_CAPITALISED}{_JOINER}){{1,10}}(?:{'|'.join(NAME_HEADS)})(?![\w-])"
)
_ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_WORD = re.compile(r"[\w.&'\u2019]+(?:-[\w.&'\u2019]+)*")
_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})


def normalize_name(name: str) -> str:
    """The identity key of a name: NFKC, casefolded, plain quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", name).translate(_TRANSLATE).casefold()
    return " ".join(text.split())


@dataclass(eq=False)
class _Draft:
    """A mention being worked on; ``target`` points to the mention whose name it takes."""

    start: int
    end: int
    label: str
    sentence: int
    stripped_the: bool = False
    name: str = ""
    forced_type: str | None = None
    target: _Draft | None = None
    aliases: list[str] = field(default_factory=list)

    def final(self) -> _Draft:
        draft = self
        while draft.target is not None:
            draft = draft.target
        return draft


def canonicalize(spans: list[Span], text: str, published: date | None = None) -> list[Mention]:
    """The article's mentions, in text order, non-overlapping, each with its canonical name and type."""
    spans = sorted((p for s in spans for p in _split_at_spaced_dashes(s, text)), key=lambda s: (s.start, -s.end))
    bare_names: dict[str, bool] = {}
    drafts = [
        d for s in spans if s.label in LABEL_TYPES and s.label != "DATE" if (d := _trimmed(s, text, bare_names))
    ]
    # From here on ``drafts`` stays sorted and non-overlapping (NER spans never overlap).
    _plural_names_are_not_people(drafts, text)
    locate = SentenceLocator(spans, text)
    _repair_headed_names(drafts, text, locate)
    _add_missed_agencies(drafts, text, locate)
    acronyms = _link_acronyms(drafts, text, locate)
    surfaces = [" ".join(text[d.start:d.end].split()) for d in drafts]
    written = {s.casefold(): s for s in surfaces if s.upper() != s}  # how mixed-case text writes a name
    for draft, surface in zip(drafts, surfaces):
        if draft.target is None:
            _name(draft, surface, drafts, text, acronyms, written)
    _link_short_forms(drafts)
    if not _mostly_capitals(text):
        _link_bare_acronyms(drafts, acronyms)
    _add_repeated_names(drafts, text, locate)
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


def _names_only(drafts: list[_Draft], text: str) -> list[_Draft]:
    """Without the spans that name nothing (``not_names``); a demonym written in lower case
    ("french prices") stays, with its capital in the name."""
    lower_forms: dict[str, bool] = {}
    cased = not is_lower_case_text(text)
    kept = []
    for d in drafts:
        final = d.final()
        surface = text[final.start:final.end]
        if final.forced_type == "organisation" and final.name in NEWS_AGENCIES and is_credit(text, d.start, d.end):
            continue
        if final.label == "PERSON" and final.forced_type is None and _ONLY_TITLE.fullmatch(
            " ".join(surface.split())
        ):
            continue  # "Madam Speaker", "the President": a role, which names no one by itself
        if has_no_capital(surface):
            if final.label == "NORP":
                final.name = final.name[:1].upper() + final.name[1:]
            elif cased:
                continue
        elif final.forced_type is None and " " not in final.name and (
            is_abbreviation(surface) or is_legal_form(surface)
            or (final.label == "PERSON" and is_row_label(text, final.start, final.end))
            or (cased and final.label not in ("PERSON", "NORP") and is_common_noun(surface, text, lower_forms))
        ):
            continue
        kept.append(d)
    return kept


def _trimmed(span: Span, text: str, bare_names: dict[str, bool]) -> _Draft | None:
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
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive and possessive.start() > start and (
            span.label != "ORG" or _possessive_of(text[start:possessive.start()], text, bare_names)
        ):
            end = possessive.start()
        determiner = _DETERMINER.match(text, start, end)
        if determiner and (
            determiner.group(1) == "the" or _SENTENCE_OPENING.search(text, max(0, start - 10), start)
        ):
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
    return _Draft(start, end, span.label, span.sentence, stripped_the)


_THE_BEFORE = re.compile(r"(?<![\w.])[Tt]he\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _plural_names_are_not_people(drafts: list[_Draft], text: str) -> None:
    """"The Beatles", "the Rolling Stones": a plural name right after "the" names a band, a team
    or a family, never one person. Where the article writes it so with nothing after it that
    could be the noun it modifies ("the Williams sisters"), every mention of it is one."""
    people = [d for d in drafts if d.label == "PERSON" and text[d.end - 1] == "s" and text[d.end - 2].isalpha()]
    plural = set()
    for d in people:
        if _THE_BEFORE.search(text, max(0, d.start - 6), d.start):
            following = _NEXT_WORD.match(text, d.end)
            word = following.group(1) if following else ""
            if not word or word in _JOINERS or word.capitalize() in _FUNCTION_WORDS:
                plural.add(text[d.start:d.end])
    for d in people:
        if text[d.start:d.end] in plural:
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


class SentenceLocator:
    """Sentence numbers for names added by these rules, counted from the nearest NER span."""

    def __init__(self, spans: list[Span], text: str) -> None:
        self.spans = spans
        self.starts = [s.start for s in spans]
        self.text = text

    def __call__(self, position: int) -> int:
        i = bisect_right(self.starts, position) - 1
        if i < 0:
            return 0
        previous = self.spans[i]
        breaks = _SENTENCE_BREAK.finditer(self.text, previous.end, position + 2)  # + 2: room for the lookahead
        sentence = previous.sentence + sum(1 for b in breaks if b.start() < position)
        if i + 1 < len(self.spans):
            sentence = min(sentence, self.spans[i + 1].sentence)
        return sentence


# ---- span repair -------------------------------------------------------------------------

def _overlapping(drafts: list[_Draft], start: int, end: int) -> tuple[int, int]:
    """The index range of the (sorted, non-overlapping) drafts that overlap [start, end)."""
    return bisect_right(drafts, start, key=_end), bisect_left(drafts, end, key=_start)


def _start(draft: _Draft) -> int:
    return draft.start


def _end(draft: _Draft) -> int:
    return draft.end


def _repair_headed_names(drafts: list[_Draft], text: str, locate: SentenceLocator) -> None:
    """Extends or adds names like "Belt and Road Initiative" that NER cut short or missed."""
    repairs = []
    for match in _HEADED_NAME.finditer(text):
        start, end = _without_function_words(text, match.start(), match.end())
        phrase = text[start:end]
        words = re.split(r"[\s-]+", phrase)
        if (
            len(words) < 2
            or all(w.casefold().rstrip(".") in _DESIGNATORS for w in words)
            or _in_headline(text, start, end)
        ):
            continue
        lo, hi = _overlapping(drafts, start, end)
        inside = drafts[lo:hi]
        if any(d.start < start or d.end > end for d in inside) or any(
            d.start == start and d.end == end for d in inside
        ):
            continue
        if _joins_separate_names(phrase, start, inside):
            continue
        head = phrase.rsplit(None, 1)[-1].rsplit("-", 1)[-1]
        at_end = [d.label for d in inside if d.end == end and d.label in _THING_LABELS]
        label = at_end[0] if at_end else NAME_HEADS[head]
        sentence = inside[0].sentence if inside else locate(start)
        repairs.append((lo, hi, _Draft(start, end, label, sentence)))
    for lo, hi, draft in reversed(repairs):
        drafts[lo:hi] = [draft]


def _joins_separate_names(phrase: str, start: int, inside: list[_Draft]) -> bool:
    """"VTB, Sberbank and Gazprom Bank": an "and" right after a name, or between places or
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
                opening and opening.group(1) not in NAME_HEADS
                and _SENTENCE_OPENING.search(text, max(0, start - 10), start)
            ):
                return start, end
        start += word.end()


def _in_headline(text: str, start: int, end: int) -> bool:
    """A headline capitalises every word, so a capitalised run in one proves nothing."""
    first_line = _line_at(text, start, start)
    if first_line.upper() == first_line:
        return True  # ALL CAPS (and NER's span, if any, stands)
    line = _line_at(text, start, end)
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line) if len(w) > 3]
    return len(line) <= 150 and len(words) >= 3 and all(w[0].isupper() for w in words)


def _line_at(text: str, start: int, end: int) -> str:
    """The line of ``text`` that holds [start, end)."""
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1:line_end if line_end >= 0 else len(text)]


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


@cache
def _agency_pattern() -> re.Pattern[str]:
    """Agency names distinctive enough to recognise where NER saw nothing (no bare acronyms)."""
    variants = {v for vs in NEWS_AGENCIES.values() for v in vs if len(v) >= 4 and any(c.islower() for c in v)}
    alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _add_missed_agencies(drafts: list[_Draft], text: str, locate: SentenceLocator) -> None:
    added = []
    for match in _agency_pattern().finditer(text):
        lo, hi = _overlapping(drafts, match.start(), match.end())
        if lo == hi:
            added.append((lo, _Draft(match.start(), match.end(), "ORG", locate(match.start()))))
    for at, draft in reversed(added):
        drafts.insert(at, draft)


# ---- acronyms ----------------------------------------------------------------------------

def _initials(words: list[str]) -> tuple[str, str]:
    """(initials of the capitalised word parts but joiners, initials of all word parts), upper case.

    "Organization of the Petroleum Exporting Countries" → ("OPEC", "OOTPEC").
    """
    parts = [p for w in words for p in w.split("-") if p]
    return (
        "".join(p[0] for p in parts if p[0].isupper() and p.casefold() not in _JOINERS),
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
        if not run[0].group()[0].isupper() or run[0].group().casefold() in _JOINERS:
            continue
        if letters in _initials([w.group() for w in run]):
            end = region_start + run[-1].end()
            return region_start + run[0].start(), end - 2 if _POSSESSIVE.search(text, end - 2, end) else end
    return None


def _link_acronyms(drafts: list[_Draft], text: str, locate: SentenceLocator) -> set[str]:
    """"Long Form Name (LFN)": LFN and its later bare uses take the long form's name."""
    acronyms: set[str] = set()
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(1).rstrip(".-")
        letters = _acronym_letters(acronym)
        span = _long_form(text, match.start(), letters) if letters else None
        if span is None:
            continue
        long_form = _claim(drafts, span, locate, _acronym_label(drafts, match), definition=True)
        acronyms.add(acronym)
        long_form.aliases.append(acronym)
        for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            draft = _claim(drafts, use.span(), locate, long_form.label, definition=False)
            if draft is not None and draft is not long_form:
                draft.target = long_form
    return acronyms


def _acronym_label(drafts: list[_Draft], match: re.Match[str]) -> str:
    lo, hi = _overlapping(drafts, match.start(), match.end())
    labels = [d.label for d in drafts[lo:hi] if d.start >= match.start() and d.end <= match.end()]
    return labels[0] if labels and labels[0] in _THING_LABELS else "ORG"


def _claim(
    drafts: list[_Draft], span: tuple[int, int], locate: SentenceLocator, label: str, *, definition: bool
) -> _Draft | None:
    """The draft covering exactly ``span``, made from the drafts it overlaps if need be.

    A definition's long form replaces every draft it overlaps; a later use of an acronym is
    left alone (None) when a draft reaches outside it ("CPEC projects").
    """
    start, end = span
    lo, hi = _overlapping(drafts, start, end)
    overlapping = drafts[lo:hi]
    for d in overlapping:
        if d.start == start and d.end == end:
            return d
    if not definition and any(d.start < start or d.end > end for d in overlapping):
        return None
    at_end = [d.label for d in overlapping if d.end == end and d.label in _THING_LABELS]
    sentence = overlapping[0].sentence if overlapping else locate(start)
    draft = _Draft(start, end, at_end[0] if at_end else label, sentence)
    drafts[lo:hi] = [draft]
    return draft


# ---- names -------------------------------------------------------------------------------

def _name(
    draft: _Draft, surface: str, drafts: list[_Draft], text: str, acronyms: set[str], written: dict[str, str]
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


def _is_surname(surface: str, draft: _Draft, drafts: list[_Draft], text: str) -> bool:
    """Whether this PERSON mention ends a longer person's name in the article ("Bloomberg")."""
    if draft.label != "PERSON":
        return False
    suffix = " " + surface
    return any(
        d.label == "PERSON" and d is not draft and " ".join(text[d.start:d.end].split()).endswith(suffix)
        for d in drafts
    )


def _readable_case(surface: str, start: int, text: str, written: dict[str, str]) -> str:
    """An ALL-CAPS name as the article writes it elsewhere, else, on an ALL-CAPS line (a
    headline), in title case; short acronyms are kept."""
    if surface.upper() != surface or surface.lower() == surface:
        return surface
    if surface.casefold() in written:
        return written[surface.casefold()]
    line = _line_at(text, start, start)
    if line.upper() != line or (" " not in surface and len(surface) <= 4):
        return surface  # capitals in mixed-case text are deliberate ("EADS N.V.")
    return " ".join(
        w.lower() if i and w.casefold() in _JOINERS
        else w if len(w) <= 2 or re.fullmatch(r"(?:[A-Z]\.)+", w) else w.title()
        for i, w in enumerate(surface.split())
    )


# ---- linking within the article ----------------------------------------------------------

def _link_short_forms(drafts: list[_Draft]) -> None:
    """A name that begins (or, for people, ends) a longer name of its kind takes that name."""
    by_name: dict[tuple[str, str], list[_Draft]] = defaultdict(list)
    for d in drafts:
        bucket = _BUCKETS.get(d.label)
        if d.target is None and d.forced_type is None and bucket in ("person", "thing"):
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


def _add_repeated_names(drafts: list[_Draft], text: str, locate: SentenceLocator) -> None:
    """Where NER missed a name it found elsewhere in the article, the name is the same mention
    (one reading per name and article); a person's surname alone refers to that person when no
    other person in the article shares it, whatever NER labelled it ("Jobs" as an organisation
    beside "Steve Jobs"). Only capitalised forms of three letters or more."""
    forms: dict[str, _Draft | None] = {}
    surnames: dict[str, _Draft | None] = {}

    def offer(form: str, target: _Draft) -> None:
        if len(form) >= 3 and form[0].isupper() and "\n" not in form:
            _one_reading(forms, form, target)

    for d in drafts:
        target = d.final()
        surface = text[d.start:d.end]
        if target.label == "PERSON" and " " in surface:
            _one_reading(surnames, surface.split()[-1], target)
    # Surnames are linked before the forms are offered, so that a surname NER read as something
    # else is the person's form, not a rival reading that would stop its repetition.
    for d in drafts:
        person = surnames.get(text[d.start:d.end])
        if person is not None and d.target is None and d.forced_type is None and d.label != "PERSON":
            d.target = person
    for d in drafts:
        target = d.final()
        surface = text[d.start:d.end]
        offer(surface, target)
        if target.label == "PERSON" and " " in surface:
            offer(surface.split()[-1], target)
    # Forms by their first letters, tried longest first at each capitalised word: linear in the
    # text, however many names the article has (one alternation of them all is not).
    by_letters: dict[str, list[str]] = defaultdict(list)
    for form in sorted((f for f, t in forms.items() if t is not None), key=len, reverse=True):
        by_letters[_LEADING_LETTERS.match(form).group()].append(form)
    added = []
    end = 0
    for word in _LEADING_LETTERS_OF_WORD.finditer(text):
        start = word.start()
        if start < end:
            continue
        form = next((f for f in by_letters.get(word.group(), ()) if _names_at(text, f, start)), None)
        if form is None:
            continue
        end = start + len(form)
        first, last = _overlapping(drafts, start, end)
        if first == last:
            target = forms[form]
            added.append(_Draft(start, end, target.label, locate(start), target=target))
    if added:
        drafts.extend(added)
        drafts.sort(key=_start)


def _one_reading(readings: dict[str, _Draft | None], form: str, target: _Draft) -> None:
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
    ("Xinhua" → "Xinhua News Agency", "Fiat" → "Fiat Group SpA"), never "GM" → "GM Europe"."""
    n = len(words)
    if person:
        return longer[:n] == words or longer[-n:] == words
    if longer[:n] != words:
        return False
    rest = [w.replace(".", "") for w in longer[n:]]
    while rest and rest[-1] in _DESIGNATORS:
        rest.pop()
    return len(rest) < len(longer) - n and len(rest) <= 1


def _link_bare_acronyms(drafts: list[_Draft], defined: set[str]) -> None:
    """An undefined acronym ("WHO") takes the one multi-word name in the article it abbreviates."""
    long_names: dict[str, dict[str, _Draft]] = {}  # initials → the names they abbreviate (one draft each)
    for d in drafts:
        if d.target is None and d.forced_type is None and d.label in _THING_LABELS and " " in d.name:
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


def _mostly_capitals(text: str) -> bool:
    sample = text[:2000]
    return sum(map(str.isupper, sample)) > 0.5 * sum(map(str.isalpha, sample))


# ---- types and output --------------------------------------------------------------------

def _typed_mentions(drafts: list[_Draft]) -> list[Mention]:
    groups: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        groups[normalize_name(d.final().name)].append(d)
    mentions = []
    for members in groups.values():
        type_ = _agreed_type(members)
        name = members[0].final().name
        aliases = tuple(dict.fromkeys(a for d in members for a in d.aliases))
        short = _without_legal_form(name) if type_ == "organisation" else None
        for d in members:
            own = aliases if d.aliases else ()
            mentions.append(Mention(d.start, d.end, name, type_, d.sentence, (*own, short) if short else own))
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


def _agreed_type(members: list[_Draft]) -> str:
    forced = [d.final().forced_type for d in members if d.final().forced_type]
    if forced:
        return forced[0]
    votes = Counter(LABEL_TYPES[d.label] for d in members)
    if votes["group"] and 2 * votes["group"] >= sum(votes.values()):
        return "group"  # a demonym or nationality is never a person or place of its own
    name = members[0].final().name.split()
    if len(name) > 1 and name[-1].replace(".", "").casefold() in _CORPORATE_ENDINGS:
        return "organisation"  # "Saturn Corporation", whatever NER read it as
    full_name_type = LABEL_TYPES[members[0].final().label]
    return max(votes, key=lambda t: (votes[t], t == full_name_type, -TYPE_PRIORITY.index(t)))


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept
