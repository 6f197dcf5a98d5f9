"""One file → its articles: every member and attachment gets one outcome, named by its path inside."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Limits, ReadOptions
from explorer.core.reading.formats.registry import read_documents, sniff_file
from tests.core.reading.formats.samples import docx_bytes, email_bytes, html_page, mbox_bytes, pdf_bytes, zip_bytes

GOOD = {
    "story.txt": b"Rain in Kenya\n\nRain fell in Nairobi for a week.\n",
    "report.pdf": pdf_bytes([["Floods in Uganda were reported on Monday."]], info={"Title": "Floods"}),
    "notes.docx": docx_bytes(["Talks in Tokyo ended without a deal."], title="Talks"),
    "page.html": html_page("Heat in India", ["Heat hit Delhi again this week, officials said on Monday."]),
}
BAD = {
    "broken.pdf": b"%PDF-1.7\n" + bytes(60),
    "image.png": b"\x89PNG\r\n\x1a\n" + bytes(60),
    "program.txt": b"\x7fELF" + bytes(60),
    "empty.txt": b"",
    "../escape.txt": b"Escape\n\nText.",
}


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.sampled_from(sorted(GOOD))), st.sets(st.sampled_from(sorted(BAD))))
def test_each_member_gives_one_article_or_one_reason(tmp_path, good, bad):
    members = {name: GOOD[name] for name in good} | {name: BAD[name] for name in bad}
    path = write(tmp_path, "bundle.zip", zip_bytes(members) if members else zip_bytes({"story.txt": GOOD["story.txt"]}))
    outcomes = read_documents(path)
    labels = [outcome.label for outcome in outcomes]
    assert len(labels) == len(set(labels)) == max(len(members), 1)
    for outcome in outcomes:
        member = outcome.label.removeprefix(f"{path}/")
        assert (outcome.draft is not None) == (member in GOOD), outcome
        if outcome.draft:
            assert outcome.draft.original_path == member and outcome.draft.path == outcome.label
        else:
            assert outcome.reason


def test_a_file_whose_bytes_are_stored_is_a_duplicate_without_being_read(tmp_path):
    path = write(tmp_path, "report.pdf", GOOD["report.pdf"])
    digest = hashlib.sha256(GOOD["report.pdf"]).hexdigest()
    [outcome] = read_documents(path, known_file=lambda sha: "text-sha" if sha == digest else None)
    assert outcome.duplicate_of == "text-sha" and outcome.draft is None


def test_attachments_are_articles_linked_to_their_message(tmp_path):
    message = email_bytes("Weekly report", "The report is attached.", attachments=[("r.pdf", GOOD["report.pdf"])])
    outcomes = read_documents(write(tmp_path, "box.mbox", mbox_bytes([message, b"no headers at all"])))
    by_label = {outcome.label.rsplit("box.mbox/", 1)[1]: outcome for outcome in outcomes}
    assert sorted(by_label) == ["message 1", "message 1/r.pdf", "message 2"]
    parent, attachment = by_label["message 1"].draft, by_label["message 1/r.pdf"].draft
    assert attachment.parent_sha256 == parent.sha256 and attachment.format == "pdf"
    assert attachment.original_path == "message 1/r.pdf" and parent.format == "eml"
    assert "no headers" in by_label["message 2"].reason


def test_nesting_deeper_than_the_limit_is_refused(tmp_path):
    data = GOOD["story.txt"]
    for level in range(4):
        data = zip_bytes({f"level{level}.zip" if level else "story.txt": data})
    outcomes = read_documents(write(tmp_path, "deep.zip", data), ReadOptions(limits=Limits(depth=2)))
    assert [outcome.reason for outcome in outcomes] == [
        "nested too deep (more than 2 archives or messages in one another)"
    ]


def test_a_member_larger_than_the_file_limit_is_refused_alone(tmp_path):
    data = zip_bytes({"big.txt": b"Words. " * 300, "small.txt": GOOD["story.txt"]})
    outcomes = read_documents(write(tmp_path, "a.zip", data), ReadOptions(limits=Limits(max_bytes=1500)))
    assert "too large" in outcomes[0].reason and outcomes[1].draft.title == "Rain in Kenya"


def test_plain_text_is_read_as_it_always_was(tmp_path):
    path = write(tmp_path, "story.txt", GOOD["story.txt"])
    [outcome] = read_documents(path)
    assert (outcome.draft.title, outcome.draft.body, outcome.draft.format) == (
        "Rain in Kenya",
        "Rain fell in Nairobi for a week.",
        "text",
    )
    assert outcome.draft.file_sha256 == hashlib.sha256(GOOD["story.txt"]).hexdigest()
    assert sniff_file(path) == "text"


def test_an_email_over_the_file_limit_imports_with_its_large_attachment_refused(tmp_path):
    large = b"%PDF-1.4\n" + bytes(3000)
    message = email_bytes(
        "Big", "A big attachment.", attachments=[("big.pdf", large), ("small.txt", b"Small\n\nNote.")]
    )
    path = write(tmp_path, "big.eml", message)
    outcomes = read_documents(path, ReadOptions(limits=Limits(max_bytes=2500, container_bytes=10_000)))
    assert [outcome.draft.title if outcome.draft else outcome.reason for outcome in outcomes] == [
        "Big",
        "too large (2.9 KB; the limit is 2.4 KB)",
        "Small",
    ]
    with pytest.raises(ReadError, match="too large"):
        read_documents(write(tmp_path, "big.txt", b"Words. " * 500), ReadOptions(limits=Limits(max_bytes=2500)))
    with pytest.raises(ReadError, match="too large"):
        read_documents(path, ReadOptions(limits=Limits(max_bytes=2500, container_bytes=3000)))


def test_a_word_document_over_the_file_limit_is_refused_like_any_single_file(tmp_path):
    data = docx_bytes([f"Paragraph {i} of a long report." for i in range(400)])
    path = write(tmp_path, "big.docx", data)
    with pytest.raises(ReadError, match="too large"):
        read_documents(path, ReadOptions(limits=Limits(max_bytes=len(data) // 2, container_bytes=10 * len(data))))


WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzé"), min_size=2, max_size=9)
PARAGRAPH = st.lists(WORD, min_size=8, max_size=20).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARAGRAPH, min_size=2, max_size=5, unique=True))
def test_the_text_of_docx_html_and_email_is_stored_as_written(tmp_path, paragraphs):
    """What the writer stores (the draft's body), whitespace normalised, for three formats.
    (trafilatura keeps one of two identical paragraphs of a page: the paragraphs differ.)"""
    written = " ".join(" ".join(paragraphs).split())
    documents = {
        "a.docx": docx_bytes(paragraphs, title="T"),
        "a.eml": email_bytes("Subject", "\n\n".join(paragraphs)),
        "a.html": html_page("Title", paragraphs),
    }
    for name, data in documents.items():
        [outcome] = read_documents(write(tmp_path, name, data))
        body = " ".join(outcome.draft.body.split())
        if name == "a.html":  # the page's headline may come first; the article follows, whole and in order
            assert body.endswith(written) or written in body, name
        else:
            assert body == written, name
