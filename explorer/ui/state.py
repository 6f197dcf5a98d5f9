"""The one document filter of the window: what the list, counts, timeline and network select.

Panes and actions change it through these methods; each change emits ``changed`` once, and
every pane that shows filtered data re-reads from ``document_filter()``. A search that cannot
run is kept with its message (``search_error``): the panes then show that nothing matches
instead of the results of the previous search.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from explorer.core.store.document_filter import DocumentFilter
from explorer.ui.panes.document_model import format_date

Chip = tuple[tuple, str, str]  # key, text, tooltip


class FilterState(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.search = ""
        self.search_error: str | None = None
        self.selected: dict[int, str] = {}  # entity id → name, in the order chosen
        self.entity_type: str | None = None
        self.date_range: tuple[date, date] | None = None
        self.tag: str | None = None
        self.starred = False
        self.once = False  # each story once: a view mode, kept by clear()

    # -- reading

    def document_filter(self) -> DocumentFilter:
        start, end = self.date_range or (None, None)
        return DocumentFilter(
            search=self.search or None,
            entity_ids=tuple(self.selected),
            entity_type=self.entity_type,
            date_from=start,
            date_to=end,
            tag=self.tag,
            starred=self.starred,
            once=self.once,
        )

    @property
    def matches_nothing(self) -> bool:
        """A typed search cannot run: no article is said to match it."""
        return self.search_error is not None

    def last_entity(self) -> tuple[int, str] | None:
        """The entity chosen last: the one single-entity actions act on."""
        return list(self.selected.items())[-1] if self.selected else None

    def chips(self) -> list[Chip]:
        chips: list[Chip] = [(("entity", i), name, f"Articles mentioning {name}") for i, name in self.selected.items()]
        if self.entity_type:
            chips.append(
                (("type", self.entity_type), f"any {self.entity_type}", f"Articles mentioning some {self.entity_type}")
            )
        if self.date_range:
            start, end = self.date_range
            text = (
                format_date(start.isoformat())
                if start == end
                else (f"{format_date(start.isoformat())} – {format_date(end.isoformat())}")
            )
            chips.append((("range", None), text, "Articles published in this range"))
        if self.tag:
            chips.append((("tag", self.tag), f"#{self.tag}", "Articles tagged so"))
        if self.starred:
            chips.append((("starred", None), "★ starred", "Starred articles"))
        return chips

    # -- changing (each emits ``changed`` once)

    def set_search(self, text: str, error: str | None = None) -> None:
        """The typed search, or the message saying why it cannot run."""
        text = text.strip()
        if (text, error) != (self.search, self.search_error):
            self.search, self.search_error = text, error
            self.changed.emit()

    def select_entity(self, entity_id: int, name: str) -> None:
        self.set_selection({entity_id: name})

    def edit_selection(self, added: list[tuple[int, str]], removed: list[int]) -> None:
        selected = {i: n for i, n in self.selected.items() if i not in removed}
        selected.update(added)
        self.set_selection(selected)

    def set_selection(self, selected: dict[int, str]) -> None:
        """The chosen entities (id → current name); a rename elsewhere comes in through here."""
        if list(selected.items()) != list(self.selected.items()):
            self.selected = dict(selected)
            self.changed.emit()

    def set_entity_type(self, entity_type: str | None) -> None:
        if entity_type != self.entity_type:
            self.entity_type = entity_type
            self.changed.emit()

    def set_date_range(self, start: date | None, end: date | None) -> None:
        date_range = (start, end) if start is not None and end is not None else None
        if date_range != self.date_range:
            self.date_range = date_range
            self.changed.emit()

    def set_tag(self, tag: str | None) -> None:
        if tag != self.tag:
            self.tag = tag
            self.changed.emit()

    def set_starred(self, on: bool) -> None:
        if on != self.starred:
            self.starred = on
            self.changed.emit()

    def set_once(self, on: bool) -> None:
        """Show and count each story once (the copies of stories left out), or every article."""
        if on != self.once:
            self.once = on
            self.changed.emit()

    def remove(self, key: tuple) -> None:
        """Drop the condition of one chip."""
        kind, value = key
        if kind == "entity":
            self.set_selection({i: n for i, n in self.selected.items() if i != value})
        elif kind == "range":
            self.set_date_range(None, None)
        elif kind == "type":
            self.set_entity_type(None)
        elif kind == "tag":
            self.set_tag(None)
        elif kind == "starred":
            self.set_starred(False)

    def clear(self, *, search: bool = False) -> None:
        """Every condition but the search (and the search too with ``search``), in one change."""
        before = self.document_filter(), self.search_error
        self.selected, self.entity_type, self.date_range, self.tag, self.starred = {}, None, None, None, False
        if search:
            self.search, self.search_error = "", None
        if (self.document_filter(), self.search_error) != before:
            self.changed.emit()
