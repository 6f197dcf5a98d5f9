"""E-mail (.eml) and mailboxes (.mbox), with the standard library (``email.policy.default``):
subject as title, ``Date:`` as date, sender and recipients kept, the text part as body (the
HTML part's visible text when there is no plain one), attachments handed back to be read as files."""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted, ReadOptions
from explorer.core.reading.formats.web_page import visible_text

HEADER = "e-mail header"
_FROM_LINE_RE = re.compile(rb"^From .*\r?\n", re.MULTILINE)
_QUOTED_FROM_RE = re.compile(rb"^>(>*From )", re.MULTILINE)


def mbox_messages(data: bytes) -> Iterator[tuple[str, bytes | ReadError]]:
    """("message N", its bytes) for each message of a mailbox, ">From " lines unquoted (mboxrd)."""
    starts = [match for match in _FROM_LINE_RE.finditer(data) if match.start() == 0 or data[match.start() - 1] == 10]
    for number, (match, following) in enumerate(zip(starts, [*starts[1:], None], strict=True), start=1):
        message = data[match.end() : following.start() if following else len(data)]
        yield f"message {number}", _QUOTED_FROM_RE.sub(rb"\1", message)


def read_message(data: bytes, options: ReadOptions) -> Extracted:
    message = email.message_from_bytes(data, policy=default)
    assert isinstance(message, EmailMessage)
    if not message.keys():
        raise ReadError("not an e-mail message (it has no headers)")
    subject = _header(message, "Subject")
    attachments = tuple(_attachments(message))
    text = _body(message)
    if not text.strip():
        if not attachments:
            raise ReadError("an e-mail without text or attachments")
        text = "Attachments: " + ", ".join(name or f"attachment {i}" for i, (name, _) in enumerate(attachments, 1))
    published = _date(message)
    recipients = ", ".join(value for value in (_header(message, "To"), _header(message, "Cc")) if value)
    return Extracted(
        pages=(text,),
        format="eml",
        title=subject or None,
        title_source=HEADER if subject else None,
        published=published,
        date_source=HEADER if published else None,
        author=_header(message, "From") or None,
        recipients=recipients or None,
        attachments=attachments,
    )


def _header(message: EmailMessage, name: str) -> str:
    """A header's value on one line; as written when the policy cannot parse it."""
    try:
        value = str(message.get(name) or "")
    except (ValueError, TypeError, IndexError, AttributeError):
        value = next((str(raw) for key, raw in message.raw_items() if key.lower() == name.lower()), "")
    return " ".join(value.split())


def _date(message: EmailMessage):
    try:
        header = message.get("Date")
        moment = getattr(header, "datetime", None)
    except (ValueError, TypeError, IndexError, AttributeError, OverflowError):
        return None
    return moment.date() if moment else None


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError, UnicodeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    return visible_text(content) if part.get_content_subtype() == "html" else content


def _attachments(message: EmailMessage) -> Iterator[tuple[str, bytes]]:
    for part in message.iter_attachments():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            content = (
                inner[0].as_bytes() if isinstance(inner, list) and inner and not isinstance(inner[0], str) else b""
            )
        else:
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
        if content:
            yield part.get_filename() or "", content
