"""``stories``, ``stories show`` and ``stories rebuild`` on a real import (no spaCy model)."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.core.model import Span

BODY = (
    "Benetton Group <BNTT.MI> said its net profit rose 25 pct in 1986 on higher sales in Europe and the United States,"
    " and it proposed a dividend of 250 lire a share, up from 200 lire a year earlier."
)
COPY = BODY.replace("<BNTT.MI>", "(BNTT.MI)")  # tickers bracketed another way
ARTICLES = {
    "a/1987-03-03_benetton.txt": f"BENETTON <BNTT.MI> PROFIT UP\n\nMILAN, March 3 (Reuter) - {BODY}\n",
    "a/1987-03-04_benetton.txt": f"BENETTON (BNTT.MI) PROFIT UP\n\nROME, March 4 - {COPY}\n",
    "a/1987-03-05_japan.txt": "JAPAN TRADE\n\nJapan's trade surplus narrowed in February as car exports fell.\n",
    "b/copy.txt": f"BENETTON <BNTT.MI> PROFIT UP\n\nMILAN, March 3 (Reuter) - {BODY}\n",
}


class TwoNames:
    """Stands in for spaCy: Benetton is an organisation, Japan a place."""

    def __init__(self, model: str = "") -> None:
        pass

    def use_gazetteer(self, entries) -> None:
        """Nothing to load."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        labels = {"Benetton": "ORG", "Japan": "GPE"}
        for text, context in items:
            yield [Span(m.start(), m.end(), labels[m.group()]) for m in re.finditer(r"Benetton|Japan", text)], context


@pytest.fixture
def library(tmp_path, monkeypatch):
    import explorer.core.ops.pipeline as pipeline

    monkeypatch.setattr(pipeline, "Extractor", TwoNames)
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "lib.db"
    result = invoke("import", str(tmp_path / "a"), str(tmp_path / "b"), "--db", str(db))
    assert "Imported 3, duplicates 1" in result.output
    return db


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_stories_lists_each_group_with_its_articles(library):
    result = invoke("stories", "--db", str(library), "--json")
    assert result.exit_code == 0, result.output
    [story] = json.loads(result.output)
    assert story["story"] == 1 and story["size"] == 2
    assert [a["title"] for a in story["articles"]] == ["BENETTON <BNTT.MI> PROFIT UP", "BENETTON (BNTT.MI) PROFIT UP"]
    assert [a["published"] for a in story["articles"]] == ["1987-03-03", "1987-03-04"]
    assert story["articles"][0]["similarity"] == 1.0 and 0.8 <= story["articles"][1]["similarity"] <= 1.0


def test_min_size_leaves_out_smaller_stories(library):
    result = invoke("stories", "--db", str(library), "--min-size", "3")
    assert result.exit_code == 0 and result.output.strip() == "No story has 3 or more articles."


def test_show_takes_any_article_of_the_story(library):
    rows = json.loads(invoke("stories", "show", "2", "--db", str(library), "--json").output)
    assert rows["story"] == 1 and [a["id"] for a in rows["articles"]] == [1, 2]


@pytest.mark.parametrize(("article", "said"), [(3, "no other version"), (99, "No article with id 99")])
def test_show_says_why_there_is_nothing_to_show(library, article, said):
    result = invoke("stories", "show", str(article), "--db", str(library))
    assert result.exit_code == 1 and said in result.output


def test_rebuild_at_a_stricter_threshold_keeps_it(library):
    result = invoke("stories", "rebuild", "--threshold", "0.99", "--db", str(library))
    assert result.exit_code == 0 and "1 story of two or more articles (2 articles) at threshold 0.99" in result.output
    result = invoke("stories", "rebuild", "--db", str(library))
    assert "at threshold 0.99" in result.output


def test_a_threshold_out_of_range_is_refused_in_a_sentence(library):
    result = invoke("stories", "rebuild", "--threshold", "1.5", "--db", str(library))
    assert result.exit_code == 2 and "1.5 is not in the range" in result.output


def test_entities_once_count_each_story_once(library):
    def counts(*extra):
        rows = json.loads(invoke("entities", "--db", str(library), "--json", *extra).output)
        return {row["name"]: (row["articles"], row["mentions"]) for row in rows}

    assert counts()["Benetton Group"] == (2, 2)
    assert counts("--once") == {"Benetton Group": (1, 1), "Japan": (1, 1)}


def test_timeline_once_counts_the_first_version_only(library):
    def series(*extra):
        return json.loads(
            invoke("timeline", "Benetton Group", "--db", str(library), "--by", "day", "--json", *extra).output
        )

    assert [row["bin"] for row in series()] == ["1987-03-03", "1987-03-04"]
    assert series("--once") == [{"bin": "1987-03-03", "count": 1}]


def test_export_once_leaves_the_copies_out(library, tmp_path):
    for once, expected in (((), 3), (("--once",), 2)):
        out = tmp_path / "docs.csv"
        result = invoke("export", "documents", "-o", str(out), "--db", str(library), *once)
        assert result.exit_code == 0, result.output
        assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == expected
    out = tmp_path / "entities.json"
    invoke("export", "entities", "--format", "json", "-o", str(out), "--db", str(library), "--once")
    assert {e["name"]: e["articles"] for e in json.loads(out.read_text(encoding="utf-8"))} == {
        "Benetton Group": 1,
        "Japan": 1,
    }


def test_a_library_grouped_by_an_older_method_says_so_until_rebuilt(tmp_path, monkeypatch):
    from explorer.core.store.stories import STALE
    from tests.core.store.story_corpora import old_library
    from tests.store_builder import draft

    path = old_library([draft("BENETTON PROFIT UP", BODY), draft("BENETTON PROFIT", COPY)], [[1, 2]])
    listed = invoke("stories", "--db", str(path), "--json")
    assert listed.exit_code == 0 and STALE in listed.stderr
    assert [a["id"] for a in json.loads(listed.stdout)[0]["articles"]] == [1, 2]
    assert STALE in invoke("stories", "show", "1", "--db", str(path)).stderr
    import explorer.core.ops.pipeline as pipeline

    monkeypatch.setattr(pipeline, "Extractor", TwoNames)
    (tmp_path / "new.txt").write_text(ARTICLES["a/1987-03-05_japan.txt"], encoding="utf-8")
    imported = invoke("import", str(tmp_path / "new.txt"), "--db", str(path))
    assert "Imported 1" in imported.stdout and STALE in imported.stderr
    assert invoke("stories", "rebuild", "--db", str(path)).exit_code == 0
    assert STALE not in invoke("stories", "--db", str(path)).stderr
