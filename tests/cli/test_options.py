"""``--db``: refused in one sentence when it is another database's -wal, -shm or -journal file
(fuzzer finding: ``import … --db library.db-wal`` made a database of the library's idle -wal)."""

from __future__ import annotations

import hashlib
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from tests.store_builder import build_store, draft

COMMANDS = [
    ["import", "{article}"],
    ["stats"],
    ["search", "Kenya"],
    ["article", "list"],
    ["entities"],
    ["gazetteer", "import", "{gazetteer}"],
    ["rebuild-summaries"],
    ["entity", "hide", "Kenya"],
    ["backup", "{folder}/copy.db"],
    ["export", "entities", "-o", "{folder}/e.csv"],
]


@pytest.fixture(scope="module")
def library_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lib")
    build_store(folder / "library.db", [draft("Rain", "Rain in Kenya.")], {"Kenya": ("Kenya", "place")}).close()
    (folder / "article.txt").write_text("Sun\n\nSun in Chile.\n", encoding="utf-8")
    (folder / "names.csv").write_text("Lahore,place\n", encoding="utf-8")
    return folder


def _state(folder) -> dict[str, str]:
    return {entry.name: hashlib.sha256(open(entry.path, "rb").read()).hexdigest() for entry in os.scandir(folder)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(COMMANDS), st.sampled_from(["-wal", "-shm", "-journal"]), st.booleans(), st.booleans())
def test_a_companion_file_is_refused_as_a_database(library_folder, command, suffix, exists, before_command):
    companion = library_folder / f"library.db{suffix}"
    if exists:
        companion.write_bytes(b"")
    try:
        before = _state(library_folder)
        args = [
            part.format(
                article=library_folder / "article.txt", gazetteer=library_folder / "names.csv", folder=library_folder
            )
            for part in command
        ]
        db = ["--db", str(companion)]
        result = CliRunner().invoke(main, db + args if before_command else args + db)
        assert result.exit_code == 2, result.output
        assert f"is the {suffix} file of the database library.db" in result.output
        assert len([line for line in result.output.splitlines() if line.startswith("Error")]) == 1
        assert _state(library_folder) == before  # nothing made, nothing changed
    finally:
        companion.unlink(missing_ok=True)


def test_a_name_ending_like_a_companion_is_a_library_when_no_database_lies_beside_it(tmp_path) -> None:
    result = CliRunner().invoke(main, ["gazetteer", "import", str(_names(tmp_path)), "--db", str(tmp_path / "x-wal")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x-wal").stat().st_size > 0


def _names(folder):
    path = folder / "names.csv"
    path.write_text("Lahore,place\n", encoding="utf-8")
    return path


def test_the_db_given_before_the_command_wins_over_the_environment(tmp_path, monkeypatch) -> None:
    from explorer.core import settings

    chosen, other = tmp_path / "chosen.db", tmp_path / "other.db"
    build_store(chosen, [draft("Rain", "Rain in Kenya.")]).close()
    build_store(other, [draft(f"Sun {i}", "Sun.") for i in range(2)]).close()
    monkeypatch.setenv(settings.DB_ENV, str(other))
    for args in (["--db", str(chosen), "stats"], ["stats", "--db", str(chosen)]):
        assert CliRunner().invoke(main, args).stdout.startswith("articles: 1 "), args
    assert CliRunner().invoke(main, ["stats"]).stdout.startswith("articles: 2 ")
