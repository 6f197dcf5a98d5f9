"""Word: paragraphs and tables in reading order, core properties; damaged files refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Limits, ReadOptions
from explorer.core.reading.formats.word import read_docx
from tests.core.reading.formats.samples import docx_bytes, zip_bytes

# XML 1.0 characters a Word paragraph holds (no controls, no surrogates, no private use)
TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufeff\ufffe\uffff"),
    min_size=1,
    max_size=60,
).filter(lambda text: text.strip())


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6), TEXT)
def test_paragraphs_round_trip_in_order(paragraphs, title):
    found = read_docx(docx_bytes(paragraphs, title=title), ReadOptions())
    assert found.pages[0].split() == " ".join(paragraphs).split()
    assert found.title == title and found.format == "docx"


def test_a_table_comes_where_it_is_row_by_row():
    found = read_docx(docx_bytes(["Before"], table=[["Name", "Votes"], ["Ann", "12"]]), ReadOptions())
    assert found.pages[0] == "Before\n\nName\tVotes\nAnn\t12"


@given(st.integers(min_value=0, max_value=4000))
def test_a_truncated_word_file_is_refused(cut):
    data = docx_bytes(["Rain fell in Kenya."])
    with pytest.raises(ReadError, match="^a Word document that cannot be read"):
        read_docx(data[: min(cut, len(data) - 1)], ReadOptions())


def test_a_zip_bomb_inside_a_word_package_is_refused_before_parsing():
    with zipfile.ZipFile(io.BytesIO(docx_bytes(["A short memo."]))) as one:
        parts = {name: one.read(name) for name in one.namelist()}
    parts["word/media/zeros.bin"] = bytes(3_000_000)
    bomb = zip_bytes(parts)
    assert read_docx(bomb, ReadOptions()).pages == ("A short memo.",)  # within the file limit: read
    with pytest.raises(ReadError, match="compressed more than 200 times"):
        read_docx(bomb, ReadOptions(limits=Limits(max_bytes=1_000_000)))
    with pytest.raises(ReadError, match="larger than .* uncompressed"):
        read_docx(bomb, ReadOptions(limits=Limits(archive_total=2_000_000)))
