"""The Stories menu and the reader's versions: count each story once, compare two versions,
group every article again (Rebuild Stories, a writing task)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from explorer.core.store.queries import article
from explorer.core.store.stories import STALE, rebuild_stories, stories_stale
from explorer.core.store.story_reads import story_totals
from explorer.ui import message_box
from explorer.ui.actions.common import Context
from explorer.ui.events import Change
from explorer.ui.panes.reader import ReaderWidget
from explorer.ui.tasks import Task, start_write
from explorer.ui.widgets.compare_dialog import CompareDialog


def _heading(view) -> str:
    return f"“{view.title}” ({view.published or 'undated'}, {view.source or 'no source'})"


class StoryActions(QObject):
    def __init__(self, ctx: Context, reader: ReaderWidget, show_article: Callable[[int], None], bar: QMenuBar) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.reader = ctx, reader
        self.compare: CompareDialog | None = None
        self.menu = bar.addMenu("&Stories")
        self.once_action = QAction("Each Story &Once", ctx.parent)
        self.once_action.setCheckable(True)
        self.once_action.setShortcut(QKeySequence("Ctrl+Shift+1"))
        self.once_action.setStatusTip(
            "List and count one article per story (copies of an article left out), or every article"
        )
        self.once_action.toggled.connect(ctx.state.set_once)
        self.rebuild_action = QAction("&Rebuild Stories", ctx.parent)
        self.rebuild_action.setStatusTip("Group every article into stories again, from scratch")
        self.rebuild_action.triggered.connect(self.rebuild)
        self.menu.addAction(self.once_action)
        self.menu.addAction(self.rebuild_action)
        reader.versions.compare_requested.connect(self.compare_with)
        reader.versions.open_requested.connect(show_article)
        ctx.session.opened.connect(self.say_if_stale)

    def say_if_stale(self) -> bool:
        """A library whose stories were grouped by an older method says so in the status bar
        until the next message (a rebuild's, say)."""
        db = self.ctx.session.db
        stale = db is not None and stories_stale(db.conn)
        if stale:
            self.ctx.say(STALE, 0)
        return stale

    def compare_with(self, other_id: int) -> CompareDialog | None:
        """Compare the article in the reader with another version of its story."""
        db, shown = self.ctx.session.db, self.reader.article
        if db is None or shown is None:
            return None
        other = article(db, other_id)
        if other is None:
            message_box.inform(self.ctx.parent, "Compare Versions", "That version was deleted meanwhile.")
            return None
        self.compare = CompareDialog((_heading(shown), shown.body), (_heading(other), other.body), self.ctx.parent)
        self.compare.show()
        return self.compare

    def rebuild(self) -> Task | bool:
        """Group every article again in a writing task; the lists and counts follow at its end."""
        db = self.ctx.session.db
        if db is None or self.ctx.busy_writing():
            return False
        self.ctx.say("Grouping every article into stories…", 0)
        task = start_write(
            self.ctx.tasks,
            db,
            lambda own: (rebuild_stories(own.conn), story_totals(own.conn))[1],
            "Rebuilding stories",
            self._rebuilt,
        )
        return task if task is not None else True

    def _rebuilt(self, totals: tuple[int, int] | None, error: str) -> None:
        self.ctx.status.clearMessage()
        if error or totals is None:
            message_box.warn(self.ctx.parent, "Rebuild Stories", error)
            return
        self.ctx.undo_stack.clear()  # curation snapshots hold what the copies counted before
        self.ctx.events.announce(Change.ARTICLES | Change.MENTIONS | Change.ENTITIES)
        stories, articles = totals
        named = "story" if stories == 1 else "stories"
        self.ctx.say(f"Stories rebuilt: {stories:,} {named} of two or more articles ({articles:,} articles)", 8000)
