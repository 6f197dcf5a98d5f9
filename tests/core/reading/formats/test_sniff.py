"""The format comes from the bytes; a text article with a header block stays text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.reading.formats.sniff import image_kind, sniff
from explorer.core.reading.metadata import HEADER_KEYS
from tests.core.reading.formats.samples import (
    docx_bytes,
    email_bytes,
    epub_bytes,
    html_page,
    mbox_bytes,
    pdf_bytes,
    zip_bytes,
)

NAMES = st.sampled_from(["a.txt", "a.pdf", "a.html", "a", "a.eml", "a.docx", "A.TXT"])
MAGIC = [
    (b"%PDF-1.7\n", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff\xe0", "image"),
    (b"II*\x00", "image"),
    (b"\x1f\x8b\x08", "tar"),
]


@given(st.sampled_from(MAGIC), st.binary(max_size=300), NAMES)
def test_magic_bytes_decide_whatever_the_name(magic, rest, name):
    prefix, kind = magic
    assert sniff(prefix + rest, name) == kind


@given(st.text(max_size=200), st.text(max_size=200))
def test_a_text_quoting_the_pdf_mark_stays_text(before, after):
    """Only a .pdf may carry the mark after other bytes; an article about PDFs is still an article."""
    data = f"{before}%PDF-1.4 {after}".encode()
    kind = sniff(data, "story.txt")
    assert kind != "pdf" or data.startswith(b"%PDF-")


OTHER_MAGIC = (b"PK", b"\x1f\x8b", b"BZh", b"\x89PNG", b"\xff\xd8\xff", b"II*", b"MM\x00*")


@given(st.binary(min_size=1, max_size=500).filter(lambda b: not b.startswith((b"%", *OTHER_MAGIC))))
def test_a_pdf_mark_after_junk_counts_in_a_pdf_file(junk):
    assert sniff(junk + b"%PDF-1.7\n", "report.pdf") == "pdf"


@given(st.binary(max_size=300), NAMES)
def test_bytes_that_only_start_like_a_zip_are_left_to_the_text_reader(rest, name):
    assert sniff(b"PK\x03\x04" + rest, name) == "text"


@given(
    st.lists(st.sampled_from(sorted(HEADER_KEYS)), min_size=1, max_size=6),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=40),
)
def test_a_text_article_with_a_header_block_stays_text(keys, value):
    """The project's own header blocks ("Title:", "Date:", "Source:"…) are not e-mail: no From: field."""
    head = "".join(f"{key.title()}: {value}\n" for key in keys)
    assert sniff(f"{head}\nRain fell in Kenya.\n".encode(), "story.txt") == "text"


def test_each_sample_is_known_by_its_content_even_when_misnamed():
    samples = {
        "pdf": pdf_bytes([["One page"]]),
        "docx": docx_bytes(["A paragraph"]),
        "epub": epub_bytes("Book", ["Chapter"]),
        "zip": zip_bytes({"a.txt": b"Text"}),
        "eml": email_bytes("Subject", "Body"),
        "mbox": mbox_bytes([email_bytes("Subject", "Body")]),
        "html": html_page("Title", ["Paragraph"]),
    }
    for kind, data in samples.items():
        assert sniff(data, "renamed.txt") == kind, kind


def test_the_extension_breaks_a_tie_for_markup_without_html_tags():
    fragment = b"<p>Rain fell in <b>Kenya</b>.</p>"
    assert sniff(fragment, "page.htm") == "html"
    assert sniff(fragment, "notes.txt") == "text"
    assert sniff(b"From: ann@example.com\nSubject: Hi\n\nBody", "note.eml") == "eml"
    assert sniff(b"From: ann@example.com\nSubject: Hi\n\nBody", "note.txt") == "text"


def test_image_kinds_are_named():
    assert image_kind(b"\x89PNG\r\n\x1a\nrest") == "PNG"
    assert image_kind(b"MM\x00*rest") == "TIFF"
    assert image_kind(b"plain") is None
