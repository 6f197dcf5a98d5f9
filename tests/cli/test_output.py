"""The output forms shared by every reading command: generated rows printed as a table, JSON,
CSV and newline-delimited JSON, and read back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.cli.output import Column, csv_cell, emit, emit_record, output_options, table_lines, width
from explorer.core.safety.visible import visible
from tests.store_builder import build_store, draft

KEYS = ("id", "name", "count", "flag", "tags", "missing")
COLUMNS = (Column("id", "id"), Column("name"), Column("count", "count"), Column("tags"))
# Any text a title or an entity name may hold, lone surrogates aside (no stored text has them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.integers(1, 2**63 - 1),
            "name": TEXT,
            "count": st.integers(0, 10**12),
            "flag": st.booleans(),
            "tags": st.lists(TEXT, max_size=3),
            "missing": st.none(),
        }
    ),
    max_size=6,
)


def _command(rows: list[dict]) -> click.Command:
    @click.command()
    @output_options
    def command(form) -> None:
        emit(rows, KEYS, COLUMNS, form, empty="Nothing here.")

    return command


def _printed(rows: list[dict], *flags: str) -> str:
    result = CliRunner().invoke(_command(rows), list(flags))
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode()  # as printed: click's ``stdout`` turns CRLF into LF


@settings(max_examples=60, deadline=None)
@given(ROWS)
def test_json_csv_and_nl_read_back_to_the_same_rows(rows) -> None:
    assert json.loads(_printed(rows, "--json")) == rows
    assert [json.loads(line) for line in _printed(rows, "--nl").splitlines()] == rows
    read = list(csv.DictReader(io.StringIO(_printed(rows, "--csv"), newline="")))
    assert read == [{key: csv_cell(row[key]) for key in KEYS} for row in rows]
    assert _printed(rows, "--csv").splitlines()[0] == ",".join(KEYS)  # the header, even with no row


@settings(max_examples=60, deadline=None)
@given(ROWS.filter(bool))
def test_a_table_has_a_header_a_rule_and_one_aligned_line_per_row(rows) -> None:
    lines = _printed(rows).splitlines()
    assert lines[0].split() == [column.key for column in COLUMNS]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert len(lines) == 2 + len(rows)  # control characters shown, so no row breaks a line
    for line, row in zip(lines[2:], rows, strict=True):
        assert line.lstrip().startswith(str(row["id"]))
        assert f"{row['count']:,}" in line and visible(row["name"]) in line
    rule = [len(dashes) for dashes in lines[1].split()]
    ids = [width(line[: rule[0]]) for line in lines]  # numbers end at the rule's end
    assert all(line[: rule[0]].strip() for line in lines[2:]) and len(set(ids)) == 1


@settings(max_examples=40, deadline=None)
@given(ROWS)
def test_nothing_a_terminal_would_obey_reaches_the_table_or_the_json(rows) -> None:
    for flags in ((), ("--json",), ("--nl",)):
        printed = _printed(rows, *flags)
        body = printed.replace("\n", "")
        assert not any(ch in body for ch in "\x1b\x07\x9b\u202e\u2028\r\x00"), flags


def test_no_row_says_so_in_the_table_and_is_empty_in_the_other_forms() -> None:
    assert _printed([]) == "Nothing here.\n"
    assert json.loads(_printed([], "--json")) == [] and _printed([], "--nl") == ""
    assert _printed([], "--csv") == ",".join(KEYS) + "\r\n"


def test_one_form_at_a_time() -> None:
    result = CliRunner().invoke(_command([]), ["--json", "--csv"])
    assert result.exit_code == 2 and "Choose one output form" in result.output


@settings(max_examples=60, deadline=None)
@given(ROWS.filter(bool))
def test_one_record_is_an_object_in_json_a_line_in_nl_and_a_header_and_row_in_csv(rows) -> None:
    record = rows[0]

    @click.command()
    @output_options
    def command(form) -> None:
        emit_record(record, form)

    def printed(flag: str) -> str:
        return CliRunner().invoke(command, [flag]).stdout_bytes.decode()

    assert json.loads(printed("--json")) == record
    assert [json.loads(line) for line in printed("--nl").splitlines()] == [record]
    assert list(csv.DictReader(io.StringIO(printed("--csv"), newline=""))) == [
        {key: csv_cell(value) for key, value in record.items()}
    ]


@settings(max_examples=60, deadline=None)
@given(ROWS.filter(bool))
def test_a_column_made_from_the_row_shows_in_the_table_and_nowhere_else(rows) -> None:
    joined = Column("joined", of=lambda row: " ".join(row["tags"]))
    lines = table_lines(rows, (Column("id", "id"), joined))
    assert lines[0].split() == ["id", "joined"]
    for line, row in zip(lines[2:], rows, strict=True):
        assert line.lstrip()[len(str(row["id"])) :].strip() == visible(" ".join(row["tags"])).strip()

    @click.command()
    @output_options
    def command(form) -> None:
        emit(rows, KEYS, (joined,), form)

    assert json.loads(CliRunner().invoke(command, ["--json"]).stdout) == rows


def test_wide_characters_take_two_columns() -> None:
    lines = table_lines([{"name": "東京", "n": 1}, {"name": "Lima", "n": 22}], (Column("name"), Column("n", "count")))
    assert [width(line) for line in lines[2:]] == [width(lines[0])] * 2
    assert width("東京") == 4 and width("é") == 1


# Every reading command, on one small library: the same rows in JSON, CSV and NL, a table with headers.
NAMES = {"Kenya": ("Kenya", "place"), "Nairobi": ("Nairobi", "place"), "Red Cross": ("Red Cross", "organisation")}
BODIES = [
    ("Floods in Kenya", "Rain flooded Nairobi, Kenya; the Red Cross, \x1b[31m, helped.", date(1987, 3, 2)),
    ("Kenya, again", 'Kenya and Nairobi: "quoted", commas, and\nnew lines.', date(1987, 3, 30)),
    ("Undated", "The Red Cross in Kenya.", None),
]
READING = {  # command → whether it prints one record (its JSON an object) rather than rows
    ("entities",): False,
    ("search", "Kenya"): False,
    ("timeline", "Kenya", "--by", "week"): False,
    ("stats",): True,
    ("article", "list"): False,
    ("article", "tags"): False,
    ("article", "show", "1"): True,
    ("article", "note", "show", "1"): True,
}


@pytest.fixture(scope="module")
def small_library(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("forms") / "library.db"
    build_store(path, [draft(title, body, day) for title, body, day in BODIES], NAMES).close()
    for args in (["article", "tag", "flood,s", "1", "2"], ["article", "note", "set", "1", "line one\nline two"]):
        assert CliRunner().invoke(main, [*args, "--db", str(path)]).exit_code == 0
    return str(path)


@pytest.mark.parametrize("command", list(READING), ids=" ".join)
def test_every_reading_command_prints_the_same_rows_in_every_form(small_library, command) -> None:
    def printed(*flags: str) -> str:
        result = CliRunner().invoke(main, [*command, *flags, "--db", small_library])
        assert result.exit_code == 0, result.output
        return result.stdout_bytes.decode()

    data = json.loads(printed("--json"))
    rows = [data] if READING[command] else data
    assert rows, "the library gives every command something to print"
    assert [json.loads(line) for line in printed("--nl").splitlines()] == rows
    assert list(csv.DictReader(io.StringIO(printed("--csv"), newline=""))) == [
        {k: csv_cell(v) for k, v in row.items()} for row in rows
    ]
    table = printed()
    assert "\x1b" not in table and "Traceback" not in table
    if command[:2] not in (("stats",), ("article", "show"), ("article", "note")):  # records, not tables
        lines = table.splitlines()
        header = next(i for i, line in enumerate(lines) if set(lines[i + 1].replace(" ", "")) == {"-"})
        assert len(lines) - header - 2 == len(rows)
