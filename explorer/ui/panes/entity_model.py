"""The entity list: visible entities matching a name search and type toggles, paged from SQL."""

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

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        self._db = db
        self.reload()

    def set_query(self, search: str, types: Iterable[str]) -> None:
        self.search, self.types = search, tuple(types)
        self.reload()

    def fetch_page(self, after: tuple | None, limit: int) -> list[EntityRow]:
        if self._db is None:
            return []
        return entity_page(
            self._db,
            search=self.search,
            types=self.types,
            order=self.sort_name,
            descending=self.descending,
            after=after,
            limit=limit,
        )

    def row_key(self, row: EntityRow) -> tuple:
        return row.key(self.sort_name)

    def display(self, row: EntityRow, column: int) -> Any:
        return (row.name, row.type, row.articles, row.mentions)[column]

    def decoration(self, row: EntityRow, column: int) -> Any:
        return type_icon(row.type) if column == 1 else None

    def tooltip(self, row: EntityRow, column: int) -> str | None:
        return literal_html(f"{row.name} ({row.type}): {row.mentions:,} mentions in {row.articles:,} articles")
