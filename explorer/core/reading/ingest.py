"""Files → ``ArticleDraft``: listing, reading, decoding, normalising, refusing with a reason.

``read_article`` does the I/O and decoding; ``article_from_text`` is the pure rest, so that
drafts can be made from strings (demo data, tests) exactly as from files.

The stored body is what mentions index, so every normalisation happens before anything else
looks at the text. ``sha256`` is the hex digest of the UTF-8 of the whole normalised text
(headers and title line included): the same text is one article whatever the encoding and
newlines of its file, and the hash does not change when title detection is improved.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from explorer.core import settings
from explorer.core.model import ArticleDraft, ReadError
from explorer.core.reading.decoding import decode_bytes
from explorer.core.reading.file_filter import FileFilter
from explorer.core.reading.metadata import detect_metadata, skip_blank_lines

_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAK_CONTROLS_RE = re.compile("[\x0b\x0c]")
_SURROGATES_RE = re.compile("[\ud800-\udfff]")
# Private-use characters mean something only to the font that made them; the store uses two
# of them to mark search hits, so they never reach a body.
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
# Opening never waits (a FIFO or a device opens at once) nor makes a terminal ours.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
_READ_CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


@dataclass(frozen=True)
class Unreadable:
    """A folder met while listing that could not be listed, and why."""

    path: Path
    reason: str


def iter_files(
    paths: Iterable[str | Path],
    *,
    recursive: bool,
    exclude: Collection[str] = (),
    file_filter: FileFilter | None = None,
) -> Iterator[Path | Unreadable]:
    """The files named by ``paths``, folders expanded, in name order within each folder.

    Streams folder by folder (``os.scandir``), depth first with a stack of open listings, so a
    tree thousands of folders deep needs no recursion. Inside folders, entries ``file_filter``
    leaves out (by default hidden ones, READMEs, licences…) and the real paths in ``exclude`` (the database being
    written) are skipped; other entries that are not folders are yielded, regular or not, so
    that reading them says what they are; symbolic links are followed but a folder already
    visited is not entered again (no loops), and links that lead nowhere are skipped. A folder
    that cannot be listed is yielded as ``Unreadable`` with the reason. A named path that does
    not exist is yielded as is, so that reading it reports why.
    """
    file_filter = file_filter or FileFilter()
    visited: set[tuple[int, int]] = set()
    excluded_names = {os.path.basename(path) for path in exclude}
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except OSError:
            yield path
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(
                path,
                info,
                recursive=recursive,
                visited=visited,
                file_filter=file_filter,
                skip=lambda entry: entry.name in excluded_names and os.path.realpath(entry.path) in exclude,
            )
        else:
            yield path


def _walk(
    top: Path, info: os.stat_result, *, recursive: bool, visited: set[tuple[int, int]], file_filter: FileFilter, skip
) -> Iterator[Path | Unreadable]:
    stack: list[tuple[Iterator[os.DirEntry], str]] = []  # a listing and its path below ``top``
    listing = _list(top, info, visited)
    if listing is None:
        return
    if isinstance(listing, Unreadable):
        yield listing
        return
    stack.append((listing, ""))
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if skip(entry):
            continue
        relative = prefix + entry.name
        if not _is_folder(entry):
            if file_filter.takes_file(entry.name, relative) and _leads_somewhere(entry):
                yield Path(entry.path)  # a file, or something else that reading will name
            continue
        if not recursive or not file_filter.enters_folder(entry.name, relative):
            continue
        try:
            listing = _list(Path(entry.path), entry.stat(), visited)
        except FileNotFoundError:
            continue  # gone since listing
        except OSError as error:  # e.g. a path longer than the system allows
            listing = Unreadable(Path(entry.path), _folder_reason(error))
        if isinstance(listing, Unreadable):
            yield listing
        elif listing is not None:
            stack.append((listing, relative + "/"))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link in a loop
        return False


def _leads_somewhere(entry: os.DirEntry) -> bool:
    """Not a link to nothing or a link in a loop (those are skipped)."""
    try:
        return entry.is_file() or not entry.is_symlink() or os.path.exists(entry.path)
    except OSError:
        return False


def _list(
    folder: Path, info: os.stat_result, visited: set[tuple[int, int]]
) -> Iterator[os.DirEntry] | Unreadable | None:
    """The entries of one folder in name order; None when it was visited already."""
    identity = (info.st_dev, info.st_ino)
    if identity in visited:
        return None
    visited.add(identity)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return Unreadable(folder, _folder_reason(error))
    return iter(entries)


def _folder_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "folder not read (permission denied)"
    return f"folder not read ({(error.strerror or str(error)).lower()})"


def read_article(
    path: str | Path, *, max_bytes: int = settings.DEFAULT_MAX_BYTES, default_date: date | None = None
) -> ArticleDraft:
    """Read, decode and normalise one file; raise ``ReadError`` with a reason a user can act on."""
    path = Path(path)
    data, info = read_bytes(path, max_bytes)
    text, encoding = decode_bytes(data)
    return article_from_text(
        text,
        name=path.name,
        path=os.path.abspath(path),
        file_mtime=datetime.fromtimestamp(info.st_mtime).astimezone().isoformat(timespec="seconds"),
        encoding=encoding,
        default_date=default_date,
    )


def decode_file(path: str | Path, *, max_bytes: int = settings.DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """(normalised text, encoding) of a file: what ``read_article`` stores, headers included."""
    text, encoding = decode_bytes(read_bytes(Path(path), max_bytes)[0])
    return normalise_text(text), encoding


def read_bytes(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, judged by what was opened (``fstat``), not by a name that
    may have become a FIFO or a device since it was listed; a read slower than
    ``settings.READ_SECONDS`` is given up between chunks."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise ReadError(_os_error_reason(error)) from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise ReadError(too_large_reason(info.st_size, max_bytes))
        data = _read_until(fd, max_bytes + 1, time.monotonic() + settings.READ_SECONDS)
    except OSError as error:
        raise ReadError(_os_error_reason(error)) from error
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew since it was measured
        raise ReadError(too_large_reason(len(data), max_bytes))
    if not data:
        raise ReadError("empty file")
    return data, info


def _read_until(fd: int, limit: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(_READ_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise ReadError(f"too slow to read (over {settings.READ_SECONDS} s)")
    return b"".join(chunks)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def _os_error_reason(error: OSError) -> str:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return "file not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({error.strerror or error})"


def too_large_reason(size: int, limit: int) -> str:
    """The refusal of an oversized file, in exact bytes when rounding would hide the excess."""
    shown, shown_limit = human_size(size), human_size(limit)
    if shown == shown_limit:
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"too large ({shown}; the limit is {shown_limit})"


def human_size(size: int) -> str:
    """ "150 bytes", "1.5 KB", "25.3 MB" (units of 1024)."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):  # noqa: B007 - the unit the loop stops at is the one shown
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def normalise_text(text: str) -> str:
    """The text as stored: "\\n" newlines, no BOM (U+FEFF anywhere), no control characters but "\\n" and "\\t"
    (vertical tab and form feed become "\\n", lone surrogates U+FFFD), no private-use
    characters, no leading blank lines or trailing whitespace. Every other character is kept as
    it is (curly quotes included)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LINE_BREAK_CONTROLS_RE.search(text):
        text = _LINE_BREAK_CONTROLS_RE.sub("\n", text)
    if _CONTROL_CHARS_RE.search(text):
        text = _CONTROL_CHARS_RE.sub("", text)
    if not text.isascii():
        if _SURROGATES_RE.search(text):
            text = _SURROGATES_RE.sub("\ufffd", text)
        if _PRIVATE_USE_RE.search(text):
            text = _PRIVATE_USE_RE.sub("", text)
        if "\ufeff" in text:  # a BOM, or one left inside by concatenated files: invisible either way
            text = text.replace("\ufeff", "")
    return skip_blank_lines(text.rstrip())


def latest_publication(file_mtime: str | None, now: datetime | None = None) -> date:
    """The last day an article read now from a file modified at ``file_mtime`` can be dated.

    A day later than the earlier of the two, since a dateline written east of here may be a
    day ahead of the local clock.
    """
    today = (now or datetime.now().astimezone()).date()
    modified = datetime.fromisoformat(file_mtime).date() if file_mtime else today
    return min(modified, today) + timedelta(days=1)


def article_from_text(
    text: str,
    *,
    name: str | None = None,
    path: str | Path | None = None,
    file_mtime: str | None = None,
    encoding: str | None = None,
    default_date: date | None = None,
) -> ArticleDraft:
    """A draft from decoded text (no I/O); ``name`` (default: the name in ``path``) may hold a date."""
    text = normalise_text(text)
    if not text:
        raise ReadError("empty (only blank space)")
    if name is None and path is not None:
        name = Path(path).name
    found = detect_metadata(text, name, default_date=default_date, latest=latest_publication(file_mtime))
    if not found.body:
        raise ReadError("no article text besides the headers")
    return ArticleDraft(
        title=found.title,
        body=found.body,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        words=len(found.body.split()),
        published=found.published,
        date_source=found.date_source,
        source=found.source,
        source_origin=found.source_origin,
        path=None if path is None else str(path),
        file_mtime=file_mtime,
        encoding=encoding,
    )
