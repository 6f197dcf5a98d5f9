"""Processes creating one new database at the same moment, and the window and the command line
writing at once: everybody succeeds, the schema is migrated once, every count stays exact."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.store import StoreError, open_store
from explorer.core.store.queries import find_entity
from explorer.core.store.schema import MIGRATION_SET, known_migrations
from tests.reliability.at_once import PLACES, Forked, ForkServer
from tests.reliability.conftest import REPO_DIR, assert_consistent, fault_runs

COMMANDS = ("stats", "import", "gazetteer")
ROUNDS = fault_runs("KE_CONCURRENT_ROUNDS", 20)
PROCESSES = 4


@pytest.fixture(scope="module")
def fork_server():
    server = ForkServer(REPO_DIR)
    yield server
    server.close()


def start_at_once(server: ForkServer, barrier: Path, commands: list[list[str]]) -> list[Forked]:
    """Start ``knowledge-explorer`` once per command, wait until every process is loaded, then let
    them all go at the same moment."""
    processes = [server.start(barrier, command) for command in commands]
    while len(list(barrier.parent.glob(f"{barrier.name}.*.ready"))) < len(processes):
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.01)
    barrier.touch()
    return processes


def _round_files(folder: Path, mix: list[str]) -> tuple[list[list[str]], set[str], set[str]]:
    """The commands of one round, the article texts its imports bring and its gazetteer names."""
    db = folder / "new.db"
    commands, texts, names = [], set(), set()
    for i, command in enumerate(mix):
        if command == "stats":
            commands.append(["stats", "--db", str(db)])
        elif command == "import":
            articles = folder / f"in{i}"
            articles.mkdir()
            for j, text in enumerate((f"Talks in {PLACES[i]} on day {i}.", "Norway and Kenya agree.")):
                (articles / f"2024-01-0{j + 1}_{i}.txt").write_text(text, encoding="utf-8")
                texts.add(text)
            commands.append(["import", str(articles), "--db", str(db)])
        else:
            csv = folder / f"names{i}.csv"
            csv.write_text(f"name,type\nName {i},org\n", encoding="utf-8")
            names.add(f"Name {i}")
            commands.append(["gazetteer", "import", str(csv), "--db", str(db)])
    return commands, texts, names


@settings(max_examples=ROUNDS, deadline=None)
@given(mix=st.lists(st.sampled_from(COMMANDS), min_size=PROCESSES, max_size=PROCESSES))
def test_processes_creating_one_new_database_at_once_all_succeed(fork_server, mix):
    """A stats is told "No database" or "empty" only when it came first; every other command succeeds."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        commands, texts, names = _round_files(folder, mix)
        processes = start_at_once(fork_server, folder / "go", commands)
        outcomes = [
            (command[0], p.wait(timeout=120), *p.communicate()) for command, p in zip(commands, processes, strict=True)
        ]
        for name, code, _stdout, stderr in outcomes:
            assert "Traceback" not in stderr and "locked" not in stderr and "busy" not in stderr, (mix, stderr)
            told_no_database = (
                name == "stats"
                and code == 1
                and (
                    "No database at" in stderr
                    or "is empty" in stderr
                    or "holds no Knowledge Explorer library" in stderr
                )
            )
            assert code == 0 or told_no_database, (mix, name, code, stderr)
        db_path = folder / "new.db"
        if set(mix) == {"stats"}:
            assert not db_path.exists()
            return
        db = open_store(db_path, readonly=True)
        applied = [
            row[0]
            for row in db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [MIGRATION_SET]
            )
        ]
        assert applied == known_migrations()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert_consistent(db)
        assert {row[0] for row in db.execute("SELECT body FROM articles")} == texts
        assert {row[0] for row in db.execute("SELECT name FROM gazetteer")} == names
        db.close()


def _write_places(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        first, second = PLACES[i % len(PLACES)], PLACES[(i + 1) % len(PLACES)]
        (folder / f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}_{i:04d}.txt").write_text(
            f"Talks in {first}, number {i}\n\nEnvoys of {first} met {second} in {first}. Article {i}.\n",
            encoding="utf-8",
        )


def test_the_window_curates_and_marks_while_a_cli_import_writes(qtbot, tmp_path, monkeypatch, make_window):
    """A CLI import of 600 files runs while the window hides an entity, undoes, hides it again,
    merges two entities, stars and tags articles. Nobody is told anything, the import follows the
    window's rules, every summary equals a recount and every mark is kept."""
    from tests.message_boxes import record_message_boxes
    from tests.store_builder import build_store, draft
    from tests.ui.actions.test_curation_actions import select, written

    told = record_message_boxes(monkeypatch)
    db_path = tmp_path / "t.db"
    build_store(
        db_path,
        [draft(f"Old {i}", f"Norway, Kenya and Peru talk, day {i}.") for i in range(30)],
        {place: (place, "place") for place in PLACES[:3]},
    ).close()
    _write_places(tmp_path / "in", 600)
    window = make_window(db_path)
    monkeypatch.setattr(window.notes, "ask_item", lambda *args: "checked")
    monkeypatch.setattr(window.curation, "ask_merge", lambda rows: "Kenya")
    (tmp_path / "go").touch()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reliability.at_once",
            "--places-only",
            str(tmp_path / "go"),
            "import",
            str(tmp_path / "in"),
            "--db",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_DIR,
    )
    steps = [
        lambda: select(window, "Norway"),
        lambda: (window.curation.hide(), written(qtbot, window)),  # each write in a task, waited for
        lambda: (window.curation.undo_action.trigger(), written(qtbot, window)),
        lambda: select(window, "Norway"),
        lambda: (window.curation.hide(), written(qtbot, window)),
        lambda: select(window, "Kenya", "Peru"),
        lambda: (window.curation.merge(), written(qtbot, window)),
    ]
    marked: set[int] = set()
    while window.total_articles <= 30 and proc.poll() is None:
        window.refresh()
        qtbot.wait(20)
    steps_while_importing = 0
    while proc.poll() is None or steps:
        if steps:
            steps.pop(0)()
            steps_while_importing += proc.poll() is None
        elif len(marked) < 10:
            window.refresh()
            window.documents.view.setCurrentIndex(window.documents.model.index(len(marked), 0))
            window.notes.show_marks()
            if not window.notes.star_action.isChecked():
                window.notes.star_action.trigger()
            window.notes.add_tag_action.trigger()
            marked.add(window.reader.article.id)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: not window.notes.writes.pending(), timeout=30_000)  # marks are written in tasks
    stdout, stderr = proc.communicate()
    assert proc.returncode == 0 and "Imported 600," in stdout, stderr
    assert told == [] and steps_while_importing == 7
    db = open_store(db_path, readonly=True)
    assert_consistent(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 630
    assert db.execute("SELECT hidden FROM entities WHERE key = 'norway'").fetchone() == (1,)
    assert find_entity(db, "Peru").id == find_entity(db, "Kenya").id
    assert db.execute("SELECT count(*) FROM entities WHERE key = 'peru'").fetchone()[0] == 0
    starred = {i for (i,) in db.execute("SELECT article_id FROM article_notes WHERE starred = 1")}
    assert starred == marked == {i for (i,) in db.execute("SELECT article_id FROM article_tags WHERE tag = 'checked'")}
    window.refresh()
    assert window.total_articles == 630


def test_reading_an_empty_file_says_so_and_writes_nothing(tmp_path):
    """Read while nobody is creating it, an empty file (a touched name, a library's idle -wal) is
    refused as empty, not set up as a database behind the reader's back."""
    empty = tmp_path / "library.db-wal"
    empty.touch()
    with pytest.raises(StoreError, match="holds no Knowledge Explorer library"):
        open_store(empty, readonly=True)
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["library.db-wal"]
