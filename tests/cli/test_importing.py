"""``import`` checks what it is given before it makes or opens a database (fuzzer findings:
``import dangling --db empty.txt``, and a named article that a backup had made a database)."""

from __future__ import annotations

import os

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main

UNREACHABLE = st.sampled_from(
    ["missing", "dangling", "loop", "long", "in-missing-folder", "empty", "binary", "sqlite", "too-large"]
)


def _unreachable(folder, kind: str, i: int) -> str:
    path = folder / f"{kind}{i}.txt"
    if kind == "dangling":
        path.symlink_to(folder / f"nowhere{i}")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "long":
        return str(folder / ("x" * 300))
    elif kind == "in-missing-folder":
        return str(folder / "no-such-folder" / "a.txt")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"%PDF-1.7\n" + bytes(100))
    elif kind == "sqlite":  # the fuzzer's case: an article a backup had replaced by a database
        path.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    elif kind == "too-large":
        path.write_bytes(b"Words and words. " * 70_000)  # over the 1 MB --max-size given below
    return str(path)


def _listing(folder) -> dict[str, int]:
    return {entry.name: entry.stat(follow_symlinks=False).st_size for entry in os.scandir(folder)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(UNREACHABLE, min_size=1, max_size=4), st.booleans())
def test_nothing_to_import_leaves_the_database_file_as_it_was(tmp_path_factory, kinds, empty_file_exists):
    folder = tmp_path_factory.mktemp("in")
    paths = [_unreachable(folder, kind, i) for i, kind in enumerate(kinds)]
    db = folder / "empty.txt"
    if empty_file_exists:
        db.write_bytes(b"")
    before = _listing(folder)
    result = CliRunner().invoke(main, ["import", *paths, "--db", str(db), "--max-size", "1"])
    assert result.exit_code == 1
    assert _listing(folder) == before  # the empty file still empty, no database and no -wal, -shm made
    assert f"failed {len(paths)} (of {len(paths)}) (nothing to import, so {db} was left alone)" in result.stdout
    assert len(result.stderr.splitlines()) == len(paths) and "Traceback" not in result.output


def test_the_fuzzers_dangling_link_and_empty_file(tmp_path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "dangling"), "--db", str(empty)])
    assert result.exit_code == 1 and f"failed: {tmp_path / 'dangling'}: " in result.stderr
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["dangling", "empty.txt"]


def test_one_reachable_path_is_imported_beside_the_missing_ones(tmp_path, monkeypatch) -> None:
    from explorer.core.ops import pipeline
    from tests.ui.conftest import FakeExtractor

    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    article = tmp_path / "a.txt"
    article.write_text("Rain\n\nRain in Kenya.\n", encoding="utf-8")
    db = tmp_path / "new.db"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "missing.txt"), str(article), "--db", str(db)])
    assert result.exit_code == 1 and "Imported 1, duplicates 0, failed 1 (of 2) into" in result.stdout
    assert db.stat().st_size > 0
