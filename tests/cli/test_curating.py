"""The curation commands (``entity …``) and ``reextract`` through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from explorer.cli import main
from explorer.core.store import open_store
from tests.core.ops.test_curation import assert_summaries_exact
from tests.store_builder import curation_store


def _library(tmp_path):
    path = tmp_path / "kb.sqlite"
    curation_store(path).close()
    return str(path)


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_entity_commands_change_the_store_and_record_rules(tmp_path):
    path = _library(tmp_path)
    merged = invoke("entity", "merge", "William Clinton", "Bill Clinton", "--name", "Bill Clinton", "--db", path)
    assert merged.exit_code == 0, merged.output
    assert "Merge 2 entities into Bill Clinton" in merged.output
    assert invoke("entity", "rename", "Acme Corp", "Acme Corporation", "--db", path).exit_code == 0
    assert invoke("entity", "retype", "Acme", "product", "--db", path).exit_code == 0
    assert invoke("entity", "hide", "Paris", "--db", path).exit_code == 0
    assert invoke("entity", "add", "said", "--type", "work", "--db", path).exit_code == 0
    missing = invoke("entity", "hide", "Nobody", "--db", path)
    assert missing.exit_code != 0 and "No entity named 'Nobody'" in missing.output
    refused = invoke("entity", "split", "Acme", "Acme", "--db", path)
    assert refused.exit_code != 0 and "rename it instead" in refused.output
    db = open_store(path)
    assert_summaries_exact(db)
    assert [r[0] for r in db.execute("SELECT kind FROM rules ORDER BY id")] == [
        "merge",
        "rename",
        "retype",
        "hide",
        "add",
    ]
    rows = dict(db.execute("SELECT name, mentions FROM entities WHERE hidden = 0").fetchall())
    assert rows == {"Bill Clinton": 4, "Acme Corporation": 1, "Acme": 2, "said": 1}


def test_reextract_command(tmp_path):
    path = _library(tmp_path)
    result = invoke("reextract", "--db", path)
    assert result.exit_code == 0, result.output
    assert "Re-extracted 3 articles" in result.output
    assert_summaries_exact(open_store(path))


def test_hidden_entities_are_listed_with_why_and_shown_again(tmp_path):
    path = _library(tmp_path)
    assert "No hidden entities." in invoke("entities", "--hidden", "--db", path).output
    assert invoke("entity", "hide", "Paris", "--db", path).exit_code == 0
    listed = json.loads(invoke("entities", "--hidden", "--json", "--db", path).output)
    assert [(e["name"], e["reason"]) for e in listed] == [("Paris", "Hidden by you")]
    assert "Paris" not in invoke("entities", "--json", "--db", path).output
    shown = invoke("entity", "show", "paris", "--db", path)
    assert shown.exit_code == 0, shown.output
    assert "Show Paris again" in shown.output
    again = invoke("entity", "show", "Paris", "--db", path)
    assert again.exit_code != 0 and "No hidden entity named 'Paris'" in again.output
    db = open_store(path)
    assert_summaries_exact(db)
    assert [r[0] for r in db.execute("SELECT kind FROM rules ORDER BY id")] == ["show"]
    assert db.execute("SELECT hidden FROM entities WHERE name = 'Paris'").fetchone() == (0,)
