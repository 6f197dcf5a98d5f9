"""Every file name the system allows is imported or reported, its bytes kept, and nothing a file
or a user supplies reaches a terminal raw."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import explorer.core.ops.pipeline as pipeline
from explorer.cli import main
from explorer.core.safety.visible import visible
from explorer.core.store import open_store
from explorer.core.store.notes import add_tag, set_note
from explorer.core.store.paths import path_from_db
from explorer.ui.widgets.import_dialog import summary_text
from tests.ui.conftest import FakeExtractor

# C0 but the line break and tab (a note's own layout), DEL, C1, bidi controls, line separators,
# lone surrogates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
IN_TEXT = " \u202eevil\u202c \x9b31m \u2067x\u2069"  # what a file's text keeps (C0 is dropped)
HOSTILE = "\x1b]0;TITLE\x07" + IN_TEXT + " \r\x08 tab\t"
NAME_MAX = 255

names = st.binary(min_size=1, max_size=NAME_MAX).filter(
    lambda name: b"/" not in name and b"\x00" not in name and not name.startswith(b".")
)


def _stored_paths(db_path: Path) -> set[bytes]:
    with sqlite3.connect(db_path) as conn:
        return {os.fsencode(path_from_db(value)) for (value,) in conn.execute("SELECT path FROM articles")}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(names, st.booleans()), min_size=1, max_size=6, unique_by=lambda pair: pair[0]))
def test_any_file_name_is_imported_or_reported(monkeypatch, files):
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    with tempfile.TemporaryDirectory() as temp:
        folder = os.fsencode(temp) + b"/in"
        os.mkdir(folder)
        for index, (name, sound) in enumerate(files):
            data = f"Report {index}\n\nRain fell on India for {index} days.\n".encode() if sound else b"\x7fELF..."
            with open(folder + b"/" + name, "wb") as out:
                out.write(data)
        db_path = Path(temp) / "t.db"
        # --exclude '': every name is taken, so the default's skipped names ("~", ".x") are tested too
        result = CliRunner().invoke(main, ["import", os.fsdecode(folder), "--db", str(db_path), "--exclude", ""])
        refused = [folder + b"/" + name for name, sound in files if not sound]
        assert result.exit_code == (1 if refused else 0), result.output
        assert f"Imported {len(files) - len(refused)}, duplicates 0, failed {len(refused)}" in result.output
        for path in refused:
            assert f"failed: {visible(os.fsdecode(path))}: not a text file" in result.output
        assert not RAW.search(result.output)
        assert _stored_paths(db_path) == {folder + b"/" + name for name, sound in files if sound}


def test_a_name_that_retitles_the_terminal_is_shown_not_obeyed(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\x1b]0;TITLE\x07a.txt").write_bytes(b"PK\x03\x04 not text")
    (folder / os.fsdecode(b"caf\xe9 \xff.txt")).write_bytes(b"Cafe\n\nA cafe in Tokyo.\n")
    (folder / "-rf --db x.txt").write_bytes(b"Dash\n\nA dash in India.\n")
    (folder / ("long " * 50 + ".txt")).write_bytes(b"Long\n\nA long name in China.\n")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "failed: " + str(folder) + "/\\x1b]0;TITLE\\x07a.txt: not a text file" in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Imported 3, duplicates 0, failed 1" in result.output
    assert os.fsencode(folder) + b"/caf\xe9 \xff.txt" in _stored_paths(tmp_path / "t.db")


def test_the_progress_bar_on_a_terminal_shows_names_escaped(tmp_path):
    """A real terminal (a pty): click draws the bar with the current file's name."""
    pty = pytest.importorskip("pty")
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(3):
        (folder / f"\x1b]0;TITLE{index}\x07.txt").write_bytes(b"\x7fELF")
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer", "import", str(folder), "--db", str(tmp_path / "t.db")],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the program has ended
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    assert process.wait(timeout=120) == 1
    assert b"\x1b]" not in output and b"\x07" not in output
    assert b"\\x1b]0;TITLE0\\x07.txt: not a text file" in output


def test_titles_entities_tags_and_notes_print_escaped(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    db_path = tmp_path / "t.db"
    article = tmp_path / "a.txt"
    article.write_text(f"Title: Floods{IN_TEXT}\nSource: Wire{IN_TEXT}\n\nRain fell on India{IN_TEXT}.\n")
    assert CliRunner().invoke(main, ["import", str(article), "--db", str(db_path)]).exit_code == 0
    db = open_store(db_path)
    add_tag(db, 1, f"tag {HOSTILE}")
    set_note(db, 1, f"line one {HOSTILE}\nline two")
    db.close()
    runner = CliRunner()
    for command in (
        ["search", "India"],
        ["article", "list"],
        ["article", "show", "1"],
        ["article", "tags"],
        ["article", "note", "show", "1"],
        ["delete", "1"],
        ["entity", "add", f"India{IN_TEXT}", "--type", "place"],
        ["entities"],
    ):
        result = runner.invoke(main, [*command, "--db", str(db_path)], input="n\n")
        assert not RAW.search(result.output), (command, result.output)
        assert "\\u202eevil\\u202c \\x9b31m" in result.output, (command, result.output)
    note = runner.invoke(main, ["article", "note", "show", "1", "--db", str(db_path)]).output
    assert note == (
        "line one \\x1b]0;TITLE\\x07 \\u202eevil\\u202c \\x9b31m \\u2067x\\u2069 \\r\\x08 tab\t\nline two\n"
    )


def test_json_output_keeps_exact_strings_but_no_raw_controls(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    db_path = tmp_path / "t.db"
    article = tmp_path / "a.txt"
    article.write_text(f"Title: Floods{IN_TEXT}\n\nRain fell on India.\n")
    CliRunner().invoke(main, ["import", str(article), "--db", str(db_path)])
    result = CliRunner().invoke(main, ["article", "list", "--json", "--db", str(db_path)])
    assert not RAW.search(result.stdout)
    assert json.loads(result.stdout)[0]["title"] == f"Floods{IN_TEXT}"


def test_the_window_import_summary_shows_names_readably():
    from explorer.core.ops.pipeline import ImportProgress

    progress = ImportProgress(
        done=1,
        total=1,
        current=None,
        imported=0,
        duplicates=0,
        finished=True,
        failed=((os.fsdecode(b"/in/\x1b]0;T\x07\xff.txt"), "not a text file"),),
    )
    text = summary_text(progress)
    assert "  /in/\\x1b]0;T\\x07\\xff.txt: not a text file" in text
    assert not RAW.search(text.replace("\n", ""))


def test_the_reader_shows_a_stored_non_utf8_path_readably(tmp_path, qtbot):
    from explorer.core.reading.ingest import read_article
    from explorer.core.store import queries
    from explorer.core.store.writer import add_batch
    from explorer.ui.panes.reader import ReaderWidget

    name = os.fsdecode(b"\x1b]0;T\x07 caf\xe9.txt")
    (tmp_path / name).write_bytes(b"Cafe\n\nA cafe in Tokyo.\n")
    db = open_store(tmp_path / "t.db")
    [article_id] = add_batch(db, [(read_article(tmp_path / name), [])])
    view = queries.article(db, article_id)
    assert os.fsencode(view.path) == os.fsencode(tmp_path) + b"/\x1b]0;T\x07 caf\xe9.txt"
    reader = ReaderWidget()
    qtbot.addWidget(reader)
    reader.show_article(view)
    assert reader.path_label.full_text == f"{tmp_path}/\\x1b]0;T\\x07 caf\\xe9.txt"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.booleans())
def test_visible_leaves_nothing_raw_and_changes_only_what_it_must(text, lines):
    shown = visible(text, lines=lines)
    assert not RAW.search(shown.replace("\t", "").replace("\n", ""))
    if not lines:
        assert "\n" not in shown and "\t" not in shown
    if not RAW.search(text) and "\t" not in text and "\n" not in text:
        assert shown == text
