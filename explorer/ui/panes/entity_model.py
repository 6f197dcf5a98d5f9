"""The entity list: visible entities matching a name search and type toggles, paged from SQL;
or, with ``hidden``, the hidden entities (one page: a stop list is short), each with why."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.queries import EntityRow, entity_page
from explorer.ui.entity_style import type_icon
from explorer.ui.panes.paged_model import Column, PagedTableModel, PageReader
from explorer.ui.rich_text import literal_html


class EntityModel(PagedTableModel):
    COLUMNS = (
        Column("Name", "name"),
        Column("Type", "type", width=14),
        Column("Articles", "articles", align_right=True, tooltip="Articles mentioning it", width=8),
        Column("Mentions", "mentions", align_right=True, tooltip="Times it is mentioned", width=9),
    )
    MENTIONS_COLUMN = 3

    def __init__(self, parent=None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self.search = ""
        self.types: tuple[str, ...] = ENTITY_TYPES
        self.sort_column, self.descending = self.MENTIONS_COLUMN, True
        self.hidden = False
        self.reasons: dict[int, str] = {}  # hidden entity → why it is hidden

    def set_query(self, search: str, types: Iterable[str]) -> None:
        self.search, self.types = search, tuple(types)
        self.reload()

    def set_hidden(self, hidden: bool) -> None:
        self.hidden = hidden
        self.reload()

    def page_reader(self, after: tuple | None, limit: int) -> PageReader:
        search, types, order, descending = self.search, self.types, self.sort_name, self.descending
        if self.hidden:
            return lambda db: [] if after is not None else hidden_rows(db, search, types)
        return lambda db: entity_page(
            db, search=search, types=types, order=order, descending=descending, after=after, limit=limit
        )

    def take_page(self, page: list[EntityRow], *, first: bool) -> list[EntityRow]:
        if self.hidden:
            self.reasons = {row.id: reason for row, reason in page}
            return [row for row, _ in page]
        return page

    def row_key(self, row: EntityRow) -> tuple:
        return row.key(self.sort_name)

    def display(self, row: EntityRow, column: int) -> Any:
        return (row.name, row.type, row.articles, row.mentions)[column]

    def decoration(self, row: EntityRow, column: int) -> Any:
        return type_icon(row.type) if column == 1 else None

    def tooltip(self, row: EntityRow, column: int) -> str | None:
        text = f"{row.name} ({row.type}): {row.mentions:,} mentions in {row.articles:,} articles"
        if self.hidden:
            text += f"\nHidden: {self.reasons.get(row.id, '')}"
        return literal_html(text)


def hidden_rows(db: sqlite_utils.Database, search: str, types: tuple[str, ...]) -> list[tuple[EntityRow, str]]:
    """The hidden entities whose name holds ``search``, each with why it is hidden."""
    from explorer.core.store.hidden import hidden_entities

    search = search.casefold()
    return [
        (EntityRow(e.id, e.name, e.type, e.articles, e.mentions), e.reason)
        for e in hidden_entities(db, types)
        if search in e.name.casefold()
    ]
