"""The command line through click's CliRunner, on a real import."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main

ARTICLES = {
    "2024-03-01_a.txt": "Floods in Kenya\n\nHeavy rain flooded Nairobi in Kenya. The Red Cross sent help to Kenya.\n",
    "2024-03-09_b.txt": "Kenya recovers\n\nKenya reopened roads near Nairobi, officials in Kenya said.\n",
    "2024-04-02_c.txt": "Chile votes\n\nVoters in Chile chose a new parliament.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"%PDF-1.7\n" + bytes(100))
    db_path = folder.parent / "cli.db"
    result = CliRunner().invoke(main, ["import", str(folder), "--db", str(db_path)])
    return db_path, folder, result


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_import_summary_and_exit_status(library):
    db_path, folder, result = library
    assert result.exit_code == 1  # one file failed
    assert "Imported 3, duplicates 0, failed 1" in result.output
    assert "broken.txt" in result.output and "PDF" in result.output
    again = invoke("import", str(folder / "2024-03-01_a.txt"), "--db", str(db_path))
    assert again.exit_code == 0
    assert "Imported 0, duplicates 1, failed 0" in again.output


def test_entities_json_lists_the_most_mentioned_first(library):
    db_path = library[0]
    result = invoke("entities", "--db", str(db_path), "--json", "--top", "3")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["name"] == "Kenya" and rows[0]["type"] == "place"
    assert rows[0]["mentions"] == 4 and rows[0]["articles"] == 2
    places = json.loads(invoke("entities", "--db", str(db_path), "--type", "place", "--json").output)
    assert {r["type"] for r in places} == {"place"}
    assert {"Kenya", "Nairobi", "Chile"} <= {r["name"] for r in places}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 40), st.integers(1, 30))
def test_entities_shows_the_top_and_every_entity_with_all(tmp_path_factory, stored, top):
    from tests.store_builder import build_store, draft, own_names

    names = [f"Place{i:02d}" for i in range(stored)]
    path = tmp_path_factory.mktemp("entities") / "e.db"
    build_store(path, [draft(f"On {name}", f"{name} is here.") for name in names], own_names(place=names)).close()
    every = json.loads(invoke("entities", "--all", "--top", str(top), "--json", "--db", str(path)).stdout)
    assert sorted(row["name"] for row in every) == names
    shown = json.loads(invoke("entities", "--top", str(top), "--json", "--db", str(path)).stdout)
    assert shown == every[:top]


def test_search_and_malformed_query(library):
    db_path = library[0]
    hits = json.loads(invoke("search", "Nairobi", "--db", str(db_path), "--json").output)
    assert sorted(h["title"] for h in hits) == ["Floods in Kenya", "Kenya recovers"]
    bad = invoke("search", '"unbalanced', "--db", str(db_path))
    assert bad.exit_code != 0
    assert "Traceback" not in bad.output and "Search syntax" in bad.output


def test_timeline_counts_per_month(library):
    db_path = library[0]
    result = invoke("timeline", "Kenya", "--by", "month", "--db", str(db_path), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"bin": "2024-03", "count": 4}]  # a month as people write it
    missing = invoke("timeline", "Atlantis", "--db", str(db_path))
    assert missing.exit_code != 0 and "No entity named" in missing.output


def test_stats(library):
    figures = json.loads(invoke("stats", "--db", str(library[0]), "--json").output)
    assert figures["articles"] == 3


def test_extract_prints_offsets_into_the_decoded_file(tmp_path):
    path = tmp_path / "note.txt"
    text = "Report\n\nPresident Ana Silva visited Peru."
    path.write_text(text, encoding="utf-16")
    result = invoke("extract", str(path), "--json")
    assert result.exit_code == 0, result.output
    [only] = json.loads(result.output)  # one file: a one-element array
    entities = only["entities"]
    by_name = {e["name"]: e for e in entities}
    assert by_name["Peru"]["type"] == "place"
    for e in entities:
        assert text[e["start"] : e["end"]] == e["text"]


def test_extract_reads_several_files_and_reports_the_unreadable_ones_last_in_its_status(tmp_path):
    first = tmp_path / "2024-06-12_first.txt"
    first.write_text("Talks\n\nThe ministers met in Lima on Monday and will meet again on Thursday.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    undated = tmp_path / "undated.txt"
    undated.write_text("Votes\n\nVoters in Chile chose a parliament last year, in March 2009.\n")
    result = invoke("extract", str(first), str(tmp_path / "missing.txt"), str(empty), str(undated), "--json")
    assert result.exit_code == 1
    objects = json.loads(result.output)
    assert [o["file"] for o in objects] == [str(first), str(tmp_path / "missing.txt"), str(empty), str(undated)]
    assert objects[1]["error"] == "file not found" and objects[2]["error"] == "empty file"
    assert "entities" not in objects[1] and "error" not in objects[0] and "error" not in objects[3]
    dates = {d["text"]: (d["time_start"], d["time_end"]) for d in objects[0]["entities"] if d["type"] == "date"}
    assert dates == {"Monday": ("2024-06-10", "2024-06-10"), "Thursday": ("2024-06-13", "2024-06-13")}
    undated_dates = {d["text"]: (d["time_start"], d["time_end"]) for d in objects[3]["entities"] if d["type"] == "date"}
    assert undated_dates == {"last year": (None, None), "March 2009": ("2009-03-01", "2009-03-31")}
    given = json.loads(invoke("extract", str(undated), "--json", "--date", "2011-05-02").output)
    starts = {d["text"]: d["time_start"] for d in given[0]["entities"] if d["type"] == "date"}
    assert starts["last year"] == "2010-01-01"


def test_extract_of_unreadable_files_reports_each_and_fails(tmp_path):
    result = invoke("extract", str(tmp_path / "none.txt"), str(tmp_path), "--json")
    assert result.exit_code == 1
    assert [o["error"] for o in json.loads(result.output)] == ["file not found", "is a folder, not a file"]


def test_extract_with_a_model_not_installed_says_so_before_reading(tmp_path):
    result = invoke("extract", str(tmp_path / "none.txt"), "--model", "no_such_model", "--json")
    assert result.exit_code == 2 and "no_such_model" in result.output and "Traceback" not in result.output


def test_missing_database_and_not_a_database(tmp_path):
    missing = invoke("stats", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code != 0 and "No database" in missing.output
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    result = invoke("stats", "--db", str(junk))
    assert result.exit_code != 0 and "not" in result.output and "Traceback" not in result.output
    assert junk.read_text() == "hello"


def test_entities_show_the_country_a_nationality_is_a_group_of(tmp_path):
    import hashlib

    from explorer.core.model import ArticleDraft, Mention
    from explorer.core.store import open_store
    from explorer.core.store.writer import add_batch

    text = "Kenyan farmers sold maize in Kenya."
    db_path = tmp_path / "groups.db"
    db = open_store(db_path)
    add_batch(
        db,
        [
            (
                ArticleDraft(title="Maize", body=text, sha256=hashlib.sha256(text.encode()).hexdigest(), words=6),
                [Mention(0, 6, "Kenyan", "group"), Mention(29, 34, "Kenya", "place")],
            )
        ],
    )
    db.close()
    lines = invoke("entities", "--db", str(db_path)).output.splitlines()
    assert lines[0].split() == ["mentions", "articles", "type", "name", "group_of"]
    assert any(line.split()[-3:] == ["group", "Kenyan", "Kenya"] for line in lines)
    assert any(line.endswith("Kenya") for line in lines)
    rows = {r["name"]: r["group_of"] for r in json.loads(invoke("entities", "--db", str(db_path), "--json").output)}
    assert rows == {"Kenyan": "Kenya", "Kenya": None}


def test_timeline_of_an_entity_only_in_undated_articles(tmp_path):
    folder = tmp_path / "undated"
    folder.mkdir()
    (folder / "note.txt").write_text("A note\n\nKenya and Kenya again, with no date at all.", encoding="utf-8")
    db_path = tmp_path / "undated.db"
    assert invoke("import", str(folder), "--db", str(db_path)).exit_code == 0
    result = invoke("timeline", "Kenya", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Kenya (place): no dated mentions",
        "bin      count",
        "-------  -----",
        "undated      2",
    ]
    assert json.loads(invoke("timeline", "Kenya", "--db", str(db_path), "--json").output) == [
        {"bin": "undated", "count": 2}
    ]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 30), st.integers(0, 5), st.integers(1, 25))
def test_search_says_how_many_match_and_shows_at_most_the_limit(tmp_path_factory, matching, others, limit):
    from tests.store_builder import build_store, draft

    path = tmp_path_factory.mktemp("search") / "s.db"
    build_store(
        path,
        [draft(f"Zebra {i}", f"A zebra, number {i}.") for i in range(matching)]
        + [draft(f"Lion {i}", f"A lion, number {i}.") for i in range(others)],
    ).close()
    result = invoke("search", "zebra", "--limit", str(limit), "--db", str(path))
    assert result.exit_code == 0, result.output
    shown = min(matching, limit)
    if matching == 0:
        assert result.stdout == "No articles match 'zebra'.\n" and result.stderr == ""
    else:
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["id", "published", "title", "marks", "snippet"] and len(lines) == 2 + shown
    assert result.stderr == (f"{limit} of {matching:,} (use --limit or --all)\n" if matching > limit else "")
    every = json.loads(invoke("search", "zebra", "--all", "--json", "--db", str(path)).stdout)
    assert sorted(hit["title"] for hit in every) == sorted(f"Zebra {i}" for i in range(matching))


def test_search_counts_with_separators_and_nothing_is_found_for_punctuation(tmp_path):
    from tests.store_builder import build_store, draft

    path = tmp_path / "s.db"
    build_store(path, [draft(f"Zebra {i}", f"A zebra, number {i}.") for i in range(1_001)]).close()
    result = invoke("search", "zebra", "--db", str(path))
    assert result.stderr == "20 of 1,001 (use --limit or --all)\n"
    assert invoke("search", "!!!", "--db", str(path)).stdout == "No articles match '!!!'.\n"


def test_stats_reads_as_text(library):
    lines = invoke("stats", "--db", str(library[0])).stdout.splitlines()
    assert lines[0] == "articles: 3 (3 dated, 0 undated)" and lines[1] == "dates: 2024-03-01 to 2024-04-02"
    assert lines[2].startswith("entities: ") and "place " in lines[2] and "{" not in lines[2]
    assert lines[3].startswith("mentions: ")


def test_entities_hidden_lists_the_hidden_ones_with_why_by_type_and_top(tmp_path):
    from explorer.core.ops import curation
    from tests.store_builder import curation_store

    path = tmp_path / "kb.sqlite"
    db = curation_store(path)
    for name in ("Paris", "Acme", "Bill Clinton"):
        curation.hide(db, db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()[0])
    db.close()
    table = invoke("entities", "--hidden", "--db", str(path))
    assert table.exit_code == 0, table.output
    assert "Hidden by you" in table.output and "Paris" in table.output and "William" not in table.output
    top = json.loads(invoke("entities", "--hidden", "--top", "1", "--json", "--db", str(path)).output)
    assert [(r["name"], r["mentions"]) for r in top] == [("Paris", 3)]
    people = json.loads(invoke("entities", "--hidden", "--type", "person", "--json", "--db", str(path)).output)
    assert [r["name"] for r in people] == ["Bill Clinton"]
    both = invoke("entities", "--hidden", "--once", "--db", str(path))
    assert both.exit_code == 2 and "Give --hidden or --once, not both" in both.output
