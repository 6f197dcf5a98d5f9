"""The entity list: visible entities matching a name search and type toggles, paged from SQL;
or, with ``hidden``, the hidden entities (one page: a stop list is short), each with why."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.queries import EntityRow, entity_page
from explorer.ui.entity_style import type_icon
from explorer.ui.panes.paged_model import Column, PagedTableModel
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
        self._db: sqlite_utils.Database | None = None
        self.search = ""
        self.types: tuple[str, ...] = ENTITY_TYPES
        self.sort_column, self.descending = self.MENTIONS_COLUMN, True
        self.hidden = False
        self.reasons: dict[int, str] = {}  # hidden entity → why it is hidden

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        self._db = db
        self.reload()

    def set_query(self, search: str, types: Iterable[str]) -> None:
        self.search, self.types = search, tuple(types)
        self.reload()

    def set_hidden(self, hidden: bool) -> None:
        self.hidden = hidden
        self.reload()

    def fetch_page(self, after: tuple | None, limit: int) -> list[EntityRow]:
        if self._db is None:
            return []
        if self.hidden:
            return [] if after is not None else self._hidden_rows()
        return entity_page(
            self._db,
            search=self.search,
            types=self.types,
            order=self.sort_name,
            descending=self.descending,
            after=after,
            limit=limit,
        )

    def _hidden_rows(self) -> list[EntityRow]:
        from explorer.core.store.hidden import hidden_entities

        search = self.search.casefold()
        found = [e for e in hidden_entities(self._db, self.types) if search in e.name.casefold()]
        self.reasons = {e.id: e.reason for e in found}
        return [EntityRow(e.id, e.name, e.type, e.articles, e.mentions) for e in found]

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
