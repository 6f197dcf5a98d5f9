"""How the panes follow the filter state and the change events: the one place they subscribe.

A change of the filter (``FilterState.changed``) re-reads what each pane selects; a write
(``ChangeEvents.changed``) marks each pane that shows that kind of data stale, refreshed at
once when visible, else when it is next shown (``events.follow``). No writer refreshes a pane.
The chosen entities' names after a curation are read in a reading task (``ui/tasks.py``), as
the list, counts and charts are: the GUI thread only hands out the results.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils
from PySide6.QtCore import QObject

from explorer.core.store.article_paths import paths_of
from explorer.core.store.curation_sql import visible_names
from explorer.core.store.queries import article, hit_spans
from explorer.core.store.story_reads import other_versions
from explorer.ui.events import Change, ChangeEvents, follow
from explorer.ui.panes.document_panel import DocumentPanel
from explorer.ui.panes.entity_panel import EntityPanel
from explorer.ui.panes.network_view import NetworkView
from explorer.ui.panes.reader import ReaderWidget
from explorer.ui.panes.timeline import TimelineWidget
from explorer.ui.state import FilterState
from explorer.ui.tasks import Task, Tasks, start_read

UNMATCHED = "No article matches: the search cannot run (see the message under the search box)."
# What each pane shows, so which writes make it stale.
COUNTED = Change.ARTICLES | Change.ENTITIES | Change.MENTIONS


@dataclass
class Panes:
    documents: DocumentPanel
    reader: ReaderWidget
    entities: EntityPanel
    timeline: TimelineWidget
    network: NetworkView


class PaneSync(QObject):
    """Keeps every pane equal to the state and the database."""

    def __init__(self, panes: Panes, state: FilterState, events: ChangeEvents, tasks: Tasks, parent: QObject) -> None:
        super().__init__(parent)
        self.panes, self.state, self.tasks = panes, state, tasks
        self.db: sqlite_utils.Database | None = None
        self._naming: Task | None = None  # the read of the chosen entities' names after a curation
        state.changed.connect(self.apply_filter)
        events.changed.connect(self._follow_names)
        self.followers = [
            follow(panes.documents, self.reload_documents, COUNTED | Change.NOTES, events),
            follow(panes.reader, lambda: self.show_article(self.reader_article(), force=True), COUNTED, events),
            follow(panes.entities, panes.entities.refresh, COUNTED, events),
            follow(panes.timeline, panes.timeline.refresh, COUNTED, events),
        ]
        events.changed.connect(lambda what: what & COUNTED and panes.network.mark_stale())
        for button in panes.entities.type_buttons.values():
            button.toggled.connect(self.update_network)

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        self.db = db
        panes = self.panes
        panes.reader.show_article(None)
        panes.documents.model.set_database(db)
        panes.entities.set_database(db)
        panes.entities.show_selection([])
        panes.timeline.set_database(db)
        panes.network.set_database(db)

    def reader_article(self) -> int | None:
        return self.panes.reader.article.id if self.panes.reader.article is not None else None

    def _follow_names(self, what: Change) -> None:
        """Renamed, merged, hidden entities: the chosen ones carry their current names (or go),
        read in the background; dropped when the choice changed meanwhile (the newest wins)."""
        if not (what & Change.ENTITIES and self.db is not None and self.state.selected):
            return
        if self._naming is not None and self._naming.running:
            self._naming.cancel()
        asked = dict(self.state.selected)
        self._naming = start_read(
            self.tasks, self.db, lambda own: visible_names(own, asked), lambda kept, error: self._named(asked, kept)
        )

    def _named(self, asked: dict[int, str], kept: dict[int, str] | None) -> None:
        if kept is None or self.state.selected != asked:
            return  # cancelled, failed (the names stay as they were), or the choice changed since
        self.state.set_selection({i: kept[i] for i in asked if i in kept})

    # -- the filter

    def apply_filter(self) -> None:
        """Show what the state selects in every pane."""
        panes, state = self.panes, self.state
        panes.documents.show_search_error(state.search_error)
        if state.matches_nothing:
            panes.documents.model.clear()
        else:
            panes.documents.model.set_filter(state.document_filter())
        panes.documents.filter_bar.set_chips(state.chips())
        panes.documents.show_entity_type(state.entity_type)
        panes.entities.show_selection(list(state.selected))
        panes.timeline.set_matching(state.document_filter(), UNMATCHED if state.matches_nothing else "")
        panes.timeline.set_entities(list(state.selected.items()))
        panes.timeline.set_range(*(state.date_range or (None, None)))
        self.update_network()
        if panes.reader.article is not None:
            self.show_article(panes.reader.article.id, force=True)

    def update_network(self) -> None:
        """The network follows the document filter and the entity panel's types."""
        unmatched = UNMATCHED if self.state.matches_nothing else ""
        self.panes.network.set_filter(self.state.document_filter(), self.panes.entities.chosen_types(), unmatched)

    # -- data changes

    def reload_documents(self) -> None:
        """Re-read the list after a write, keeping loaded rows, the current article and the scroll
        (``DocumentPanel`` keeps them when the rows arrive)."""
        if self.db is None or self.state.matches_nothing:
            return
        self.panes.documents.model.reload(keep_loaded=True)

    def show_article(self, article_id: int | None, *, force: bool = False) -> None:
        """Open an article in the reader with the current search's hits marked (gone: none)."""
        reader = self.panes.reader
        if article_id is None or self.db is None:
            return
        if not force and reader.article is not None and reader.article.id == article_id:
            return
        view = article(self.db, article_id)
        search = self.state.search
        hits = hit_spans(self.db, article_id, search) if view is not None and search else []
        reader.show_article(view, hits)
        if view is not None:
            reader.versions.show_story(other_versions(self.db.conn, article_id), paths_of(self.db.conn, article_id))
