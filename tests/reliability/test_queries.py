"""Hostile strings through the search box, the CLI and the entity filters: a message, never a traceback;
user values reach SQL only as bound parameters."""

from __future__ import annotations

import ast
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.core.store import queries
from tests.reliability.conftest import REPO_DIR
from tests.store_builder import build_store, draft

HOSTILE_QUERIES = [
    '"',
    "'",
    '""',
    "*",
    "**",
    "* *",
    "NEAR(",
    "NEAR(a b",
    "NEAR(a b, 5)",
    "a NEAR b",
    "(",
    ")",
    "()",
    "((a)",
    "AND",
    "OR NOT",
    "a AND",
    "NOT",
    "title:",
    "body:(",
    "col:x",
    "-a",
    "^a",
    "a:b:c",
    "{a b}:c",
    "'; DROP TABLE articles; --",
    '"; DELETE FROM articles; --',
    "Robert'); DROP TABLE entities;--",
    "Pakistan' OR '1'='1",
    "%",
    "_",
    "\\",
    "a\x00b",
    "\x00",
    "x" * 10_000,
    "Pakistan " * 2000,
    "\u202e\u200b",
    "🇵🇰*",
    "pakistan*",
    '"Pakistan',
    'Pakistan"*',
    "' OR 1=1 --",
]
STORED_TABLES_QUERY = "SELECT type, name FROM sqlite_master ORDER BY name"


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "q.db"
    build_store(
        path,
        [draft(f"Pakistan story {i}", f"Pakistan and Lahore, item {i}.") for i in range(5)],
        {"Pakistan": ("Pakistan", "place"), "Lahore": ("Lahore", "place")},
    ).close()
    return path


def _unchanged(db) -> tuple:
    return (
        db.execute(STORED_TABLES_QUERY).fetchall(),
        db.execute("SELECT count(*) FROM articles").fetchone()[0],
        db.execute("SELECT count(*) FROM entities").fetchone()[0],
    )


def test_search_box_shows_a_message_or_results(make_window, db_path, qtbot):
    window = make_window(db_path)
    before = _unchanged(window.db)
    for text in HOSTILE_QUERIES:
        window.documents.search_field.setText(text)
        with qtbot.waitSignal(window.documents.search_changed, timeout=3000):
            window.documents.search_field.returnPressed.emit()  # Enter: no typing pause to wait for
        error = window.documents.search_error
        if error.isVisible():
            assert error.text() and "Traceback" not in error.text() and len(error.text()) < 120
        else:
            assert window.count_label.text(), text
        window.documents.search_field.clear()
    for text in HOSTILE_QUERIES:  # the same strings as a tag to filter the list by (Article > Filter by Tag…)
        window.state.set_tag(text)
        window.sync.apply_filter()
        assert window.documents.model.rowCount() == 0 and window.count_label.text()
    assert _unchanged(window.db) == before


def test_cli_search_and_timeline_give_a_message_never_a_traceback(db_path):
    runner = CliRunner()
    for text in HOSTILE_QUERIES:
        for command in (["search", text], ["timeline", text], ["search", "--json", text]):
            result = runner.invoke(main, [*command, "--db", str(db_path)])
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                text[:40],
                "".join(traceback.format_exception(result.exception)),
            )
            assert result.exit_code in (0, 1, 2)  # 2: click's usage error, for a query such as "-a"
            if result.exit_code:
                assert "Error: " in result.output
    from explorer.core.store import open_store

    db = open_store(db_path)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_entity_filters_take_any_string_literally(db_path):
    from explorer.core.store import open_store

    db = open_store(db_path)
    for text in HOSTILE_QUERIES:
        names = [row.name for row in queries.entity_page(db, search=text)]
        literal = text.replace("\x00", "").strip().lower()  # SQLite ends a LIKE pattern at a NUL
        assert sorted(names) == [name for name in ("Lahore", "Pakistan") if literal in name.lower()], text
        assert queries.count_entities(db, search=text) == len(names)
        assert queries.find_entity(db, text) is None


def _invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args[:3],
        "".join(traceback.format_exception(result.exception)),
    )
    assert result.exit_code in (0, 1, 2) and (result.exit_code == 0 or "Error: " in result.output)
    return result


def test_tags_notes_and_entity_names_take_any_string_literally(db_path):
    """Each string as a tag, a note, a tag filter and an entity added by hand, through the CLI."""
    from explorer.core.store import open_store
    from explorer.core.store.notes import article_notes

    db = open_store(db_path)
    before = _unchanged(db)
    tags, names = set(), set()
    for text in HOSTILE_QUERIES:
        literal = " ".join(text.replace("\x00", " ").split())  # a NUL cannot reach a command line
        if _invoke("article", "tag", "--db", str(db_path), "--", literal, "1").exit_code == 0:
            tags.add(literal)
        _invoke("article", "note", "set", "--db", str(db_path), "--", "2", literal)
        assert article_notes(db, 2).note == literal.strip()
        listed = _invoke("article", "list", "--json", "--tag", literal, "--db", str(db_path))
        assert listed.exit_code == 0 and (literal not in tags or '"id": 1' in listed.output)
        if _invoke("entity", "add", "--type", "work", "--db", str(db_path), "--", literal).exit_code == 0:
            names.add(literal)
    assert {tag for (tag,) in db.execute("SELECT tag FROM article_tags")} == tags
    assert tags and names and all(queries.find_entity(db, name) is not None for name in names)
    assert _unchanged(db)[0] == before[0] and _unchanged(db)[1] == before[1]


def test_file_names_reach_the_database_literally(tmp_path, monkeypatch):
    import explorer.core.ops.pipeline as pipeline
    from explorer.core.store import open_store
    from tests.ui.conftest import FakeExtractor

    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    folder = tmp_path / "in"
    folder.mkdir()
    names = set()
    for i, text in enumerate(HOSTILE_QUERIES):
        name = f"{i} {text.replace('/', '|').replace(chr(0), '')[:150]}.txt"
        (folder / name).write_text(f"Story {i}\n\nPakistan and China, story {i}.\n", encoding="utf-8")
        names.add(name)
    result = _invoke("import", str(folder), "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 0, result.output
    db = open_store(tmp_path / "t.db")
    assert {Path(path).name for (path,) in db.execute("SELECT path FROM articles")} == names


SQL_CALLS = {"execute", "executemany", "executescript", "_rows", "_page"}
# Values an f-string may put into SQL: placeholders, column lists and clauses built from constants.
STRUCTURAL = {
    "marks",
    "select",
    "order",
    "column",
    "direction",
    "where_sql(clauses)",
    "_ARTICLE_COLUMNS",
    "_ENTITY_COLUMNS",
    "_MENTIONED_AFTER",
    "condition",
    "len(columns)",
    "', '.join(columns)",
    "', '.join('?' * len(columns))",
    "'<' if descending else '>'",
    "', '.join('?' * len(chosen))",
    "table",
    "BUSY_TIMEOUT_MS",
    # timeline.py, reviewed: bin and measure are checked against fixed sets before use, the
    # rest are clauses and aggregates chosen from constants
    "_bin_sql(bin, 'day')",
    "measure",
    "where",
    "counted",
    "joined",
    # detail.py and cooccurrence.py, reviewed: window bounds, type and article restrictions are
    # SQL from constants and the filter's own clauses; every value in them is a ? parameter
    "MAX_CONTEXT",
    "_LOWER",
    "_UPPER",
    "_FIRST",
    "_LAST",
    "articles",
    "restrict",
    "type_sql",
    "Migrations.migrations_table",
    # curation_sql.py undo in place, reviewed: column names from PRAGMA table_info of our own
    # schema, and one ? placeholder per value
    "assignments",
    "','.join('?' * len(row))",
    "','.join('?' * len(table_rows[0]))",
    "','.join('?' * len(names))",
    "','.join('?' * len(types))",
    # constant SQL fragments of our own (stories, counting once, the canned queries of serve)
    "COPY",
    "_ONCE",
    "_VERSIONS",
    "_ENTITY",
}


def _formatted_values(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if any(
                word in text.upper()
                for word in ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "PRAGMA ", " IN (", "ORDER BY")
            ):
                found.extend(
                    (node.lineno, ast.unparse(part.value))
                    for part in node.values
                    if isinstance(part, ast.FormattedValue)
                )
    return found


def test_sql_takes_user_values_only_as_bound_parameters():
    """Every f-string that builds SQL in the store interpolates only structure, never a value."""
    offenders = []
    for path in sorted((REPO_DIR / "explorer").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{path.relative_to(REPO_DIR)}:{line}: {{{value}}}"
            for line, value in _formatted_values(tree)
            if value not in STRUCTURAL
        ]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
                and isinstance(node.func.value, ast.Constant)
                and "SELECT" in str(node.func.value.value).upper()
            ):
                offenders.append(f"{path.relative_to(REPO_DIR)}:{node.lineno}: str.format into SQL")
    assert offenders == [], "review these interpolations; user values must be ? parameters"
