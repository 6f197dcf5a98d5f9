"""What the naming rules share: a mention being worked on (``Draft``), the sentence of a name
they add, the identity key of a name, and the word lists several rules read.

Kept apart from ``entities`` and ``name_links`` so that both can use it and the store can key
names (``normalize_name``) without loading the rules.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from explorer.core.model import Span

# Labels whose short forms may take a longer name of another label in this set ("Belt and
# Road" FAC → "Belt and Road Initiative" ORG); people and places only link among themselves.
THING_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})

# Head words that end a multi-word name, and the label such a name gets.
NAME_HEADS = {
    **dict.fromkeys(
        (
            "Initiative",
            "Corridor",
            "Organization",
            "Organisation",
            "Agency",
            "Union",
            "Bank",
            "Council",
            "Party",
            "Committee",
            "Commission",
            "Association",
            "Authority",
            "Ministry",
            "Department",
            "Institute",
            "University",
            "College",
            "Foundation",
            "Fund",
            "Federation",
            "Alliance",
            "Coalition",
            "Corporation",
            "Corp",
            "Inc",
            "Ltd",
            "PLC",
            "LLC",
            "Company",
            "Group",
            "Board",
            "Bureau",
            "Office",
            "Service",
            "Army",
            "Navy",
            "Force",
            "Forces",
            "Police",
            "Court",
            "Parliament",
            "Assembly",
            "Congress",
            "Senate",
            "Front",
            "Movement",
            "Network",
            "Society",
            "Trust",
            "Exchange",
            "Reserve",
            "Program",
            "Programme",
            "Project",
            "Partnership",
            "Consortium",
            "Secretariat",
            "Tribunal",
            "Academy",
            "Forum",
        ),
        "ORG",
    ),
    **dict.fromkeys(
        (
            "Act",
            "Treaty",
            "Accord",
            "Accords",
            "Agreement",
            "Convention",
            "Protocol",
            "Charter",
            "Constitution",
            "Amendment",
        ),
        "LAW",
    ),
    **dict.fromkeys(
        (
            "War",
            "Summit",
            "Conference",
            "Games",
            "Olympics",
            "Championship",
            "Championships",
            "Cup",
            "Festival",
            "Revolution",
            "Crisis",
            "Expo",
        ),
        "EVENT",
    ),
}
# Words that end an organisation's full name ("Inc", "Group", "Agency"), casefolded, no dots.
DESIGNATORS = frozenset(
    [h.casefold() for h, label in NAME_HEADS.items() if label == "ORG"]
    + "co holdings ag sa nv spa gmbh bv ab asa oyj kk limited incorporated".split()
)
JOINERS = frozenset({"of", "and", "the", "for", "on", "in", "de", "du", "des", "la", "le", "&"})
POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019)]*\s+(?=[\"\u201c(]?[A-Z])|\n\s*\n")
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


def normalize_name(name: str) -> str:
    """The identity key of a name: NFKC, casefolded, plain quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", name).translate(_TRANSLATE).casefold()
    return " ".join(text.split())


@dataclass(eq=False)
class Draft:
    """A mention being worked on; ``target`` points to the mention whose name it takes."""

    start: int
    end: int
    label: str
    sentence: int
    stripped_the: bool = False
    name: str = ""
    forced_type: str | None = None
    target: Draft | None = None
    aliases: list[str] = field(default_factory=list)

    def final(self) -> Draft:
        draft = self
        while draft.target is not None:
            draft = draft.target
        return draft


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


# ---- positions in the sorted drafts -------------------------------------------------------


def overlapping_range(drafts: list[Draft], start: int, end: int) -> tuple[int, int]:
    """The index range of the (sorted, non-overlapping) drafts that overlap [start, end)."""
    return bisect_right(drafts, start, key=_draft_end), bisect_left(drafts, end, key=draft_start)


def draft_start(draft: Draft) -> int:
    return draft.start


def _draft_end(draft: Draft) -> int:
    return draft.end


def line_at(text: str, start: int, end: int) -> str:
    """The line of ``text`` that holds [start, end)."""
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : line_end if line_end >= 0 else len(text)]
