"""The values that pass between reading, extraction and the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# User-facing entity types, in the order the interface lists them.
ENTITY_TYPES = (
    "person",
    "organisation",
    "place",
    "group",
    "event",
    "law",
    "product",
    "work",
    "date",
)

# spaCy labels → user-facing types. Labels not listed (CARDINAL, MONEY, PERCENT, QUANTITY,
# ORDINAL, TIME) are numbers, not entities.
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "DATE": "date",
}


@dataclass(frozen=True)
class ArticleDraft:
    """A file read and normalised, ready to be stored; ``*_source`` fields say where a value came from."""

    title: str
    body: str
    sha256: str
    words: int
    published: date | None = None
    date_source: str = "none"  # header | front matter | file name | dateline | user | none
    source: str | None = None
    source_origin: str | None = None  # header | dateline | attribution
    path: str | None = None
    file_mtime: str | None = None  # ISO timestamp; recorded, never used as the publication date
    encoding: str | None = None
    # Provenance of documents that are not plain text (see reading/formats):
    format: str = "text"  # text | pdf | html | docx | eml | epub | image
    title_source: str | None = None  # "PDF information", "HTML meta", "e-mail header", "first words"…
    author: str | None = None  # a document's author, an e-mail's sender
    recipients: str | None = None  # an e-mail's To and Cc, comma-separated
    original_path: str | None = None  # a member's path inside its archive, an attachment's file name
    parent_sha256: str | None = None  # the article it came with (an attachment's message), by its sha256
    pages: tuple[int, ...] = ()  # offsets into ``body`` where each page (PDF) or chapter (EPUB) starts
    file_sha256: str | None = None  # of the file's bytes: the same file is recognised before it is read


@dataclass(frozen=True)
class Span:
    """A raw recognition from the NER model: offsets into the text and the model's label."""

    start: int
    end: int
    label: str
    sentence: int = 0


@dataclass(frozen=True)
class Mention:
    """A span resolved to a canonical entity, with offsets that index the stored body exactly."""

    start: int
    end: int
    name: str  # canonical display name, e.g. "Xi Jinping"
    type: str  # user-facing type, e.g. "person"
    sentence: int = 0
    aliases: tuple[str, ...] = field(default=())  # further names that always mean this entity (e.g. "CPEC")
    time_start: str | None = None  # for dates: ISO start of the period referred to
    time_end: str | None = None  # ISO end (inclusive)


class ReadError(Exception):
    """A file refused with a reason a user can act on (binary, empty, too large, unreadable)."""
