"""Nothing blocks an import, and its summary tells the whole truth: pipes and devices are refused
by what was opened, unreadable folders are listed with their reason, the library's own files
are skipped quietly, and a tree thousands of folders deep is walked without recursion."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import explorer.core.ops.pipeline as pipeline
import explorer.core.reading.ingest as ingest
from explorer.cli import main
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.reading.ingest import Unreadable, iter_files
from tests.reliability.test_hostile_files import permission_bits_apply
from tests.ui.conftest import FakeExtractor

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
ARTICLE = "Rain {0}\n\nRain fell on India for {0} days.\n"


def _folder(path: Path, count: int = 2) -> Path:
    path.mkdir()
    for index in range(count):
        (path / f"{index}.txt").write_text(ARTICLE.format(index))
    return path


def _import(db: Path, *paths: Path, recursive: bool = True):
    return list(import_paths(db, list(paths), ImportOptions(recursive=recursive), extractor=FakeExtractor()))[-1]


@pytest.mark.timeout(60)
def test_pipes_and_devices_in_a_folder_are_refused_without_waiting(tmp_path):
    folder = _folder(tmp_path / "in")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")  # endless if it were read
    last = _import(tmp_path / "t.db", folder)
    failed = {Path(path).name: reason for path, reason in last.failed}
    assert failed == {"pipe.txt": "not a regular file (a named pipe)", "zero.txt": "not a regular file (a device)"}
    assert (last.imported, last.done, last.total) == (2, 4, 4)


@pytest.mark.timeout(60)
def test_a_file_turned_into_a_pipe_after_listing_is_refused(tmp_path, monkeypatch):
    folder = _folder(tmp_path / "in", 3)
    walks = []

    def swapping_walk(paths, **options):
        walks.append(1)
        for found in iter_files(paths, **options):
            if len(walks) == 2 and found.name == "1.txt":  # the reading walk, after listing
                found.unlink()
                os.mkfifo(found)
            yield found

    monkeypatch.setattr(pipeline, "iter_files", swapping_walk)
    last = _import(tmp_path / "t.db", folder)
    assert last.failed == ((str(folder / "1.txt"), "not a regular file (a named pipe)"),)
    assert (last.imported, last.done, last.total) == (2, 3, 3)


def test_a_folder_that_cannot_be_listed_is_in_the_summary(tmp_path, monkeypatch):
    folder = _folder(tmp_path / "in")
    locked = _folder(folder / "locked")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    result = CliRunner().invoke(main, ["import", "-r", str(folder), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "Imported 2, duplicates 0, failed 1 (of 3)" in result.output
    assert f"failed: {locked}: folder not read (permission denied)" in result.output


def test_a_folder_without_permissions_is_in_the_summary_for_real(tmp_path):
    folder = _folder(tmp_path / "in")
    locked = _folder(folder / "locked")
    locked.chmod(0)
    try:
        with permission_bits_apply():
            last = _import(tmp_path / "t.db", folder)
    finally:
        locked.chmod(0o755)
    assert last.failed == ((str(locked), "folder not read (permission denied)"),)
    assert last.imported == 2


def test_the_library_inside_the_imported_folder_is_skipped_quietly(tmp_path, monkeypatch):
    folder = _folder(tmp_path / "in")
    db_path = folder / "library.db"
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    runner = CliRunner()
    first = runner.invoke(main, ["import", str(folder), "--db", str(db_path)])
    assert first.exit_code == 0 and "Imported 2, duplicates 0, failed 0 (of 2)" in first.output
    (folder / "library.db-journal").write_bytes(b"\x00" * 512)  # as a rollback journal leaves it
    (folder / "2.txt").write_text(ARTICLE.format(2))
    again = runner.invoke(main, ["import", str(folder), "--db", str(db_path)])
    assert again.exit_code == 0, again.output
    assert "Imported 1, duplicates 2, failed 0 (of 3)" in again.output
    # the duplicates are listed by path, and this test's folder name holds "library" too
    assert "library" not in again.output.replace(str(db_path), "").replace(str(tmp_path), "TMP")


def test_only_the_library_is_skipped_not_files_named_like_it_elsewhere(tmp_path):
    folder = _folder(tmp_path / "in")
    (folder / "sub").mkdir()
    (folder / "sub" / "library.db").write_text(ARTICLE.format("sub"))
    last = _import(folder / "library.db", folder)
    assert last.imported == 3 and not last.failed


def _deep_tree(top: Path, depth: int, files_at: set[int]) -> None:
    """``top/d/d/…`` ``depth`` levels deep, made through directory descriptors, so that levels
    past the system's path limit exist too."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    for level in range(1, depth + 1):
        os.mkdir("d", dir_fd=fd)
        child = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = child
        if level in files_at:
            out = os.open("a.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(out, ARTICLE.format(level).encode())
            os.close(out)
    os.close(fd)


def _remove_deep_tree(top: Path) -> None:
    """Pull each level up to ``top`` and remove it: short paths only, no recursion."""
    while (top / "d").exists():
        if (top / "d" / "d").exists():
            os.rename(top / "d" / "d", top / "next")
        (top / "d" / "a.txt").unlink(missing_ok=True)
        os.rmdir(top / "d")
        if (top / "next").exists():
            os.rename(top / "next", top / "d")


def test_thousands_of_nested_folders_are_walked_without_recursion(tmp_path):
    depth = 3000
    top = tmp_path / "deep"
    top.mkdir()
    reachable = (os.pathconf(top, "PC_PATH_MAX") - len(str(top)) - len("/a.txt")) // 2
    files_at = {1, 999, min(reachable, depth) - 1, depth}
    _deep_tree(top, depth, files_at)
    try:
        found = list(iter_files([top], recursive=True))
    finally:
        _remove_deep_tree(top)
    files = [entry for entry in found if isinstance(entry, Path)]
    levels = [len(path.relative_to(top).parts) - 1 for path in files]
    assert levels == sorted(level for level in files_at if level < reachable)
    if reachable < depth:  # the rest is reported, not silently lost
        [too_deep] = [entry for entry in found if isinstance(entry, Unreadable)]
        assert "too long" in too_deep.reason
    else:
        assert len(files) == len(files_at)


def test_a_read_past_its_time_limit_is_refused_with_a_reason(tmp_path, monkeypatch):
    from explorer.core import settings
    from explorer.core.model import ReadError

    path = tmp_path / "slow.txt"
    path.write_text(ARTICLE.format(1))
    monkeypatch.setattr(settings, "READ_SECONDS", -1)  # every chunk arrives after the limit
    with pytest.raises(ReadError, match=r"too slow to read \(over -1 s\)"):
        ingest.read_article(path)
