"""Include and exclude patterns: the folder walk takes exactly what a reference fnmatch takes."""

from __future__ import annotations

import fnmatch
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.reading.file_filter import DEFAULT_EXCLUDE, FileFilter, format_patterns, parse_patterns
from explorer.core.reading.ingest import iter_files
from explorer.core.store import open_store

FOLDERS = ["news", "Sub", ".git", "old~", "README"]
FILES = ["a.txt", "B.TXT", "README.TXT", "readme.md", ".hidden", "LICENSE", "notes.md", "x~", "c d.txt"]
PATTERNS = [
    "*.txt",
    "*.TXT",
    "readme*",
    "README*",
    ".*",
    "*~",
    "sub",
    "news/*",
    "*/a*",
    "?.txt",
    "[ab]*",
    "*d*",
    "Sub/*.md",
    "*",
]

trees = st.lists(
    st.tuples(st.lists(st.sampled_from(FOLDERS), max_size=2), st.sampled_from(FILES)).map(
        lambda t: "/".join([*t[0], t[1]])
    ),
    min_size=1,
    max_size=12,
    unique=True,
)
filters = st.builds(
    FileFilter,
    include=st.lists(st.sampled_from(PATTERNS), max_size=2).map(tuple),
    exclude=st.lists(st.sampled_from(PATTERNS), max_size=3).map(tuple),
)


def reference_takes(relative: str, flt: FileFilter) -> bool:
    """fnmatch on lower-cased names and paths, each folder on the way checked as the walk would."""

    def hit(patterns, name, path):
        return any(
            fnmatch.fnmatchcase(name.lower(), p.lower()) or fnmatch.fnmatchcase(path.lower(), p.lower())
            for p in patterns
        )

    parts = relative.split("/")
    for depth in range(1, len(parts)):
        if hit(flt.exclude, parts[depth - 1], "/".join(parts[:depth])):
            return False
    if hit(flt.exclude, parts[-1], relative):
        return False
    return not flt.include or hit(flt.include, parts[-1], relative)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees, filters, st.booleans())
def test_the_walk_takes_exactly_what_fnmatch_takes(tree, flt, recursive):
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp) / "top"
        for relative in tree:
            (top / relative).parent.mkdir(parents=True, exist_ok=True)
            (top / relative).write_text("x")
        found = {p.relative_to(top).as_posix() for p in iter_files([top], recursive=recursive, file_filter=flt)}
    expected = {r for r in tree if (recursive or "/" not in r) and reference_takes(r, flt)}
    assert found == expected


@given(st.lists(st.text(alphabet="ab*?.[] ~-_", min_size=1).map(str.strip).filter(bool), max_size=5))
def test_patterns_survive_their_text_form(patterns):
    assert parse_patterns(format_patterns(tuple(patterns))) == tuple(patterns)


def test_a_named_file_is_read_whatever_the_patterns(tmp_path):
    readme = tmp_path / "README.TXT"
    readme.write_text("x")
    assert list(iter_files([readme], recursive=True, file_filter=FileFilter(include=("*.md",)))) == [readme]


def test_the_default_leaves_out_readmes_licences_and_hidden_files(tmp_path):
    for name in ("2024-01-01_a.txt", "README.TXT", "LICENSE", ".DS_Store", "CHANGELOG.md", "b.txt~"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_files([tmp_path], recursive=False)] == ["2024-01-01_a.txt"]
    assert ".*" in DEFAULT_EXCLUDE


def _folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Title: A\n\nNorway and Kenya signed a deal in Oslo on Monday.\n")
    (folder / "sub" / "b.md").write_text("Title: B\n\nTalks went on in Nairobi, officials said.\n")
    (folder / "README.TXT").write_text("How to use this folder of articles.\n")
    return folder


def _titles(db_path) -> set[str]:
    return {row[0] for row in open_store(db_path).execute("SELECT title FROM articles")}


def test_cli_default_skips_the_readme(tmp_path):
    result = CliRunner().invoke(main, ["import", str(_folder(tmp_path)), "-r", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0, result.output
    assert _titles(tmp_path / "t.db") == {"A", "B"}


def test_cli_include_and_exclude_are_repeatable_and_replace_the_default(tmp_path):
    folder = _folder(tmp_path)
    result = CliRunner().invoke(
        main,
        [
            "import",
            str(folder),
            "-r",
            "--db",
            str(tmp_path / "t.db"),
            "--include",
            "*.txt",
            "--include",
            "sub/*",
            "--exclude",
            "sub/*.md",
        ],
    )
    assert result.exit_code == 0, result.output
    assert _titles(tmp_path / "t.db") == {"A", "How to use this folder of articles."}
    result = CliRunner().invoke(main, ["import", str(folder), "-r", "--db", str(tmp_path / "u.db"), "--exclude", ""])
    assert "Imported 3," in result.output


def test_cli_names_the_article_a_duplicate_repeats(tmp_path):
    folder = _folder(tmp_path)
    (folder / "sub" / "copy.txt").write_text((folder / "a.txt").read_text())
    result = CliRunner().invoke(main, ["import", str(folder), "-r", "--db", str(tmp_path / "t.db")])
    assert "duplicates 1," in result.output
    assert (
        f"duplicate: {folder / 'sub' / 'copy.txt'}: same text as article 1 (A) from {folder / 'a.txt'}" in result.output
    )


def test_cli_lists_the_first_twenty_duplicates_and_counts_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(25):
        (folder / f"{i:02d}.txt").write_text(f"Title: Story {i}\n\nWords of story {i}.\n")
    db = str(tmp_path / "t.db")
    CliRunner().invoke(main, ["import", str(folder), "--db", db])
    again = CliRunner().invoke(main, ["import", str(folder), "--db", db])
    listed = [line for line in again.output.splitlines() if line.startswith("  duplicate: ")]
    assert len(listed) == 20 and listed[0].endswith(f"same text as article 1 (Story 0) from {folder / '00.txt'}")
    assert again.output.rstrip().endswith("… and 5 more duplicates")
