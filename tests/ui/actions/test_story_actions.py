"""The Stories menu and the reader's versions: each story once, compare, open, rebuild."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.core.store.stories import story_settings
from tests.store_builder import build_store, draft

BODY = (
    "Benetton Group <BNTT.MI> said its net profit rose 25 pct in 1986 on higher sales in Europe and the United"
    " States, and it proposed a dividend of 250 lire a share, up from 200 lire a year earlier, the company said."
)
NAMES = {"Benetton Group": ("Benetton Group", "organisation"), "Japan": ("Japan", "place")}


@pytest.fixture
def stories_window(make_window, tmp_path):
    articles = [
        draft("BENETTON PROFIT UP", f"MILAN, March 3 (Reuter) - {BODY}", date(1987, 3, 3), source="Reuters"),
        draft(
            "BENETTON PROFIT UP",
            f"ROME, March 4 - {BODY.replace('<BNTT.MI>', '(BNTT.MI)')}",
            date(1987, 3, 4),
            path="/wire/b.txt",
        ),
        draft("JAPAN SURPLUS", "Japan's trade surplus narrowed in February as exports of cars fell.", date(1987, 3, 5)),
    ]
    db = build_store(tmp_path / "s.db", articles, NAMES)
    db.conn.execute("INSERT INTO article_paths (article_id, path, seen_at) VALUES (1, '/elsewhere/a.txt', 'now')")
    db.conn.commit()
    db.close()
    return make_window(tmp_path / "s.db")


def open_article(qtbot, window, article_id: int) -> None:
    window.reading.show_article(article_id, force=True)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == article_id)


def test_the_reader_names_the_other_versions_and_paths(qtbot, stories_window):
    window = stories_window
    open_article(qtbot, window, 1)
    versions = window.reader.versions
    assert not versions.isHidden()
    assert versions.label.text() == "1 other version:"
    assert versions.picker.itemText(0).startswith("1987-03-04 · no source · ")
    assert versions.paths.text() == "Also at: /elsewhere/a.txt"
    open_article(qtbot, window, 3)
    assert versions.isHidden()


def test_compare_shows_what_changed_word_by_word(qtbot, stories_window):
    window = stories_window
    open_article(qtbot, window, 1)
    dialog = window.stories.compare_with(2)
    qtbot.addWidget(dialog)
    removed = " ".join(s.text for s in dialog.segments if s.kind == "removed").split()
    added = " ".join(s.text for s in dialog.segments if s.kind == "added").split()
    assert removed == ["MILAN,", "3", "(Reuter)", "<BNTT.MI>"]
    assert added == ["ROME,", "4", "(BNTT.MI)"]
    assert dialog.text.toPlainText() == "".join(s.text for s in dialog.segments)


def test_open_reads_the_chosen_version(qtbot, stories_window):
    window = stories_window
    open_article(qtbot, window, 2)
    window.reader.versions.open_button.click()
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == 1)


def test_each_story_once_lists_one_article_per_story(qtbot, stories_window):
    window = stories_window
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 3)
    window.stories.once_action.setChecked(True)
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 2)
    assert sorted(r.id for r in window.documents.model.rows) == [1, 3]
    assert window.state.document_filter().once
    window.stories.once_action.setChecked(False)
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 3)


def test_rebuild_runs_in_a_task_and_says_what_it_found(qtbot, stories_window):
    window = stories_window
    task = window.stories.rebuild()
    said = "Stories rebuilt: 1 story of two or more articles (2 articles)"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said, timeout=10_000)
    assert task
    assert story_settings(window.db.conn).threshold == 0.8
    assert window.db.execute("SELECT article_id, story_id FROM article_stories ORDER BY 1").fetchall() == [
        (1, 1),
        (2, 1),
    ]


def test_each_story_once_counts_a_chosen_entity_once_on_the_timeline(qtbot, stories_window):
    window = stories_window
    benetton = window.db.execute("SELECT id FROM entities WHERE name = 'Benetton Group'").fetchone()[0]
    window.select_entity(benetton, "Benetton Group")

    def total() -> int | None:
        data = window.timeline.data()
        return None if data is None or benetton not in data.counts else int(sum(data.counts[benetton]))

    qtbot.waitUntil(lambda: total() == 2)
    window.stories.once_action.setChecked(True)
    qtbot.waitUntil(lambda: total() == 1)


def test_a_library_grouped_by_an_older_method_says_so_when_opened_until_rebuilt(qtbot, make_window):
    from explorer.core.store.stories import STALE
    from tests.core.store.story_corpora import old_library

    path = old_library(
        [draft("BENETTON PROFIT UP", BODY), draft("BENETTON (BNTT.MI) PROFIT UP", BODY + " Milan.")], [[1, 2]]
    )
    window = make_window(path)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == STALE)
    assert window.stories.rebuild()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Stories rebuilt"), timeout=10_000)
    assert not window.stories.say_if_stale()
