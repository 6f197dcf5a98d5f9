"""Values at their limits get a sentence, never a traceback: dates from year 1 to 9999 and
beyond, ids beyond 64 bits, names over 255 bytes, CSV fields over 128 KB, an unknown model."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.extraction import timex
from explorer.core.store.timeline import BINS, bin_end, bin_start, bin_starts
from tests.reliability.conftest import assert_consistent, cli
from tests.ui.conftest import FakeExtractor

FIXTURES = [HealthCheck.function_scoped_fixture]
RELATIVE = [
    "today",
    "tomorrow",
    "yesterday",
    "next day",
    "next week",
    "last week",
    "next month",
    "last month",
    "next year",
    "last year",
    "this year",
    "early next year",
    "late last month",
    "next December",
    "last January",
    "next Monday",
    "last Friday",
    "999 years ago",
    "3 weeks ago",
    "December 31",
    "1 January",
    "earlier this year",
    "later this month",
    "mid next decade",
    "the 2020s",
    "Q4",
    "second half",
]
BAD_DATES = [
    "0000-01-01",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "9999-12-32",
    "-0001-01-01",
    "99999-12-31",
    "",
    " ",
    "2026-2-3x",
    "１９９９-01-01",
]


def assert_one_readable_line(result) -> None:
    """Exit 0, or 1/2 with one line starting with 'Error:' and no traceback."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code:
        assert isinstance(result.exception, SystemExit), result.exception
        assert sum(line.startswith("Error:") for line in result.output.splitlines()) == 1, result.output


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- dates


@given(
    anchor=st.one_of(st.dates(), st.dates(date(9999, 11, 1)), st.dates(max_value=date(1, 3, 1))),
    expression=st.sampled_from(RELATIVE),
)
def test_relative_dates_near_the_calendar_limits_resolve_or_drop(anchor, expression):
    period = timex.resolve(expression, anchor)
    assert period is None or (isinstance(period[0], date) and period[0] <= period[1])


def test_tomorrow_of_the_last_day_and_yesterday_of_the_first_are_dropped():
    assert timex.resolve("tomorrow", date.max) is None
    assert timex.resolve("yesterday", date.min) is None
    assert timex.resolve("today", date.max) == (date.max, date.max)
    assert timex.resolve("next year", date(9999, 6, 1)) is None


@given(
    first=st.one_of(st.dates(), st.dates(date(9999, 1, 1)), st.dates(max_value=date(1, 12, 31))),
    days=st.integers(0, 400),
    bin=st.sampled_from(BINS),
)
def test_timeline_bins_cover_any_range_up_to_the_last_day(first, days, bin):
    last = min(first + timedelta(days=min(days, (date.max - first).days)), date.max)
    starts = bin_starts(first, last, bin)
    assert starts[0] == bin_start(first, bin) and bin_end(starts[-1], bin) >= last
    assert all(bin_end(a, bin) + timedelta(days=1) == b for a, b in pairwise(starts))


@pytest.fixture
def fake_import(monkeypatch):
    import explorer.core.ops.pipeline as pipeline

    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)


@settings(max_examples=30, deadline=None, suppress_health_check=FIXTURES)
@given(
    value=st.one_of(
        st.dates().map(date.isoformat),
        st.sampled_from(BAD_DATES),
        st.sampled_from([date.min.isoformat(), date.max.isoformat()]),
    )
)
def test_import_with_a_date_at_or_beyond_the_limits(tmp_path_factory, fake_import, value):
    folder = tmp_path_factory.mktemp("dated")
    (folder / "story.txt").write_text(
        "Tomorrow Pakistan meets China. Yesterday India spoke; next week, next month and next year too.\n",
        encoding="utf-8",
    )
    db = folder / "library.db"
    result = CliRunner().invoke(main, ["import", str(folder / "story.txt"), "--date", value, "--db", str(db)])
    assert_one_readable_line(result)
    if result.exit_code:
        assert result.exit_code == 2 and "YYYY-MM-DD" in result.output and not db.exists()
        return
    for args in (
        ["timeline", "Pakistan"],
        ["timeline", "Pakistan", "--by", "week"],
        ["entities"],
        ["article", "list", "--from", value, "--to", value],
        ["export", "timeline", "-o", str(folder / "t.csv")],
    ):
        shown = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert_one_readable_line(shown)
        assert shown.exit_code == 0, (args, shown.output)
    listed = CliRunner().invoke(main, ["article", "list", "--from", value, "--to", value, "--db", str(db)])
    assert value in listed.output


# -- ids


@pytest.fixture(scope="module")
def small_library(tmp_path_factory) -> Path:
    from tests.store_builder import build_store, draft

    path = tmp_path_factory.mktemp("ids") / "library.db"
    build_store(
        path,
        [draft(f"Story {i}", f"Pakistan and China, day {i}.") for i in range(3)],
        {"Pakistan": ("Pakistan", "place")},
    ).close()
    return path


ID_COMMANDS = [
    ["article", "show"],
    ["article", "star"],
    ["article", "unstar"],
    ["article", "tag", "x"],
    ["article", "untag", "x"],
    ["article", "note", "show"],
    ["delete", "--yes"],
]
IDS = st.one_of(
    st.integers(-(2**80), 2**80),
    st.sampled_from([0, -1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1]),
    st.text(min_size=1, max_size=30).filter(lambda s: not s.startswith("-")),
)


def _as_int(value) -> int | None:
    """The id click reads from ``value`` (it parses with ``int``: " 2", "0_2" and "٢" are 2)."""
    try:
        return int(value)
    except ValueError:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(command=st.sampled_from(ID_COMMANDS), value=IDS)
def test_every_command_taking_ids_says_so_in_a_line(small_library, tmp_path_factory, command, value):
    db = tmp_path_factory.mktemp("ids") / "library.db"
    shutil.copy(small_library, db)
    before = digest(db)
    result = CliRunner().invoke(
        main,
        [*command, "--", str(value), "--db", str(db)]
        if command[0] == "delete"
        else [*command, str(value), "--db", str(db)],
    )
    assert_one_readable_line(result)
    known = _as_int(value) in (1, 2, 3)
    assert result.exit_code == (0 if known else result.exit_code)
    if not known:
        assert result.exit_code in (1, 2) and digest(db) == before
    conn = sqlite3.connect(db)
    assert_consistent(sqlite_utils.Database(conn))
    conn.close()


def test_ids_beyond_64_bits_in_a_fresh_process(small_library, tmp_path):
    db = tmp_path / "library.db"
    shutil.copy(small_library, db)
    for args in (
        ["article", "show", str(2**64)],
        ["article", "star", "--", str(-(2**70))],
        ["article", "show", "seven"],
    ):
        result = cli(*args, "--db", str(db))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "Error: Invalid value for" in result.stderr


# -- names, fields, models

LONG = "n" * 300


def test_names_over_255_bytes(tmp_path, small_library):
    db = tmp_path / "library.db"
    shutil.copy(small_library, db)
    before = digest(db)
    for args in (
        ["export", "entities", "-o", str(tmp_path / f"{LONG}.csv"), "--db", str(db)],
        ["stats", "--db", str(tmp_path / LONG / "x.db")],
        ["backup", str(tmp_path / ("é" * 130)), "--db", str(db)],
    ):
        result = CliRunner().invoke(main, args)
        assert_one_readable_line(result)
        assert result.exit_code == 2 and "at most 255 bytes" in result.output, result.output
    result = CliRunner().invoke(main, ["import", str(tmp_path / LONG), "--db", str(db)])
    assert result.exit_code == 1 and "Traceback" not in result.output  # a failed file, with its reason
    assert f"failed: {tmp_path / LONG}: cannot be read (File name too long)" in result.output
    assert digest(db) == before


def test_a_gazetteer_field_over_128_kb(tmp_path, small_library):
    db = tmp_path / "library.db"
    shutil.copy(small_library, db)
    before = digest(db)
    names = tmp_path / "names.csv"
    names.write_text('Lahore,place\n"' + "x" * 200_000 + '",place\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["gazetteer", "import", str(names), "--db", str(db)])
    assert_one_readable_line(result)
    assert result.exit_code == 1 and "line 2" in result.output and "131,072 characters" in result.output
    assert digest(db) == before


@pytest.mark.parametrize("command", [["import", "{dir}/story.txt"], ["reextract"], ["extract", "{dir}/story.txt"]])
def test_an_unknown_model_is_said_before_any_database_is_made(tmp_path, command):
    (tmp_path / "story.txt").write_text("Pakistan.\n", encoding="utf-8")
    db = tmp_path / "new.db"
    args = [a.format(dir=tmp_path) for a in command]
    db_option = ["--db", str(db)] if command[0] != "extract" else []
    result = CliRunner().invoke(main, [*args, "--model", "xx_no_such_model", *db_option])
    assert_one_readable_line(result)
    assert result.exit_code == 2 and "xx_no_such_model" in result.output and "not installed" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]
