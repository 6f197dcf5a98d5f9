"""``knowledge-explorer article date ID… YYYY-MM-DD|none``: the user's date from the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import explorer.core.ops.reextract as reextract
from explorer.cli import main
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch
from tests.core.store.test_article_dates import BODIES, NAMES, START, DateExtractor, date_rows
from tests.core.store.test_summaries import assert_equal_to_recount
from tests.store_builder import draft, mentions_in


@pytest.fixture
def library(tmp_path, monkeypatch):
    monkeypatch.setattr(reextract, "Extractor", lambda model: DateExtractor())
    path = tmp_path / "kb.sqlite"
    db = open_store(path)
    add_batch(
        db,
        [(draft(title, body, day), mentions_in(body, NAMES)) for (title, body), day in zip(BODIES, START, strict=True)],
    )
    db.close()
    return str(path)


def invoke(path, *args):
    return CliRunner().invoke(main, ["article", "date", *args, "--db", path])


def dates(path) -> list[tuple]:
    return open_store(path).execute("SELECT id, published, date_source FROM articles ORDER BY id").fetchall()


def test_a_date_for_several_articles_then_undated(library):
    result = invoke(library, "1", "2", "2024-06-05")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Dated 2 articles 2024-06-05",
        "Read 1 undated article again for their relative dates",
    ]
    assert dates(library)[:2] == [(1, "2024-06-05", "user"), (2, "2024-06-05", "user")]
    db = open_store(library)
    assert date_rows(db, 2) == [("June 8, 2024", "2024-06-08"), ("next week", "2024-06-10")]
    assert_equal_to_recount(db)
    result = invoke(library, "2", "none")
    assert (result.exit_code, result.output) == (0, "Marked 1 article undated\n")
    assert dates(library)[1] == (2, None, "user")
    assert date_rows(open_store(library), 2) == [("June 8, 2024", "2024-06-08"), ("next week", None)]
    assert open_store(library).execute("SELECT undated FROM corpus_totals").fetchone() == (2,)


def test_the_user_date_survives_reextract(library):
    assert invoke(library, "3", "2021-02-03").exit_code == 0
    result = CliRunner().invoke(main, ["reextract", "--db", library])
    assert result.exit_code == 0, result.output
    assert dates(library)[2] == (3, "2021-02-03", "user")
    assert date_rows(open_store(library), 3) == [("2023", "2023-01-01"), ("on Tuesday", "2021-02-02")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("1", "2024-13-01"),
            "'2024-13-01' is not a date: give it as YYYY-MM-DD (e.g. 2024-06-08), or 'none' for undated.",
        ),
        (("1", "June 8"), "'June 8' is not a date"),
        (("x", "2024-06-08"), "'x' is not an article id."),
        (("1", "99", "2024-06-08"), "No article with id 99."),
        (("2024-06-08",), "Give one or more article ids and then a date"),
    ],
)
def test_bad_input_gets_one_sentence_and_changes_nothing(library, args, message):
    before = dates(library)
    result = invoke(library, *args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert dates(library) == before
