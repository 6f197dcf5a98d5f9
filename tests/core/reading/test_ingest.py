"""Reading files into drafts: listing, decoding, refusals with reasons, normalisation, hashing."""

from __future__ import annotations

import codecs
import hashlib
import os
import random
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.model import ArticleDraft, ReadError
from explorer.core.reading.ingest import (
    article_from_text,
    decode_bytes,
    decode_file,
    human_size,
    iter_files,
    normalise_text,
    read_article,
    too_large_reason,
)

SEED_ARTICLE = Path(__file__).parents[3].parent / "shared" / "seed" / "000_a20fff4a07aab385.txt"

ARTICLE = (
    "Markets rally as inflation cools\n"
    "\n"
    "Shares rose on Tuesday after prices in the café sector fell by £2 a cup.\n"
    "Traders called it a “welcome pause” in the Bank’s fight against inflation.\n"
)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def reason(path: Path, **options) -> str:
    with pytest.raises(ReadError) as refused:
        read_article(path, **options)
    return str(refused.value)


# --- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_unicode_files_decode_to_the_same_article(tmp_path, data, encoding):
    draft = read_article(write(tmp_path, "a.txt", data))
    assert draft.encoding == encoding
    assert draft.title == "Markets rally as inflation cools"
    assert draft.body == ARTICLE.split("\n\n", 1)[1].rstrip()
    assert "\ufeff" not in draft.body
    assert draft.sha256 == article_from_text(ARTICLE).sha256


def test_cp1252_pound_accents_and_curly_quotes_come_out_right(tmp_path):
    text = "Tea at the café costs £2 — a “fair” price, said the owner’s wife.\nMore follows here."
    draft = read_article(write(tmp_path, "legacy.txt", text.encode("cp1252")))
    assert draft.encoding == "cp1252"
    assert "café costs £2 — a “fair” price" in draft.body
    assert "owner’s" in draft.body
    assert draft.sha256 == article_from_text(text).sha256


def test_latin1_text_decodes_right(tmp_path):
    text = "A naïve résumé costs £5 in Zürich, she said.\n"
    draft = read_article(write(tmp_path, "latin1.txt", text.encode("latin-1")))
    assert draft.body == text.rstrip()


def test_other_legacy_scripts_are_not_read_as_cp1252(tmp_path):
    text = "Правительство объявило о новых мерах поддержки экономики в понедельник.\n" * 3
    draft = read_article(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert draft.body.startswith("Правительство объявило")


def test_decode_bytes_returns_text_and_encoding():
    assert decode_bytes("plain £".encode()) == ("plain £", "utf-8")


def test_decode_file_gives_the_normalised_text_read_article_stores(tmp_path):
    path = write(tmp_path, "a.txt", codecs.BOM_UTF16_LE + ARTICLE.replace("\n", "\r\n").encode("utf-16-le"))
    assert decode_file(path) == (ARTICLE.rstrip(), "utf-16-le")
    with pytest.raises(ReadError, match="too large"):
        decode_file(path, max_bytes=10)


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive or an Office document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    ],
)
def test_known_binary_formats_are_named(tmp_path, data, kind):
    assert reason(write(tmp_path, "x.txt", data)) == f"not a text file (it looks like {kind})"


def test_nul_bytes_that_are_not_utf16_mean_binary(tmp_path):
    data = b"header\x00\x00\x00\x07\x00\x00\x01rest of a record\x00\x00\x00"
    assert reason(write(tmp_path, "x.dat", data)) == "not a text file (it contains NUL bytes)"


def test_random_bytes_are_binary(tmp_path):
    data = random.Random(7).randbytes(4096)
    assert reason(write(tmp_path, "x.bin", data)).startswith("not a text file")


def test_random_bytes_without_nul_are_binary_by_their_control_characters(tmp_path):
    data = bytes(byte or 1 for byte in random.Random(8).randbytes(4096))
    assert reason(write(tmp_path, "x.bin", data)) == "not a text file (too many control characters)"


def test_empty_and_blank_files_are_refused(tmp_path):
    assert reason(write(tmp_path, "empty.txt", b"")) == "empty file"
    assert reason(write(tmp_path, "blank.txt", b" \r\n\t\n  \n")) == "empty (only blank space)"


def test_oversized_file_reports_size_and_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"word " * 30)
    assert reason(path, max_bytes=100) == "too large (150 bytes; the limit is 100 bytes)"
    assert read_article(path, max_bytes=150).words == 30


def test_size_wording():
    assert too_large_reason(int(25.3 * 1024 * 1024), 20 * 1024 * 1024) == "too large (25.3 MB; the limit is 20 MB)"
    assert human_size(1536) == "1.5 KB"
    assert too_large_reason(20 * 1024 * 1024 + 1, 20 * 1024 * 1024) == (
        "too large (20,971,521 bytes; the limit is 20,971,520 bytes)"
    )


def test_missing_file_and_folder_are_refused(tmp_path):
    assert reason(tmp_path / "nope.txt") == "file not found"
    assert reason(tmp_path) == "is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    assert reason(tmp_path / "pipe") == "not a regular file (a named pipe)"


def test_damaged_utf16_is_refused(tmp_path):
    data = codecs.BOM_UTF16_LE + "text".encode("utf-16-le") + b"\x00"
    assert reason(write(tmp_path, "x.txt", data)) == "cannot be decoded as UTF-16-LE (damaged, or not text)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file_is_refused(tmp_path):
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    try:
        assert reason(path) == "permission denied"
    finally:
        path.chmod(0o600)


def test_text_with_only_headers_is_refused():
    with pytest.raises(ReadError, match="no article text besides the headers"):
        article_from_text("Title: Nothing here\nDate: 2024-06-08\n")


# --- normalisation and the draft's fields ---------------------------------------------------


def test_newlines_are_normalised_and_hash_does_not_depend_on_them(tmp_path):
    lf = read_article(write(tmp_path, "lf.txt", ARTICLE.encode()))
    crlf = read_article(write(tmp_path, "crlf.txt", ARTICLE.replace("\n", "\r\n").encode()))
    cr = read_article(write(tmp_path, "cr.txt", ARTICLE.replace("\n", "\r").encode()))
    assert crlf.body == lf.body == cr.body
    assert "\r" not in crlf.body
    assert crlf.sha256 == lf.sha256 == cr.sha256


def test_control_characters_go_and_everything_else_stays():
    text = "\ufeff\n\n  First “quoted” line\x07 with\ttab\x0cnext page\x00 — ok’s\ue000\ue001 é\u2028x\n\n\n"
    assert normalise_text(text) == "  First “quoted” line with\ttab\nnext page — ok’s é\u2028x"


def test_sha256_is_of_the_normalised_full_text():
    draft = article_from_text("Title: A\r\n\r\nBody text.  \n")
    assert draft.sha256 == hashlib.sha256(b"Title: A\n\nBody text.").hexdigest()


def test_draft_fields_from_a_file(tmp_path):
    path = write(tmp_path, "2024-06-08_markets.txt", ARTICLE.encode())
    draft = read_article(path)
    assert isinstance(draft, ArticleDraft)
    assert draft.path == os.path.abspath(path)
    assert draft.published == date(2024, 6, 8) and draft.date_source == "file name"
    assert draft.words == len(draft.body.split()) == 27
    assert datetime.fromisoformat(draft.file_mtime).timestamp() == pytest.approx(path.stat().st_mtime, abs=1)


def test_file_mtime_is_never_the_date(tmp_path):
    draft = read_article(write(tmp_path, "undated.txt", ARTICLE.encode()))
    assert draft.file_mtime is not None
    assert draft.published is None and draft.date_source == "none"


def test_default_date_is_used_when_nothing_else_dates_the_article(tmp_path):
    draft = read_article(write(tmp_path, "undated.txt", ARTICLE.encode()), default_date=date(2020, 1, 2))
    assert draft.published == date(2020, 1, 2) and draft.date_source == "user"


def test_article_from_text_takes_the_name_from_the_path():
    draft = article_from_text(ARTICLE, path="/news/20240608-markets.txt", encoding="utf-8")
    assert draft.published == date(2024, 6, 8)
    assert draft.path == "/news/20240608-markets.txt" and draft.encoding == "utf-8"
    assert draft.file_mtime is None


def test_seed_article(tmp_path):
    if not SEED_ARTICLE.exists():
        pytest.skip(f"needs {SEED_ARTICLE} (the shared data beside the checkout)")
    draft = read_article(SEED_ARTICLE)
    assert draft.published is None and draft.date_source == "none"
    assert (draft.source, draft.source_origin) == ("Reuters", "attribution")
    assert "Pakistan’s" in draft.body and "“all-weather strategic cooperative partnership.”" in draft.body
    first_words = " ".join(draft.body.split()[:12])
    assert draft.title == first_words + "…"
    assert draft.body.endswith("Based On Reuters Report")


# --- listing files --------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in (
        "b.txt",
        "a.txt",
        "sub/d.txt",
        "sub/c.txt",
        "sub/deeper/e.txt",
        "z.txt",
        ".hidden.txt",
        ".git/config",
        "sub/.cache/f.txt",
    ):
        write(tmp_path, name, b"text")
    return tmp_path


def names(paths, root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_iter_files_top_level_only(tree):
    assert names(iter_files([tree], recursive=False), tree) == ["a.txt", "b.txt", "z.txt"]


def test_iter_files_recursive_in_name_order_without_hidden(tree):
    assert names(iter_files([tree], recursive=True), tree) == [
        "a.txt",
        "b.txt",
        "sub/c.txt",
        "sub/d.txt",
        "sub/deeper/e.txt",
        "z.txt",
    ]


def test_iter_files_survives_symlink_loops(tree):
    (tree / "sub" / "deeper" / "loop").symlink_to(tree, target_is_directory=True)
    (tree / "zlink").symlink_to(tree / "sub", target_is_directory=True)
    found = names(iter_files([tree], recursive=True), tree)
    assert found == ["a.txt", "b.txt", "sub/c.txt", "sub/d.txt", "sub/deeper/e.txt", "z.txt"]


def test_iter_files_yields_named_files_and_missing_paths_as_given(tree):
    missing = tree / "missing.txt"
    hidden = tree / ".hidden.txt"
    assert list(iter_files([missing, str(hidden), tree / "a.txt"], recursive=True)) == [
        missing,
        hidden,
        tree / "a.txt",
    ]
    assert reason(missing) == "file not found"


def test_iter_files_is_lazy(tree):
    files = iter_files([tree / "nothing-yet"], recursive=True)
    write(tree, "nothing-yet/late.txt", b"text")
    assert names(files, tree) == ["nothing-yet/late.txt"]


# --- properties -----------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=300),
    # controls, format characters, lone surrogates and line/paragraph separators
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Lu", "Ll", "Po"]), max_size=200),
    st.text(st.sampled_from(list("ab .:\n\r\t\x00\x0c\ufeff—“”’#-(Reuters)2024June8Title")), max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_article_from_text_returns_a_clean_draft_or_refuses(text):
    try:
        draft = article_from_text(text, name="2024-06-08_x.txt")
    except ReadError as refused:
        assert str(refused) in ("empty (only blank space)", "no article text besides the headers")
        return
    assert isinstance(draft.body, str) and draft.body
    assert "\r" not in draft.body and "\x00" not in draft.body
    assert draft.title and "\r" not in draft.title
    assert draft.body.encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(texts)
def test_normalisation_is_idempotent_and_newline_blind(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    unix = text.replace("\r", "")
    assert normalise_text(unix.replace("\n", "\r\n")) == normalise_text(unix)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_decode_bytes_returns_text_or_refuses(data):
    try:
        text, encoding = decode_bytes(data)
    except ReadError as refused:
        assert str(refused)
        return
    assert isinstance(text, str) and codecs.lookup(encoding)
