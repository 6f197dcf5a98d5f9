"""Title, date and source of an article, each with where it came from.

Pure functions over the normalised text (``ingest.normalise_text``) and the file name. They run
on every imported file, so they use strict regular expressions on the first and last few
hundred characters (well under a millisecond an article) rather than a general date parser, and
they never guess: a date without a year is taken only when the user's default date says which
year is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from explorer.core.news_agencies import NEWS_AGENCIES
from explorer.core.reading.dateline import MONTHS, date_from_dateline, valid_date

TITLE_MAX_CHARS = 150
TITLE_WORDS = 12
DATELINE_CHARS = 300  # a dateline is looked for this near the top of the body
ATTRIBUTION_LINES = 3  # a closing attribution is looked for in this many last lines
ATTRIBUTION_MAX_CHARS = 100
FRONT_MATTER_MAX_LINES = 100

TITLE_KEYS = ("title", "headline", "subject")
DATE_KEYS = ("date", "published", "publication date", "pubdate", "date published", "published at", "published on")
SOURCE_KEYS = ("source", "publisher", "agency")
# Header lines that are recognised (and removed from the body) but not used.
OTHER_HEADER_KEYS = (
    "author",
    "authors",
    "by",
    "byline",
    "url",
    "link",
    "section",
    "category",
    "categories",
    "tags",
    "keywords",
    "language",
    "lang",
    "id",
    "updated",
    "modified",
)
HEADER_KEYS = frozenset(TITLE_KEYS + DATE_KEYS + SOURCE_KEYS + OTHER_HEADER_KEYS)

MIN_YEAR = 1000  # a header or file name may date a historical text (the 1790s addresses)
COMPACT_YEAR_PREFIXES = ("18", "19", "20")  # "20240608" is a date, "10230101" an id


@dataclass(frozen=True)
class Metadata:
    """What ``detect_metadata`` found; ``body`` is the text without the title line and headers."""

    title: str
    body: str
    published: date | None
    date_source: str  # header | front matter | file name | dateline | user | none
    source: str | None
    source_origin: str | None  # header | dateline | attribution


def detect_metadata(
    text: str, name: str | None = None, *, default_date: date | None = None, latest: date | None = None
) -> Metadata:
    """Title, body, date and source of a normalised article text read from the file ``name``.

    ``latest`` is the last day the article can have been published (the file's modification
    time or the import moment): a date found after it is wrong, and not taken.
    """
    fields, block_kind, title, body = _split(text)
    published, date_source = _find_date(fields, block_kind, name, body, default_date, latest)
    source, source_origin = find_source(fields, body)
    return Metadata(title, body, published, date_source, source, source_origin)


def detect_date(
    text: str, name: str | None = None, default_date: date | None = None, latest: date | None = None
) -> tuple[date | None, str]:
    """(published, date_source) of a normalised text, as ``detect_metadata`` finds them."""
    fields, block_kind, _, body = _split(text)
    return _find_date(fields, block_kind, name, body, default_date, latest)


def _split(text: str) -> tuple[dict[str, str], str | None, str, str]:
    fields, block_kind, content = read_header_block(text)
    header_title = next((fields[key] for key in TITLE_KEYS if fields.get(key)), None)
    if header_title:
        return fields, block_kind, header_title, content
    return (fields, block_kind, *split_title(content))


# --- headers and front matter -------------------------------------------------------------

_FIELD_RE = re.compile(r"([A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*(.*)")


def read_header_block(text: str) -> tuple[dict[str, str], str | None, str]:
    """Fields of a leading front matter or ``Key: value`` header block, its kind, and the rest.

    Front matter is ``---`` … ``---`` (or ``...``) at the very top; a header block is a run of
    leading lines whose keys are known (``HEADER_KEYS``), so that an article that merely begins
    with "Note: …" keeps its first line. Keys are lower-cased, values unquoted.
    """
    if text.startswith("---\n"):
        fields, rest = _front_matter(text)
        if rest is not None:
            return fields, "front matter", rest
    fields = {}
    position = 0
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        field = _field(text[position:end])
        if field is None or field[0] not in HEADER_KEYS:
            break
        fields.setdefault(*field)
        position = end + 1
    if not fields:
        return {}, None, text
    return fields, "header", skip_blank_lines(text[position:])


def _front_matter(text: str) -> tuple[dict[str, str], str | None]:
    fields: dict[str, str] = {}
    position = 4
    for _ in range(FRONT_MATTER_MAX_LINES):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[position:end]
        if line.rstrip() in ("---", "..."):
            return fields, skip_blank_lines(text[end + 1 :])
        field = _field(line)
        if field is not None:
            fields.setdefault(*field)
        if end == len(text):
            break
        position = end + 1
    return {}, None


def _field(line: str) -> tuple[str, str] | None:
    match = _FIELD_RE.fullmatch(line.rstrip())
    if match is None:
        return None
    key = " ".join(match.group(1).replace("_", " ").replace("-", " ").lower().split())
    value = match.group(2).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return key, value


def skip_blank_lines(text: str) -> str:
    """``text`` from its first line that is not blank (that line's indentation kept)."""
    stripped = text.lstrip()
    if not stripped:
        return ""
    return text[text.rfind("\n", 0, len(text) - len(stripped)) + 1 :]


# --- title ----------------------------------------------------------------------------------

_MARKDOWN_HEADING_RE = re.compile(r"#{1,6}\s+(.*?)[\s#]*")
# Two sentences on one line ("… said. The …"): a paragraph, not a headline. Needs three
# lower-case letters before the full stop so that "Mr. Smith" and "U.S. Senate" do not count.
_SENTENCE_BREAK_RE = re.compile(r"[a-z]{3}\.[\"”’']?\s+[\"“‘']?[A-Z]")
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|Dr|St|Bros)\.$")
_CLOSING_CHARS = "\"'”’)]»"
_CONTINUATION_WORDS = frozenset(
    "a an the and or but nor of in on at to for from with by as that which who whose than is are "
    "was were be been has have had said says its his her their our this these those into over "
    "under about after before between during against among per not would will could should can "
    "may might if while".split()
)
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n")
_ABBREVIATIONS = frozenset("mr mrs ms dr st jr sr inc co corp ltd no vs gen gov sen rep".split())


def split_title(content: str) -> tuple[str, str]:
    """(title, body) of a text without headers.

    A short first line that reads like a headline is the title and the body is the rest;
    otherwise the title is made from the first words and the body is the whole text.
    """
    first, _, rest = content.partition("\n")
    line = first.strip()
    heading = _MARKDOWN_HEADING_RE.fullmatch(line)
    if heading and heading.group(1) and rest.strip():
        return heading.group(1), skip_blank_lines(rest)
    if rest.strip() and is_title_line(line, rest):
        return line, skip_blank_lines(rest)
    return title_from_words(content), content


def is_title_line(line: str, following: str) -> bool:
    """Whether the stripped first ``line``, followed by ``following``, is a headline."""
    if not line or len(line) > TITLE_MAX_CHARS or not any(char.isalnum() for char in line):
        return False
    if _SENTENCE_BREAK_RE.search(line):
        return False
    tail = line.rstrip(_CLOSING_CHARS)
    newline = following.find("\n")
    next_line = (following if newline < 0 else following[:newline]).strip()
    if tail.endswith((",", ";", ":", "…", "-", "–", "—")):
        return False
    if _is_all_caps(line) and not _is_all_caps(next_line):  # wire headline: "BAHIA COCOA REVIEW"
        return True
    if tail.endswith(".") and not _ABBREVIATION_END_RE.search(tail):
        return False
    if not next_line:
        return True
    # The line runs straight into more text: a headline only if it does not read like the
    # first line of a hard-wrapped paragraph.
    if next_line[0].islower():
        return False
    if tail.endswith(("?", "!")):
        return True
    last_word = tail.rsplit(None, 1)[-1].strip(_CLOSING_CHARS + '"“‘(')
    return last_word not in _CONTINUATION_WORDS


def _is_all_caps(line: str) -> bool:
    return line.upper() == line and line.lower() != line


def title_from_words(text: str) -> str:
    """The first sentence of the first paragraph when it is short, else its first words + "…"."""
    head = text[: TITLE_MAX_CHARS * 20]
    paragraph_break = _PARAGRAPH_BREAK_RE.search(head)
    paragraph = head[: paragraph_break.start()] if paragraph_break else head
    words = paragraph.split(None, TITLE_WORDS)
    for index, word in enumerate(words[:TITLE_WORDS]):
        if _ends_sentence(word):
            return _cap_length(" ".join(words[: index + 1]))
    truncated = len(words) > TITLE_WORDS or paragraph_break is not None or len(text) > len(head)
    title = " ".join(words[:TITLE_WORDS])
    if truncated:
        title = title.rstrip(",;:-–— ") + "…"
    return _cap_length(title)


def _ends_sentence(word: str) -> bool:
    tail = word.rstrip(_CLOSING_CHARS)
    if tail.endswith(("?", "!")):
        return True
    if not tail.endswith(".") or tail.endswith(".."):
        return False
    stem = tail[:-1]
    return len(stem) > 1 and "." not in stem and stem.lower() not in _ABBREVIATIONS


def _cap_length(title: str) -> str:
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title.rfind(" ", 0, TITLE_MAX_CHARS)
    return title[: cut if cut > 0 else TITLE_MAX_CHARS - 1].rstrip(",;:-–— ") + "…"


# --- date -----------------------------------------------------------------------------------


def _month_pattern() -> str:
    names = sorted(MONTHS, key=len, reverse=True)
    return "|".join(f"{name.capitalize()}|{name.upper()}" for name in names)


_MONTH = _month_pattern()
_ORDINAL = r"(?:st|nd|rd|th)?"
# A date that a header value holds: ISO, "June 8, 2024", "8 June 2024", "Sat, 08 Jun 2024".
_HEADER_DATE_RE = re.compile(
    rf"(?<!\d)(?P<iy>\d{{4}})(?P<sep>[-/.])(?P<im>\d{{1,2}})(?P=sep)(?P<id>\d{{1,2}})(?!\d)"
    rf"|\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}\b,?\s+(?P<y1>\d{{4}})\b"
    rf"|\b(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?,?\s+(?P<y2>\d{{4}})\b"
)
_FILE_NAME_DATE_RE = re.compile(r"(?<!\d)(\d{4})([-_.]?)(\d\d)\2(\d\d)(?!\d)")
_COMPACT_DATE_RE = re.compile(r"(\d{4})(\d\d)(\d\d)(?:\D|$)")
_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:\D|$)")


def _find_date(
    fields: dict[str, str],
    block_kind: str | None,
    name: str | None,
    body: str,
    default_date: date | None,
    latest: date | None,
) -> tuple[date | None, str]:
    """The first date found, strongest evidence first; one later than ``latest`` is not taken."""
    header = next((found for key in DATE_KEYS if fields.get(key) and (found := parse_date(fields[key]))), None)
    candidates = (
        (header, block_kind or "header"),
        (date_from_file_name(name) if name else None, "file name"),
        (date_from_dateline(body, near=default_date), "dateline"),
    )
    for published, origin in candidates:
        if published is not None and (latest is None or published <= latest):
            return published, origin
    if default_date is not None:
        return default_date, "user"
    return None, "none"


def parse_date(value: str) -> date | None:
    """A complete date written in a header value: ISO (with or without time), "20240608",
    "June 8, 2024", "Sat, 08 Jun 2024 10:00 +0000", or day/month/year when unambiguous."""
    value = value.strip()
    compact = _COMPACT_DATE_RE.match(value)
    if compact and compact.group(1).startswith(COMPACT_YEAR_PREFIXES):
        return _valid_date(*map(int, compact.groups()))
    numeric = _NUMERIC_DATE_RE.match(value)
    if numeric:
        first, separator, second, year = numeric.groups()
        return _day_month_date(int(year), int(first), int(second), day_first=separator == ".")
    match = _HEADER_DATE_RE.search(value)
    if match is None:
        return None
    if match.group("iy"):
        return _valid_date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    month_name, day, year = (
        (match.group("m1"), match.group("d1"), match.group("y1"))
        if match.group("m1")
        else (match.group("m2"), match.group("d2"), match.group("y2"))
    )
    return _valid_date(int(year), MONTHS[month_name.lower()], int(day))


def _day_month_date(year: int, first: int, second: int, *, day_first: bool) -> date | None:
    if day_first or first > 12:
        return _valid_date(year, second, first)
    if second > 12 or first == second:
        return _valid_date(year, first, second)
    return None  # 06/08/2024: June 8 or 6 August, the text does not say


def date_from_file_name(name: str) -> date | None:
    """A valid date written as YYYY-MM-DD, YYYY_MM_DD, YYYY.MM.DD or YYYYMMDD in a file name."""
    for match in _FILE_NAME_DATE_RE.finditer(PurePath(name).name):
        if not match.group(2) and not match.group(1).startswith(COMPACT_YEAR_PREFIXES):
            continue
        found = _valid_date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
        if found is not None:
            return found
    return None


def _valid_date(year: int, month: int, day: int) -> date | None:
    return valid_date(year, month, day, min_year=MIN_YEAR)


# --- source ---------------------------------------------------------------------------------

# Short variants ("AP", "dpa") must match exactly; longer ones in any case ("REUTER").
_EXACT_AGENCIES = {variant: name for name, variants in NEWS_AGENCIES.items() for variant in variants}
_FOLDED_AGENCIES = {variant.casefold(): name for variant, name in _EXACT_AGENCIES.items() if len(variant) > 4}
_AGENCY_RE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        re.escape(variant) if len(variant) <= 4 else f"(?i:{re.escape(variant)})"
        for variant in sorted(_EXACT_AGENCIES, key=len, reverse=True)
    )
    + r")(?!\w)"
)
# "BEIJING, June 8 (Reuters) - …": the agency in parentheses, then a dash or colon.
_DATELINE_AGENCY_RE = re.compile(r"\(([^()\n]{2,60})\)[ \t]*(?:-|–|—|:)")
_CREDITS_RE = re.compile(
    r"[(\[]?\s*(?:additional\s+)?(?:reporting|editing|writing|written|compiled|produced|"
    r"translated|translation|graphics?|photos?)\b",
    re.IGNORECASE,
)
_SOURCE_LINE_RE = re.compile(r"(?:sources?|via|credit|courtesy(?: of)?)\s*:\s*(.+)", re.IGNORECASE)
_ATTRIBUTION_CUE_RE = re.compile(
    r"\b(?:based on|according to|courtesy(?: of)?|copyright|reported by|(?:with )?inputs? from|"
    r"via|reports? from|wires?)\b|©|\(c\)",
    re.IGNORECASE,
)


def agency_name(text: str) -> str | None:
    """The canonical name of the news agency ``text`` names exactly (in ``NEWS_AGENCIES``)."""
    text = text.strip().rstrip(".").strip()
    return _EXACT_AGENCIES.get(text) or _FOLDED_AGENCIES.get(text.casefold())


def find_source(fields: dict[str, str], body: str) -> tuple[str | None, str | None]:
    """(source, origin): a ``Source:`` header, else an agency in parentheses in the dateline
    ("BEIJING (Reuters) -"), else a closing attribution line ("Based on Reuters report",
    "— AP", "Source: AFP", the Reuters sign-off "Reuter"). Reporting/editing credits are not
    a source."""
    for key in SOURCE_KEYS:
        if fields.get(key):
            return agency_name(fields[key]) or fields[key], "header"
    for match in _DATELINE_AGENCY_RE.finditer(body[:DATELINE_CHARS]):
        name = agency_name(match.group(1))
        if name:
            return name, "dateline"
    name = source_from_attribution(body)
    return (name, "attribution") if name else (None, None)


def source_from_attribution(body: str) -> str | None:
    """The source named in one of the last ``ATTRIBUTION_LINES`` lines of ``body``."""
    # "^M" is a carriage return written out by some tools ("REUTER^M").
    last_lines = [
        line.strip().removesuffix("^M").rstrip() for line in reversed(body.rsplit("\n", 4 * ATTRIBUTION_LINES))
    ]
    for line in [line for line in last_lines if line][:ATTRIBUTION_LINES]:
        if len(line) > ATTRIBUTION_MAX_CHARS or _CREDITS_RE.match(line):
            continue
        name = _source_in_line(line)
        if name:
            return name
    return None


def _source_in_line(line: str) -> str | None:
    labelled = _SOURCE_LINE_RE.fullmatch(line)
    if labelled:
        value = labelled.group(1).strip().rstrip(".")
        return agency_name(value) or _first_agency(value) or value or None
    bare = agency_name(line.strip("()[]—–- ."))
    if bare:
        return bare
    if _ATTRIBUTION_CUE_RE.search(line):
        return _first_agency(line)
    return None


def _first_agency(text: str) -> str | None:
    match = _AGENCY_RE.search(text)
    return agency_name(match.group()) if match else None
