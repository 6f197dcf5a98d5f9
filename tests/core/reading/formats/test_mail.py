"""E-mail and mailboxes: subject, date, sender and recipients; attachments handed on; bad messages alone refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import ReadOptions
from explorer.core.reading.formats.mail import mbox_messages, read_message
from tests.core.reading.formats.samples import email_bytes, mbox_bytes

LINE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=60
).filter(lambda text: text.strip())
DAYS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC))


@settings(max_examples=50, deadline=None)
@given(LINE, st.lists(LINE, min_size=1, max_size=5), DAYS)
def test_subject_body_date_and_people_round_trip(subject, lines, sent):
    found = read_message(email_bytes(subject, "\n".join(lines), sent=sent, to="Bo <bo@example.com>"), ReadOptions())
    assert found.title.split() == subject.split() and found.title_source == "e-mail header"
    assert found.pages[0].split() == "\n".join(lines).split()
    assert found.published == sent.date() and found.date_source == "e-mail header"
    assert found.author == "Ann Reporter <ann@example.com>" and found.recipients == "Bo <bo@example.com>"


def test_attachments_are_handed_back_with_their_names():
    found = read_message(email_bytes("Report", "See attached.", attachments=[("r.pdf", b"%PDF-x")]), ReadOptions())
    assert found.attachments == (("r.pdf", b"%PDF-x"),)


def test_a_message_of_attachments_only_lists_them_as_its_text():
    message = email_bytes("Files", "", attachments=[("a.txt", b"A"), ("b.txt", b"B")])
    assert read_message(message, ReadOptions()).pages == ("Attachments: a.txt, b.txt",)


def test_an_html_only_message_gives_its_visible_text():
    raw = (
        b"From: a@example.com\r\nTo: b@example.com\r\nSubject: News\r\nDate: Fri, 15 Mar 2024 09:30:00 +0000\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>Rain in <b>Kenya</b>.</p><script>alert(1)</script></body></html>"
    )
    found = read_message(raw, ReadOptions())
    assert found.pages == ("Rain in Kenya.",) and found.published == date(2024, 3, 15)


def test_a_message_without_headers_is_refused():
    with pytest.raises(ReadError, match="no headers"):
        read_message(b"\n\njust text", ReadOptions())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(LINE, min_size=1, max_size=4), min_size=1, max_size=6))
def test_a_mailbox_gives_each_message_with_from_lines_unquoted(bodies):
    bodies = [["From the desk: " + lines[0], *lines[1:]] for lines in bodies]  # a body line mbox must quote
    data = mbox_bytes([email_bytes(f"Message {i}", "\n".join(lines)) for i, lines in enumerate(bodies)])
    messages = list(mbox_messages(data))
    assert [label for label, _ in messages] == [f"message {i + 1}" for i in range(len(bodies))]
    for (_, raw), lines in zip(messages, bodies, strict=True):
        assert read_message(raw, ReadOptions()).pages[0].split() == "\n".join(lines).split()
