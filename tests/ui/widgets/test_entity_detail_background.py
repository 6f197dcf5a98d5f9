"""The entity detail read in reading tasks: equal to the core's reads, and a newer entity shown
supersedes the read of an older one."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import open_store
from explorer.core.store.detail import entity_articles, kwic_page, surface_forms
from explorer.core.store.queries import find_entity
from explorer.core.store.related import related_entities
from explorer.ui.widgets.entity_detail import KWIC_PAGE, EntityDetailDialog, kwic_columns


@pytest.fixture
def dialog(qtbot, news_db):
    db = open_store(news_db)
    shown = EntityDetailDialog(db)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.close()
    shown.tasks.wait()
    db.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["Beijing", "China", "India", "Pakistan", "Tokyo", "Xi Jinping"]),
    tab=st.sampled_from([0, 1, 2]),
)
def test_every_section_read_in_the_background_equals_the_core_read(qtbot, dialog, name, tab) -> None:
    db = dialog._db
    entity = find_entity(db, name)
    dialog.tabs.setCurrentIndex(tab)
    assert dialog.show_entity(entity.id)
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)
    forms = surface_forms(db, entity.id)
    assert all(f"{text} ({n:,})" in dialog.aliases_label.text() for text, n in forms)
    lines, _after = kwic_page(db, entity.id, None, KWIC_PAGE)
    assert dialog.kwic_rows() == [kwic_columns(line) for line in lines]
    articles = [dialog.articles_table.item(r, 1).text() for r in range(dialog.articles_table.rowCount())]
    assert articles == ([a.title for a in entity_articles(db, entity.id)] if tab == 1 else [])
    related = [a.entity.name for a in related_entities(db, entity.id, limit=50)] if tab == 2 else []
    assert dialog.related_names() == related


def test_a_newer_entity_supersedes_the_read_of_an_older(qtbot, dialog, monkeypatch) -> None:
    import explorer.ui.widgets.entity_detail as module

    db = dialog._db
    release, held = threading.Event(), threading.Event()

    def slow_forms(own, entity_id):
        if entity_id == find_entity(own, "Pakistan").id:
            held.set()
            release.wait(10)
        return surface_forms(own, entity_id)

    monkeypatch.setattr(module, "surface_forms", slow_forms)
    dialog.show_entity(find_entity(db, "Pakistan").id)
    assert held.wait(5) and not dialog.is_loaded()
    china = find_entity(db, "China")
    dialog.show_entity(china.id)
    release.set()
    qtbot.waitUntil(lambda: dialog.is_loaded() and dialog.tasks.idle(), timeout=5000)
    assert dialog.title_label.text() == "China"
    assert dialog.aliases_label.text().startswith("Written as: China (")
    assert {mention for _, mention, _ in dialog.kwic_rows()} == {"China"}
    assert len(dialog.kwic_rows()) == china.mentions
