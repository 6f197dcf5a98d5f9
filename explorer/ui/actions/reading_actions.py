"""Reading: the typed search into the filter state, an article into the reader, an entity's detail.

A search that cannot run goes into the state with its message, so every pane shows that
nothing matches rather than the previous results.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from explorer.core.store.queries import SearchSyntaxError, check_search
from explorer.ui.actions.common import Context
from explorer.ui.panes.follow import Panes, PaneSync
from explorer.ui.widgets.entity_detail import EntityDetailDialog, reveal_span


class ReadingActions(QObject):
    def __init__(self, ctx: Context, panes: Panes, sync: PaneSync) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.panes, self.sync = ctx, panes, sync
        self.entity_detail: EntityDetailDialog | None = None

    def set_search(self, text: str) -> None:
        """Run a typed search; a malformed one is kept with its message (nothing matches it)."""
        db = self.ctx.session.db
        if db is None:  # closed, or none open yet: a search typed just before has nothing to run on
            return
        try:
            check_search(db, text)
        except SearchSyntaxError as exc:
            self.ctx.state.set_search(text, str(exc))
            return
        self.ctx.state.set_search(text)

    def show_article(self, article_id: int | None, *, force: bool = False) -> None:
        self.sync.show_article(article_id, force=force)

    def open_entity_detail(self, entity_id: int) -> EntityDetailDialog | None:
        """Show the entity's detail in the one detail dialog (created on first use)."""
        if self.ctx.session.db is None:
            return None
        if self.entity_detail is None:
            self.entity_detail = EntityDetailDialog(self.ctx.session.db, self.ctx.parent, self.ctx.tasks)
            self.entity_detail.article_requested.connect(self.open_article_at)
        if not self.entity_detail.show_entity(entity_id):
            return None
        self.entity_detail.show()
        self.entity_detail.raise_()
        return self.entity_detail

    def open_selected_entity_detail(self) -> EntityDetailDialog | None:
        """The detail of the entity chosen last (in the list, or by clicking a mention in the reader)."""
        last = self.ctx.state.last_entity()
        return self.open_entity_detail(last[0]) if last else None

    def open_article_at(self, article_id: int, start: int, end: int) -> None:
        """Open an article in the reader with body offsets ``start..end`` selected (none when < 0)."""
        reader = self.panes.reader
        self.show_article(article_id)
        if start >= 0 and reader.article is not None and reader.article.id == article_id:
            reveal_span(reader.text, reader.article.body, start, end)

    def close_detail(self) -> None:
        """Another database: the dialog read the previous one."""
        if self.entity_detail is not None:
            self.entity_detail.close()
            self.entity_detail = None
