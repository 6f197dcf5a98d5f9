"""Pages normalised one by one: each page's start offset indexes the stored body exactly."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted
from explorer.core.reading.formats.drafts import draft_of, joined_pages
from explorer.core.reading.ingest import normalise_text

PAGE = st.text(st.characters(blacklist_categories=("Cs", "Co")), max_size=80)


@given(st.lists(PAGE, min_size=1, max_size=8))
def test_each_page_starts_where_its_offset_says(pages):
    body, starts = joined_pages(tuple(pages))
    assert len(starts) == len(pages)
    assert list(starts) == sorted(starts)
    for page, start in zip(pages, starts, strict=True):
        text = normalise_text(page)
        assert body[start : start + len(text)] == text
    assert body == normalise_text(body) or not body.strip()


def draft(found: Extracted, **changes):
    options = dict(path="/x/a.pdf", name="a.pdf", file_sha256="0" * 64, file_mtime=None, latest=date(2030, 1, 1))
    return draft_of(found, default_date=None, **(options | changes))


def test_title_and_date_fall_back_to_the_text():
    found = Extracted(pages=("Rain in Kenya\n\nNAIROBI, March 3, 2024 - Rain fell.",), format="pdf")
    made = draft(found)
    assert made.title_source == "first words" and made.published == date(2024, 3, 3)
    assert made.pages == () and made.format == "pdf" and made.file_sha256 == "0" * 64


def test_a_date_after_the_file_was_written_is_not_taken():
    found = Extracted(pages=("Body",), format="pdf", published=date(2029, 1, 1), date_source="PDF information")
    assert draft(found, latest=date(2025, 1, 1)).published is None


def test_a_document_without_text_is_refused_with_its_format():
    with pytest.raises(ReadError, match="no text in this PDF document"):
        draft(Extracted(pages=(" \n", ""), format="pdf"))
