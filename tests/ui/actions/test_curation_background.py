"""Curation and deletion write in a background task: the database comes out as the core's
functions run directly would leave it, undo and redo stay exact, and a second write while one
runs is refused in one sentence."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.model import ENTITY_TYPES
from explorer.core.ops import curation
from explorer.core.store import open_store
from explorer.core.store.curation_sql import CurationError
from explorer.core.store.deletion import delete_articles
from explorer.core.store.queries import entity, find_entity
from explorer.ui.widgets.merge_dialog import merge_survivor
from tests.core.ops.test_curation import TABLES
from tests.message_boxes import record_message_boxes, texts
from tests.ui.actions.test_curation_actions import select, written

ACTIONS = ("hide", "retype", "rename", "merge", "undo", "redo")
NEW_NAMES = ("Islamabad", "Pakistan", "Karachi", "Asia", "Xi")


def comparable(db) -> dict[str, list[tuple]]:
    """Every curated table, the rules without their time of writing."""
    tables = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES if t != "rules"}
    tables["rules"] = db.execute("SELECT id, kind, payload FROM rules ORDER BY id").fetchall()
    return tables


class CoreMirror:
    """The same actions through the core directly, with an undo stack kept by hand."""

    def __init__(self, path: Path) -> None:
        self.db = open_store(path)
        self.done: list[tuple] = []
        self.undone: list[tuple] = []

    def act(self, action) -> None:
        try:
            change = action(self.db)
        except CurationError:
            return
        self.done.append((action, change))
        self.undone.clear()

    def undo(self) -> None:
        if self.done:
            action, change = self.done.pop()
            curation.undo(self.db, change)
            self.undone.append((action, change))

    def redo(self) -> None:
        if self.undone:
            action, _ = self.undone.pop()
            try:
                self.done.append((action, action(self.db)))
            except CurationError:  # the window empties its stack
                self.done.clear()
                self.undone.clear()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_window_curation_equals_the_core_run_directly(qtbot, make_window, news_db_file, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("mirror")
    shutil.copy(news_db_file, folder / "window.db")
    shutil.copy(news_db_file, folder / "core.db")
    window = make_window(folder / "window.db")
    told = recorded_refusals(window)
    mirror = CoreMirror(folder / "core.db")
    controller = window.curation
    for _ in range(data.draw(st.integers(1, 6), label="steps")):
        step = data.draw(st.sampled_from(ACTIONS), label="action")
        visible = sorted(row.name for row in window.entities.model.rows)
        if step == "undo":
            controller.undo_action.trigger()
            mirror.undo()
        elif step == "redo":
            controller.redo_action.trigger()
            mirror.redo()
        elif step == "merge" and len(visible) >= 2:
            names = data.draw(st.lists(st.sampled_from(visible), min_size=2, max_size=3, unique=True), label="merge")
            name = data.draw(st.sampled_from([*names, *NEW_NAMES]), label="into")
            ids = select(window, *names)
            rows = [entity(mirror.db, i) for i in ids]
            survivor = merge_survivor(rows, name).id
            controller.ask_merge = lambda _rows, name=name: name
            controller.merge()
            mirror.act(lambda db, ids=ids, survivor=survivor, name=name: curation.merge(db, ids, survivor, name))
        elif visible:
            chosen = data.draw(st.sampled_from(visible), label="entity")
            (entity_id,) = select(window, chosen)
            if step == "hide":
                controller.hide()
                mirror.act(lambda db, i=entity_id: curation.hide(db, i))
            elif step == "retype":
                new_type = data.draw(st.sampled_from(ENTITY_TYPES), label="type")
                controller.retype(new_type)
                mirror.act(lambda db, i=entity_id, t=new_type: curation.retype(db, i, t))
            else:
                name = data.draw(st.sampled_from(NEW_NAMES), label="name")
                controller.ask_text = lambda *_args, name=name, **_kwargs: name
                controller.rename()
                mirror.act(lambda db, i=entity_id, n=name: curation.rename(db, i, n))
        written(qtbot, window)
        assert comparable(window.db) == comparable(mirror.db)
        assert controller.undo_stack.index() == len(mirror.done)
        assert controller.undo_stack.count() == len(mirror.done) + len(mirror.undone)
    assert all("is being written" not in text for text in told)
    window.close()
    mirror.db.close()


def recorded_refusals(window) -> list[str]:
    """The curation's sentences (refusals said by the controller), recorded instead of shown."""
    told: list[str] = []
    window.curation.tell = told.append
    return told


def test_a_second_write_while_one_runs_is_refused_in_one_sentence(qtbot, window, monkeypatch):
    shown = record_message_boxes(monkeypatch)
    select(window, "Xinhua")
    window.curation.hide()
    written(qtbot, window)
    release = threading.Event()
    hide = curation.hide

    def slow_hide(db, entity_id):
        release.wait(20)
        return hide(db, entity_id)

    monkeypatch.setattr(curation, "hide", slow_hide)
    monkeypatch.setattr(window.deletion, "confirm", lambda title: True)
    monkeypatch.setattr(window.curation, "ask_text", lambda *args, **kwargs: "Nippon")
    (tokyo,) = select(window, "Tokyo")
    assert window.curation.hide() is not None
    assert window.statusBar().currentMessage() == "Hiding “Tokyo”…"
    assert window.curation.rename() is None
    window.curation.undo_action.trigger()
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    assert window.deletion.delete_current() is False
    assert texts(shown) == ["Hiding “Tokyo” is being written. Try again when it is done."] * 3
    assert window.curation.undo_stack.index() == 1  # the refused undo did not move the stack
    release.set()
    written(qtbot, window)
    assert find_entity(window.db, "Tokyo") is None and find_entity(window.db, "Nippon") is None
    assert find_entity(window.db, "Xinhua") is None
    assert window.curation.undo_stack.count() == 2 and window.curation.undo_stack.index() == 2
    assert window.statusBar().currentMessage().startswith("Hid “Tokyo”")
    window.curation.undo_action.trigger()
    written(qtbot, window)
    assert find_entity(window.db, "Tokyo").id == tokyo and find_entity(window.db, "Xinhua") is None


def test_a_redo_that_fails_empties_the_stack_and_says_why(qtbot, window, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(window.curation, "tell", told.append)
    select(window, "Tokyo")
    window.curation.hide()
    written(qtbot, window)
    window.curation.undo_action.trigger()
    written(qtbot, window)
    before = comparable(window.db)

    def refused(db, entity_id):
        raise CurationError("Tokyo is gone.")

    monkeypatch.setattr(curation, "hide", refused)
    window.curation.redo_action.trigger()
    written(qtbot, window)
    assert told == ["Tokyo is gone."]
    assert window.curation.undo_stack.count() == 0 and not window.curation.redo_action.isEnabled()
    assert comparable(window.db) == before


def test_deletion_equals_the_core_run_directly(qtbot, window, monkeypatch, news_db_file, tmp_path):
    monkeypatch.setattr(window.deletion, "confirm", lambda title: True)
    core_path = tmp_path / "core.db"
    shutil.copy(news_db_file, core_path)
    window.documents.view.setCurrentIndex(window.documents.model.index(1, 0))
    article_id = window.documents.model.rows[1].id
    assert window.deletion.delete_current() is not False
    assert window.statusBar().currentMessage().startswith("Deleting “")
    written(qtbot, window)
    core = open_store(core_path)
    delete_articles(core, [article_id])
    assert comparable(window.db) == comparable(core)
    assert window.statusBar().currentMessage().startswith("Deleted “")
    assert window.documents.model.row_of(article_id) is None
    core.close()
