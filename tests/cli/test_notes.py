"""``knowledge-explorer article …``: stars, tags and notes from the command line, through CliRunner."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.store import open_store
from explorer.core.store.notes import article_notes
from tests.store_builder import build_store, curation_store, draft


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "kb.sqlite"
    db = curation_store(path)
    ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY id")]
    db.close()
    return str(path), ids


def invoke(path, *args, stdin=None):
    return CliRunner().invoke(main, [*args, "--db", path], input=stdin)


def listed(path, *args) -> list[dict]:
    result = invoke(path, "article", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_star_tag_and_note_are_stored_and_listed(library):
    path, (first, second, third) = library
    assert invoke(path, "article", "star", str(first), str(third)).output == "Starred 2 articles\n"
    assert invoke(path, "article", "unstar", str(third)).exit_code == 0
    assert invoke(path, "article", "tag", "Trade  war", str(first), str(second)).exit_code == 0
    assert invoke(path, "article", "tag", "paris", str(second)).exit_code == 0
    assert invoke(path, "article", "untag", "PARIS", str(second)).exit_code == 0
    assert invoke(path, "article", "note", "set", str(first), "check the figures").exit_code == 0
    assert invoke(path, "article", "note", "set", str(second), "-", stdin="from stdin\n").exit_code == 0

    db = open_store(path, readonly=True)
    assert article_notes(db, first) == article_notes(db, first).__class__(True, "check the figures", ("Trade war",))
    assert article_notes(db, second).tags == ("Trade war",) and article_notes(db, second).note == "from stdin"
    assert not article_notes(db, third).starred
    assert invoke(path, "article", "note", "show", str(second)).output == "from stdin\n"
    assert [r["id"] for r in listed(path, "--starred")] == [first]
    assert sorted(r["id"] for r in listed(path, "--tag", "trade war")) == [first, second]
    assert [r["id"] for r in listed(path, "--tag", "trade war", "--to", "2020-01-01")] == [first]
    assert [r["id"] for r in listed(path, "--tag", "trade war", "--entity", "Acme Corp")] == [second]
    row = next(r for r in listed(path) if r["id"] == first)
    assert (row["starred"], row["tags"], row["note"]) == (True, ["Trade war"], "check the figures")

    tags = invoke(path, "article", "tags", "--json")
    assert json.loads(tags.output) == [{"tag": "Trade war", "articles": 2}]
    shown = invoke(path, "article", "show", str(first))
    assert "starred: yes" in shown.output and "tags: Trade war" in shown.output
    text = invoke(path, "article", "list", "--starred")
    assert text.stdout.splitlines()[2].split()[0] == str(first) and "★ #Trade war" in text.stdout
    assert "1 of 1 articles" in text.stderr
    found = json.loads(invoke(path, "search", "Paris", "--json").output)
    assert {h["id"]: (h["starred"], h["tags"]) for h in found}[first] == (True, ["Trade war"])
    hit_line = next(
        line for line in invoke(path, "search", "Paris").stdout.splitlines() if line.split()[0] == str(first)
    )
    assert "★ #Trade war" in hit_line
    assert invoke(path, "article", "note", "set", str(first), "").output.startswith("Cleared the note")


def test_bad_input_is_refused_with_a_message_and_nothing_changes(library):
    path, (first, *_rest) = library
    missing = invoke(path, "article", "star", str(first), "999")
    assert missing.exit_code == 1 and "No article with id 999" in missing.output
    empty = invoke(path, "article", "tag", "   ", str(first))
    assert empty.exit_code == 1 and "at least one character" in empty.output
    not_a_number = invoke(path, "article", "star", "first")
    assert not_a_number.exit_code == 2 and "not a valid integer" in not_a_number.output
    unknown = invoke(path, "article", "list", "--entity", "Nobody")
    assert unknown.exit_code == 1 and "No entity named 'Nobody'" in unknown.output
    syntax = invoke(path, "article", "list", "--search", '"open')
    assert syntax.exit_code == 1 and "Search syntax" in syntax.output
    db = open_store(path, readonly=True)
    assert not article_notes(db, first).starred and db.execute("SELECT count(*) FROM article_tags").fetchone()[0] == 0
    assert "Traceback" not in missing.output + empty.output


def test_export_documents_by_tag_and_star(library, tmp_path):
    path, (first, second, _third) = library
    invoke(path, "article", "tag", "energy", str(first), str(second))
    invoke(path, "article", "star", str(second))
    out = tmp_path / "docs.csv"
    result = invoke(path, "export", "documents", "--tag", "energy", "--starred", "-o", str(out))
    assert result.exit_code == 0 and "Wrote 1 rows" in result.output
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith(f"{second},")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 30), st.integers(1, 25))
def test_article_list_shows_at_most_the_limit_and_every_article_with_all(tmp_path_factory, stored, limit):
    path = str(tmp_path_factory.mktemp("list") / "l.db")
    build_store(path, [draft(f"Story {i}", f"Story {i}.", date(2020, 1, 1 + i)) for i in range(stored)]).close()
    limited = invoke(path, "article", "list", "--limit", str(limit), "--json")
    every = invoke(path, "article", "list", "--all", "--limit", str(limit), "--json")
    assert [row["title"] for row in json.loads(every.stdout)] == [f"Story {i}" for i in reversed(range(stored))]
    assert json.loads(limited.stdout) == json.loads(every.stdout)[:limit]
    shown = min(stored, limit)
    more = " (use --limit or --all)" if shown < stored else ""
    assert limited.stderr == f"{shown} of {stored} articles{more}\n"
    assert every.stderr == f"{stored} of {stored} articles\n"
