"""Files → ``ArticleDraft``: listing, reading, decoding, normalising, refusing with a reason.

``read_article`` does the I/O and decoding; ``article_from_text`` is the pure rest, so that
drafts can be made from strings (demo data, tests) exactly as from files.

The stored body is what mentions index, so every normalisation happens before anything else
looks at the text. ``sha256`` is the hex digest of the UTF-8 of the whole normalised text
(headers and title line included): the same text is one article whatever the encoding and
newlines of its file, and the hash does not change when title detection is improved.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import charset_normalizer

from explorer.core import settings
from explorer.core.metadata import detect_metadata, skip_blank_lines
from explorer.core.model import ArticleDraft, ReadError

# Files that start like these are not text, whatever bytes follow.
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg audio file"),
)
BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAMPLE_BYTES = 64 * 1024
MAX_CONTROL_SHARE = 0.05   # more control characters than this: binary data
# UTF-16 without a mark shows itself by NULs in every other byte (the high byte of ASCII).
UTF16_NUL_SHARE = 0.4
UTF16_OTHER_NUL_SHARE = 0.05
# Above this share of non-ASCII letters, a cp1252 reading is taken for mojibake of another script.
MAX_WESTERN_NON_ASCII_LETTERS = 0.5

_CONTROL_BYTES = bytes(range(32)).translate(None, b"\t\n\r\x0b\x0c") + b"\x7f"
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAK_CONTROLS_RE = re.compile("[\x0b\x0c]")
_SURROGATES_RE = re.compile("[\ud800-\udfff]")
# Private-use characters mean something only to the font that made them; the store uses two
# of them to mark search hits, so they never reach a body.
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_ASCII_LETTERS_RE = re.compile("[A-Za-z]")
# A non-ASCII symbol inside a word ("Za¿ó³æ") is what a wrong 8-bit code page produces.
_SYMBOL_IN_WORD_RE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
_APOSTROPHES = "’‘´ʼ·"


def iter_files(paths: Iterable[str | Path], *, recursive: bool) -> Iterator[Path]:
    """The files named by ``paths``, folders expanded, in name order within each folder.

    Streams folder by folder (``os.scandir``). Inside folders, hidden entries (".name") and
    anything that is not a file or folder are skipped, symbolic links are followed but a folder
    already visited is not entered again (no loops), and folders that cannot be listed are
    skipped. A named path that does not exist is yielded as is, so that reading it reports why.
    """
    visited: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            info = path.stat()
        except OSError:
            yield path
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, recursive=recursive, visited=visited)
        else:
            yield path


def _walk(folder: Path, info: os.stat_result, *, recursive: bool,
          visited: set[tuple[int, int]]) -> Iterator[Path]:
    identity = (info.st_dev, info.st_ino)
    if identity in visited:
        return
    visited.add(identity)
    try:
        with os.scandir(folder) as scan:
            entries = sorted((entry for entry in scan if not entry.name.startswith(".")),
                             key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                if recursive:
                    yield from _walk(Path(entry.path), entry.stat(), recursive=True, visited=visited)
            elif entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def read_article(path: str | Path, *, max_bytes: int = settings.DEFAULT_MAX_BYTES,
                 default_date: date | None = None) -> ArticleDraft:
    """Read, decode and normalise one file; raise ``ReadError`` with a reason a user can act on."""
    path = Path(path)
    data, info = _read_bytes(path, max_bytes)
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
    text, encoding = decode_bytes(_read_bytes(Path(path), max_bytes)[0])
    return normalise_text(text), encoding


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file")
        if info.st_size > max_bytes:
            raise ReadError(too_large_reason(info.st_size, max_bytes))
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise ReadError(_os_error_reason(error)) from error
    if len(data) > max_bytes:  # grew since it was measured
        raise ReadError(too_large_reason(len(data), max_bytes))
    if not data:
        raise ReadError("empty file")
    return data, info


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
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a file's bytes, or ``ReadError`` for binary or undecodable data.

    Order: known binary signatures; a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes (UTF-16
    without a mark when they sit in every other byte, else binary); strict UTF-8; a legacy 8-bit
    encoding (cp1252 when the result reads as Western text, else charset-normalizer's guess).
    """
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"not a text file (it looks like {kind})")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_wide(data[len(bom):], encoding), encoding
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ReadError("not a text file (it contains NUL bytes)")
        return _decode_wide(data, encoding), encoding
    sample = data[:SAMPLE_BYTES]
    if len(sample.translate(None, _NOT_CONTROL_BYTES)) > MAX_CONTROL_SHARE * len(sample):
        raise ReadError("not a text file (too many control characters)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(data)


def _decode_wide(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        label = encoding.removesuffix("-sig").upper()
        raise ReadError(f"cannot be decoded as {label} (damaged, or not text)") from error
    sample = text[:SAMPLE_BYTES]
    if len(_CONTROL_CHARS_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise ReadError("not a text file (too many control characters)")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0:2 * pairs:2].count(0)
    odd_nuls = sample[1:2 * pairs:2].count(0)
    if odd_nuls >= UTF16_NUL_SHARE * pairs and even_nuls <= UTF16_OTHER_NUL_SHARE * pairs:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE * pairs and odd_nuls <= UTF16_OTHER_NUL_SHARE * pairs:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """cp1252 first when it reads as Western text: charset-normalizer alone takes short English
    text with "£" for cp1250 ("Ł"); otherwise its best guess."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_western(text):
        return text, "cp1252"
    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        raise ReadError("unknown text encoding (not UTF-8, UTF-16 or a recognisable legacy encoding)")
    return str(match), codecs.lookup(match.encoding).name


def _reads_as_western(text: str) -> bool:
    sample = text[:SAMPLE_BYTES]
    non_ascii = _NON_ASCII_RE.findall(sample)
    non_ascii_letters = sum(char.isalpha() for char in non_ascii)
    letters = non_ascii_letters + len(_ASCII_LETTERS_RE.findall(sample))
    if non_ascii_letters > MAX_WESTERN_NON_ASCII_LETTERS * letters:
        return False
    symbols_in_words = [char for char in _SYMBOL_IN_WORD_RE.findall(sample)
                        if not char.isalpha() and char not in _APOSTROPHES]
    return len(symbols_in_words) <= 0.1 * len(non_ascii)


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


def article_from_text(text: str, *, name: str | None = None, path: str | Path | None = None,
                      file_mtime: str | None = None, encoding: str | None = None,
                      default_date: date | None = None) -> ArticleDraft:
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
