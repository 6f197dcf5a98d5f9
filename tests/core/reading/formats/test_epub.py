"""EPUB: one article per book, chapters in spine order as pages, Dublin Core metadata."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Limits, ReadOptions
from explorer.core.reading.formats.epub import read_epub
from tests.core.reading.formats.samples import epub_bytes, zip_bytes

CHAPTER = st.text(st.sampled_from("abcdefghij KLMNOP.,'"), min_size=1, max_size=80).filter(lambda text: text.strip())


@settings(max_examples=30, deadline=None)
@given(st.lists(CHAPTER, min_size=1, max_size=6))
def test_chapters_come_in_spine_order_one_page_each(chapters):
    found = read_epub(epub_bytes("A Book", chapters, author="Ann"), ReadOptions())
    assert [page.split() for page in found.pages] == [chapter.split() for chapter in chapters]
    assert (found.title, found.author, found.published) == ("A Book", "Ann", date(2021, 6, 1))


def test_a_book_without_its_package_is_refused_with_the_reason():
    with pytest.raises(ReadError, match="META-INF/container.xml is missing"):
        read_epub(zip_bytes({"mimetype": b"application/epub+zip"}), ReadOptions())


def test_xml_entities_are_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
        b'<rootfile full-path="&b;"/></rootfiles></container>'
    )
    with pytest.raises(ReadError):
        read_epub(zip_bytes({"mimetype": b"application/epub+zip", "META-INF/container.xml": bomb}), ReadOptions())


def test_a_chapter_named_many_times_in_the_spine_is_read_once_and_the_book_is_held_to_a_total():
    with zipfile.ZipFile(io.BytesIO(epub_bytes("A Book", ["Only chapter."]))) as one:
        members = {name: one.read(name) for name in one.namelist()}
    opf = "OEBPS/content.opf"
    members[opf] = members[opf].replace(b'<itemref idref="c0"/>', b'<itemref idref="c0"/>' * 1000)
    book = zip_bytes(members)
    assert read_epub(book, ReadOptions()).pages == ("Only chapter.",)
    chapters = [f"Chapter {i} " + "word " * 100 for i in range(5)]
    with pytest.raises(ReadError, match="an EPUB book larger than"):
        read_epub(epub_bytes("A Book", chapters), ReadOptions(limits=Limits(archive_total=1000)))
