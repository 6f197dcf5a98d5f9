"""Writing a file the user chose without ever destroying what was there.

Every export, chart and backup goes through here. The target is checked first
(``check_target``): never the open database or its ``-wal``/``-shm``/``-journal`` companions
(by name and by inode, so symlinks and hard links count), never a read-only file or folder,
never a folder or a device. The content is then written to a temporary file in the target's
own folder, synced to disk and renamed over the target only when complete
(``atomic_output``/``atomic_path``): a refused, failed or cancelled write leaves an existing
target byte-identical and no temporary file behind. A replaced file keeps its permission bits.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

import sqlite_utils

from explorer.core.store.damage import SQLITE_HEADER

__all__ = ["WriteError", "atomic_output", "atomic_path", "check_not_database", "check_target", "database_file"]

COMPANIONS = ("", "-wal", "-shm", "-journal")
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "its folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
}


class WriteError(OSError):
    """A file was not written (refused or failed); ``str`` is the reason in plain words, and
    whatever the target held before is still there."""


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind an open database (None in memory), so writers can refuse to hit it."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


def _database_clash(path: Path, real: Path, db_path: Path) -> str | None:
    """Which file of the database ``path`` would overwrite ("" for the database itself), or None."""
    bases = {Path(os.path.abspath(db_path)), Path(os.path.realpath(db_path))}
    written = {Path(os.path.abspath(path)), real}
    for suffix in COMPANIONS:
        for base in bases:
            companion = base.with_name(base.name + suffix)
            if written & {companion, Path(os.path.realpath(companion))}:
                return suffix
            try:
                if real.exists() and companion.exists() and os.path.samefile(real, companion):
                    return suffix
            except OSError:
                continue
    return None


def _read_only_folder(folder: Path) -> bool:
    mode = folder.stat().st_mode
    read_only_medium = hasattr(os, "statvfs") and bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    return not mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK) or read_only_medium


def _read_only_file(path: Path, mode: int) -> bool:
    """Root passes ``os.access`` whatever the bits, and ``os.replace`` would swap a 0444 file,
    so the bits are read; opening for append (which truncates nothing) catches immutable files
    and read-only media."""
    if not mode & 0o222 or not os.access(path, os.W_OK):
        return True
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
    except OSError:
        return True
    return False


def check_not_database(path: str | Path, db_path: str | Path) -> None:
    """``WriteError`` when ``path`` is, or would become, the database at ``db_path`` or one of
    its companions (also through a symlink or hard link)."""
    clash = _database_clash(Path(path), Path(os.path.realpath(path)), Path(db_path))
    if clash == "":
        raise WriteError("that is the database itself; choose another file")
    if clash is not None:
        raise WriteError(f"that is the database's {clash} file, which SQLite needs; choose another file")


def _is_database(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
    finally:
        os.close(fd)


def check_target(path: str | Path, db_path: str | Path | None = None, *, replace_database: bool = False) -> Path:
    """The real file to write for ``path`` (symlinks followed), or ``WriteError`` saying why
    writing there would lose something. Only a backup (``replace_database``) may replace a
    SQLite database: an export onto another library, through a link or a slip of the finger,
    would erase it."""
    path = Path(path)
    real = Path(os.path.realpath(path))
    if db_path is not None:
        check_not_database(path, db_path)
    if real.is_dir():
        raise WriteError("that is a folder; choose a file name")
    folder = real.parent
    if not folder.is_dir():
        raise WriteError(f"the folder {folder} does not exist")
    if _read_only_folder(folder):
        raise WriteError(f"the folder {folder} is read-only")
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(mode):
        raise WriteError("that is not a regular file")
    if _read_only_file(real, mode):
        raise WriteError("the file is read-only")
    if not replace_database and _is_database(real):
        raise WriteError("that is a database (a library?), which only a backup may replace; choose another file")
    return real


def _reason(exc: OSError) -> str:
    if exc.errno is not None and exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return (exc.strerror or str(exc)).lower()


def _new_temp(target: Path) -> Path:
    """An empty file beside ``target``: private while it is written over an existing file (whose
    mode it takes at the end), else with the mode any new file gets (the umask applies)."""
    mode = 0o600 if target.exists() else 0o666
    while True:
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
            return temp
        except FileExistsError:
            continue


def _keep_owner_and_mode(temp: Path, target: Path) -> None:
    try:
        old = target.stat()
    except FileNotFoundError:
        return
    os.chmod(temp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "chown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        with suppress(OSError):  # only root may give a file away; the content and mode still match
            os.chown(temp, old.st_uid, old.st_gid)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems cannot sync a folder; the rename itself is done
    finally:
        os.close(fd)


def _discard(temp: Path) -> None:
    for suffix in COMPANIONS:  # SQLite may leave a journal beside a temporary database
        temp.with_name(temp.name + suffix).unlink(missing_ok=True)


@contextmanager
def atomic_path(
    path: str | Path, db_path: str | Path | None = None, *, replace_database: bool = False
) -> Iterator[Path]:
    """A temporary file's path, beside ``path``, for a writer that needs a name (SQLite's
    backup); moved over ``path`` when the block ends without an exception, removed otherwise."""
    target = check_target(path, db_path, replace_database=replace_database)
    try:
        temp = _new_temp(target)
    except OSError as exc:
        raise WriteError(_reason(exc)) from exc
    try:
        yield temp
        fd = os.open(temp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _keep_owner_and_mode(temp, target)
        os.replace(temp, target)
    except BaseException as exc:
        _discard(temp)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise WriteError(_reason(exc)) from exc
        raise
    _sync_folder(target.parent)


@contextmanager
def atomic_output(
    path: str | Path,
    db_path: str | Path | None = None,
    mode: str = "w",
    **open_args,
) -> Iterator[IO]:
    """An open file (``mode`` "w" or "wb", ``open_args`` as for ``open``) whose content replaces
    ``path`` only when the block ends without an exception (a cancel raises, or closes the
    generator, before the end)."""
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', not {mode!r}")
    with atomic_path(path, db_path) as temp, open(temp, mode, **open_args) as out:
        yield out
