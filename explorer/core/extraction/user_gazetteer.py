"""The user's gazetteer: names that always have the type the user gave them.

A CSV of ``name,type`` rows (a header row is optional). The entries become spaCy EntityRuler
patterns placed before the NER component, so the model labels the rest of the text around them,
and they are stored in the database so that every later import uses them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.core.model import ENTITY_TYPES

# What users may write in the type column → the spaCy label the ruler assigns.
TYPE_LABELS = {
    "person": "PERSON",
    "organisation": "ORG",
    "place": "GPE",
    "group": "NORP",
    "event": "EVENT",
    "law": "LAW",
    "product": "PRODUCT",
    "work": "WORK_OF_ART",
}
_TYPE_SYNONYMS = {
    "per": "person",
    "people": "person",
    "organization": "organisation",
    "org": "organisation",
    "company": "organisation",
    "location": "place",
    "loc": "place",
    "gpe": "place",
    "country": "place",
    "city": "place",
    "norp": "group",
    "nationality": "group",
    "work_of_art": "work",
}
_HEADER_NAMES = {"name", "names", "entity"}


class GazetteerError(ValueError):
    """The gazetteer file cannot be used; the message names the line and what to change."""


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str  # one of TYPE_LABELS


def entity_type(written: str) -> str | None:
    """The user-facing type a gazetteer's type column means, or None when it names none."""
    key = "_".join(written.strip().casefold().split())
    key = _TYPE_SYNONYMS.get(key, key)
    return key if key in TYPE_LABELS else None


def parse_gazetteer(text: str) -> list[GazetteerEntry]:
    """Entries of a ``name,type`` CSV text; a later row for the same name replaces an earlier one."""
    entries: dict[str, GazetteerEntry] = {}
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(enumerate(reader, start=1))
    except csv.Error as exc:  # a field over csv.field_size_limit() (128 KB), a NUL byte
        raise GazetteerError(f"line {reader.line_num}: {_csv_problem(exc)}") from exc
    for number, row in rows:
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if number == 1 and cells[0].casefold() in _HEADER_NAMES:
            continue
        if len(cells) < 2 or not cells[0]:
            raise GazetteerError(f"line {number}: expected two columns, name and type")
        kind = entity_type(cells[1])
        if kind is None:
            choices = ", ".join(t for t in ENTITY_TYPES if t in TYPE_LABELS)
            raise GazetteerError(f"line {number}: unknown type {cells[1]!r} (use one of: {choices})")
        name = " ".join(cells[0].split())
        entries[name] = GazetteerEntry(name, kind)
    return list(entries.values())


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"a field is longer than {csv.field_size_limit():,} characters, far more than any name "
            "(is a quote left open?)"
        )
    return f"not a readable CSV row ({exc})"


def read_gazetteer(path: str | Path) -> list[GazetteerEntry]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path} is not UTF-8 text") from exc
    except OSError as exc:
        raise GazetteerError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_gazetteer(text)


def ruler_patterns(entries: list[GazetteerEntry]) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns: each name as written, with its type's spaCy label."""
    return [{"label": TYPE_LABELS[e.type], "pattern": e.name} for e in entries]
