"""A file's bytes → text, as it was written, or a ``ReadError`` saying why it is not text.

Detection never turns a file that is almost all valid UTF-8 into another encoding wholesale: a
stray Windows-1252 byte in a UTF-8 article is repaired on its own (charset-normalizer alone reads
such a file as cp1251, "MГјller"). UTF-16 and UTF-32 without a byte-order mark are recognised
by where their NUL bytes sit, and kept only when they decode to text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

import charset_normalizer
from charset_normalizer.constant import IANA_SUPPORTED
from charset_normalizer.utils import is_multi_byte_encoding

from explorer.core.model import ReadError

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
MAX_CONTROL_SHARE = 0.05  # more control characters than this: binary data
# Wide text without a mark: NULs in one byte position of every 2 (UTF-16) or 4 (UTF-32), at
# least this many times as often as in the others.
WIDE_NUL_DOMINANCE = 4
# Below this share of NUL bytes, text whose other bytes are UTF-8 text is that text with stray
# NULs, not UTF-16 (ASCII read as UTF-16 looks like Chinese).
STRAY_NUL_SHARE = 0.1
# Two large writing systems each holding this share of the letters: not text, but random bytes.
MIXED_SHARE = 0.1
MOST_SCRIPTS = 5
_WRITING_SYSTEMS = {"CJK": "han", "HIRAGANA": "han", "KATAKANA": "han", "HANGUL": "hangul", "YI": "yi"}
# A file is UTF-8 with stray bytes when its invalid sequences are at most this share of its
# non-ASCII sequences. Legacy text is mostly invalid UTF-8, even where its byte pairs look like
# UTF-8 by chance: 76-89 % in Shift-JIS, EUC-JP, GBK, Big5, EUC-KR, cp866, TIS-620; 100 % in
# the Cyrillic, Greek, Hebrew, Arabic, Central and Western European 8-bit code pages.
MAX_STRAY_SHARE = 0.5
# Above this share of non-ASCII letters, a cp1252 reading is taken for mojibake of another script.
MAX_WESTERN_NON_ASCII_LETTERS = 0.5

_CONTROL_BYTES = bytes(range(32)).translate(None, b"\t\n\r\x0b\x0c") + b"\x7f"
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_ASCII_LETTERS_RE = re.compile("[A-Za-z]")
# A non-ASCII symbol inside a word ("Za¿ó³æ") is what a wrong 8-bit code page produces.
_SYMBOL_IN_WORD_RE = re.compile(r"(?<=[^\W\d_])[^\x00-\x7f](?=[^\W\d_])")
_APOSTROPHES = "’‘´ʼ·"
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
_WHITESPACE_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_STRAY_ERRORS = "explorer-stray-cp1252"
_ADJACENT_HIGH_BYTES_RE = re.compile(rb"[\x80-\xff]{2}")
_ASCII = bytes(range(0x20, 0x7F))


def _keeps_ascii(name: str) -> bool:
    try:
        return _ASCII.decode(name) == _ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


# A lone byte above 0x7F amid ASCII is one character of an ASCII code page: never half of a
# two-byte CJK one, and the ASCII around it is not EBCDIC.
_NOT_FOR_LONE_BYTES = [name for name in IANA_SUPPORTED if is_multi_byte_encoding(name) or not _keeps_ascii(name)]
_REPLACEMENT = "\ufffd"
_REPLACEMENT_UTF8 = _REPLACEMENT.encode()


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a file's bytes, or ``ReadError`` for binary or undecodable data.

    Order: known binary signatures; a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes (UTF-32
    or UTF-16 without a mark when they sit in one byte of every 4 or 2 and the text reads as
    text, else binary); strict UTF-8; UTF-8 with a few stray bytes, each read as Windows-1252; a
    legacy 8-bit encoding (cp1252 when the result reads as Western text, else
    charset-normalizer's guess).
    """
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"not a text file (it looks like {kind})")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_wide(data[len(bom) :], encoding), encoding
    if b"\x00" in data:
        return _decode_with_nuls(data)
    sample = data[:SAMPLE_BYTES]
    if _control_share(sample) > MAX_CONTROL_SHARE:
        raise ReadError("not a text file (too many control characters)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    repaired = decode_utf8_with_strays(data)
    if repaired is not None:
        return repaired, "utf-8"
    return _decode_legacy(data)


def _control_share(sample: bytes) -> float:
    return len(sample.translate(None, _NOT_CONTROL_BYTES)) / max(1, len(sample))


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


def _decode_with_nuls(data: bytes) -> tuple[str, str]:
    """UTF-32 or UTF-16 without a mark, when the NULs say so and the result reads as text."""
    sample = data[:SAMPLE_BYTES]
    for encoding in _wide_candidates(sample):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text[:SAMPLE_BYTES]) and not _mixes_writing_systems(text[:SAMPLE_BYTES]):
            return text, encoding
    raise ReadError("not a text file (it contains NUL bytes)")


def _mixes_writing_systems(text: str) -> bool:
    """Random bytes read as UTF-16 scatter over the large blocks: CJK ideographs, Hangul, Yi.

    Text keeps to one of them (Japanese mixes kanji with kana, which count as one here) and to a
    few scripts (Japanese with Latin names uses four).
    """
    scripts = Counter(unicodedata.name(char, "?").split(" ", 1)[0] for char in text if char.isalpha())
    systems: Counter[str | None] = Counter()
    for script, n in scripts.items():
        systems[_WRITING_SYSTEMS.get(script)] += n
    letters = sum(scripts.values())
    large = sum(n >= MIXED_SHARE * letters for system, n in systems.items() if system)
    return large > 1 or len(scripts) > MOST_SCRIPTS


def _wide_candidates(sample: bytes) -> list[str]:
    if sample.count(0) < STRAY_NUL_SHARE * len(sample) and _is_utf8_text(sample.replace(b"\x00", b"")):
        return []  # UTF-8 text with stray NULs
    candidates = []
    quads = len(sample) // 4
    if quads:
        by_position = [sample[i : 4 * quads : 4].count(0) for i in range(4)]
        # UTF-32: the top byte of every code point is 0, the next one nearly always.
        if by_position[3] == quads and by_position[2] >= by_position[0] + by_position[1] / 2:
            candidates.append("utf-32-le")
        if by_position[0] == quads and by_position[1] >= by_position[3] + by_position[2] / 2:
            candidates.append("utf-32-be")
    pairs = len(sample) // 2
    if pairs:
        even = sample[0 : 2 * pairs : 2].count(0)
        odd = sample[1 : 2 * pairs : 2].count(0)
        if odd > WIDE_NUL_DOMINANCE * even:
            candidates.append("utf-16-le")
        if even > WIDE_NUL_DOMINANCE * odd:
            candidates.append("utf-16-be")
    return candidates


def _is_utf8_text(data: bytes) -> bool:
    """Valid UTF-8 with few control bytes (wide Cyrillic, Greek or Arabic without its NULs is
    valid UTF-8 too, but one byte in two is a control)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _control_share(data) <= MAX_CONTROL_SHARE


def _reads_as_text(text: str) -> bool:
    """No more than a few characters that no text holds: controls, unassigned, private use."""
    bad = sum(
        1 for char in text if char not in _WHITESPACE_CONTROLS and unicodedata.category(char) in _NOT_TEXT_CATEGORIES
    )
    return bool(text) and bad <= MAX_CONTROL_SHARE * len(text)


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Each byte of an invalid UTF-8 sequence as its own Windows-1252 character (Latin-1 above
    0x9F; U+FFFD for the five bytes cp1252 leaves undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error  # registered for decoding only
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error(_STRAY_ERRORS, _stray_as_cp1252)


def decode_utf8_with_strays(data: bytes) -> str | None:
    """The text of mostly valid UTF-8 with each stray byte read as Windows-1252, or None when
    the invalid sequences are too many for UTF-8 (over ``MAX_STRAY_SHARE`` of the non-ASCII
    sequences)."""
    replaced = data.decode("utf-8", errors="replace")
    strays = replaced.count(_REPLACEMENT) - data.count(_REPLACEMENT_UTF8)
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore"))
    if strays > MAX_STRAY_SHARE * non_ascii:
        return None
    return data.decode("utf-8", errors=_STRAY_ERRORS)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """cp1252 first when it reads as Western text: charset-normalizer alone takes short English
    text with "£" for cp1250 ("Ł"); otherwise its best guess, among 8-bit code pages only when
    no two bytes above 0x7F stand together (ASCII with a stray 0x81 was read as Korean,
    swallowing the letter after it). Such lone bytes that no code page explains are strays."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_western(text):
        return text, "cp1252"
    lone = _ADJACENT_HIGH_BYTES_RE.search(data) is None
    match = charset_normalizer.from_bytes(data, cp_exclusion=_NOT_FOR_LONE_BYTES if lone else None).best()
    if match is not None:
        return str(match), codecs.lookup(match.encoding).name
    if lone:
        return data.decode("ascii", errors=_STRAY_ERRORS), "cp1252"
    raise ReadError("unknown text encoding (not UTF-8, UTF-16 or a recognisable legacy encoding)")


def _reads_as_western(text: str) -> bool:
    sample = text[:SAMPLE_BYTES]
    non_ascii = _NON_ASCII_RE.findall(sample)
    non_ascii_letters = sum(char.isalpha() for char in non_ascii)
    letters = non_ascii_letters + len(_ASCII_LETTERS_RE.findall(sample))
    if non_ascii_letters > MAX_WESTERN_NON_ASCII_LETTERS * letters:
        return False
    symbols_in_words = [
        char for char in _SYMBOL_IN_WORD_RE.findall(sample) if not char.isalpha() and char not in _APOSTROPHES
    ]
    return len(symbols_in_words) <= 0.1 * len(non_ascii)
