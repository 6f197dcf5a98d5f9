"""Finding a damaged database before anything reads or writes it, and saying so in words.

SQLite notices damage only on the pages a statement happens to read, so a zeroed page in the
middle of a table can go unseen until a later write builds on it. ``check_file`` reads the
header (page size, page count against the file's size) for free; ``quick_check`` walks every
b-tree page (``PRAGMA quick_check``), which costs a full read of the file: it runs on every
open of a file up to ``QUICK_CHECK_MAX_BYTES`` and before every command that writes
(docs/reliability.md has the measured cost). A process remembers a file it found sound
(``quick_check_remembered``) and checks it again only once it has changed (size, modification
or change time, or another file at the path), so that a window's second write to a library
of a million articles does not read its 3 GB again.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100
# A full quick_check on every open up to this size (about 10,000 articles of news; 0.1 s).
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024
# SQLite's primary result codes for damage: SQLITE_CORRUPT and SQLITE_NOTADB.
_DAMAGE_CODES = {11, 26}
_DAMAGE_WORDS = ("malformed", "not a database", "corrupt")
# A file changed this recently is never remembered as sound: a change within the file system's
# timestamp granularity after the check could leave size and times as they were.
RACY_NS = 2_000_000_000
# (device, inode) → (size, mtime_ns, ctime_ns) of files whose every page this process found sound.
_sound: dict[tuple[int, int], tuple[int, int, int]] = {}


class DamagedError(sqlite3.DatabaseError):
    """The file's header or b-trees are damaged (raised by the checks here, not by SQLite)."""


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite saying the file is damaged (not busy, full or read-only)."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return True
    return isinstance(exc, DamagedError) or any(words in str(exc).lower() for words in _DAMAGE_WORDS)


def damaged_message(path: str | Path | None, exc: BaseException | None = None) -> str:
    """What a user reads about a damaged database: what is wrong and the two ways out."""
    where = f"The database {path}" if path else "The database"
    detail = f" ({exc})" if exc is not None and str(exc) else ""
    target = path or "FILE"
    return (
        f"{where} is damaged{detail}; nothing was read from it or written to it. Restore it from a backup, "
        f'or recover what it still holds into a new file: sqlite3 "{target}" ".recover" | sqlite3 recovered.db'
    )


def check_file(path: Path) -> bool:
    """Raise ``DamagedError`` when the header contradicts itself or the file is shorter than it
    says; otherwise whether the file is in WAL mode.

    Only for a file with no ``-wal`` beside it (which could hold pages beyond the main file's
    end), and before this process connects: closing any descriptor of the file drops the
    process's POSIX locks on it, those of its open SQLite connections included.
    """
    with path.open("rb") as handle:
        header = handle.read(HEADER_BYTES)
    size = path.stat().st_size
    if len(header) < HEADER_BYTES:
        raise DamagedError("the file ends inside its 100-byte header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedError(f"its header gives an impossible page size ({page_size})")
    if size % page_size:
        raise DamagedError(f"its size ({size:,} bytes) is not a whole number of {page_size}-byte pages")
    pages = int.from_bytes(header[28:32], "big")
    pages_valid = pages > 0 and header[24:28] == header[92:96]
    if pages_valid and size < pages * page_size:
        raise DamagedError(f"the file is cut short ({size // page_size:,} of its {pages:,} pages)")
    return header[18] == 2


def quick_check(conn: sqlite3.Connection) -> None:
    """Raise ``DamagedError`` with SQLite's first finding unless every b-tree page is sound."""
    finding = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if finding != "ok":
        raise DamagedError(" ".join(finding.replace("*** in database main ***", "").split()))


def quick_check_remembered(path: Path, conn: sqlite3.Connection) -> None:
    """``quick_check``, unless this process already found ``path`` sound and it has not
    changed since (its ``-wal`` aside: SQLite checksums every frame of it)."""
    try:
        before = path.stat()
    except OSError:
        quick_check(conn)
        return
    key = (before.st_dev, before.st_ino)
    state = (before.st_size, before.st_mtime_ns, before.st_ctime_ns)
    if _sound.get(key) == state:
        return
    quick_check(conn)
    now = time.time_ns()
    if now - before.st_mtime_ns > RACY_NS and now - before.st_ctime_ns > RACY_NS:
        _sound[key] = state
