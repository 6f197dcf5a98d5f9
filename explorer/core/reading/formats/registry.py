"""One file → its articles, whatever its format: the one entry point of the import.

The format is sniffed from the bytes; plain text goes through ``ingest.article_from_text`` as
it always has. Containers (archives, mailboxes, e-mails with attachments) hand back members
that are read like files, named ``archive.zip/inner/path.txt``, up to ``Limits.depth`` deep.
Every refusal is an ``Outcome`` with its own reason, so one bad member costs nothing else.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from explorer.core.model import ArticleDraft, ReadError
from explorer.core.reading.decoding import decode_bytes
from explorer.core.reading.formats import archive, epub, mail, pdf, scans, web_page, word
from explorer.core.reading.formats.document import DEFAULT_OPTIONS, Extracted, Limits, ReadOptions
from explorer.core.reading.formats.drafts import draft_of
from explorer.core.reading.formats.sniff import HEAD_BYTES, sniff
from explorer.core.reading.ingest import (
    article_from_text,
    human_size,
    latest_publication,
    read_bytes,
    too_large_reason,
)

# The sha256 of the stored text of an article read from a file with these bytes, if any.
KnownFile = Callable[[str], str | None]
# Formats read into one article: their bytes seen before are a duplicate without being read.
_SINGLE = ("text", "pdf", "html", "docx", "epub", "image")
_CONTAINERS = ("zip", "tar", "mbox", "eml")
_READERS: dict[str, Callable[[bytes, ReadOptions], Extracted]] = {
    "pdf": pdf.read_pdf,
    "html": web_page.read_html,
    "docx": word.read_docx,
    "epub": epub.read_epub,
    "image": scans.read_image,
}


@dataclass(frozen=True)
class Outcome:
    """One article of a file (``draft``), or why a file or member gave none: ``reason``, or the
    text of the stored article whose file had the same bytes (``duplicate_of``)."""

    label: str
    draft: ArticleDraft | None = None
    reason: str | None = None
    duplicate_of: str | None = None


def read_documents(
    path: str | Path, options: ReadOptions = DEFAULT_OPTIONS, known_file: KnownFile = lambda sha: None
) -> list[Outcome]:
    """Every article of the file at ``path``; ``ReadError`` when the file itself cannot be read."""
    path = Path(path)
    data, info = _file_bytes(path, options.limits)
    mtime = datetime.fromtimestamp(info.st_mtime).astimezone().isoformat(timespec="seconds")
    reading = _Reading(options, known_file, mtime)
    return list(reading.outcomes(data, os.path.abspath(path), path.name, depth=0))


def _file_bytes(path: Path, limits: Limits) -> tuple[bytes, os.stat_result]:
    """The file's bytes: up to ``max_bytes``, or ``container_bytes`` for an archive or mail,
    whose members and attachments are each held to ``max_bytes`` in turn."""
    try:
        return read_bytes(path, limits.max_bytes)
    except ReadError:
        try:
            info = path.stat()
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode) or info.st_size <= limits.max_bytes:
            raise
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
        if sniff(head, path.name) not in _CONTAINERS and not head.startswith(b"PK"):
            raise
        data, info = read_bytes(path, limits.container_bytes)
        if sniff(data, path.name) not in _CONTAINERS:  # a large .docx or .epub: one document, held to max_bytes
            raise
        return data, info


def sniff_file(path: str | Path, options: ReadOptions = DEFAULT_OPTIONS) -> str:
    """The format of the file at ``path`` (see ``sniff``); ``ReadError`` when it cannot be read."""
    path = Path(path)
    return sniff(_file_bytes(path, options.limits)[0], path.name)


class _Reading:
    def __init__(self, options: ReadOptions, known_file: KnownFile, file_mtime: str) -> None:
        self.options = options
        self.known_file = known_file
        self.file_mtime = file_mtime
        self.latest: date = latest_publication(file_mtime)
        self.unpacked = 0  # bytes of members and attachments read so far, however deeply nested

    def outcomes(
        self, data: bytes, label: str, name: str, *, depth: int, parent: str | None = None, inner: str | None = None
    ) -> Iterator[Outcome]:
        """The outcomes of one file or member (``inner``: its path in its container)."""
        if depth:
            self.unpacked += len(data)
            limits = self.options.limits
            if len(data) > limits.max_bytes:
                yield Outcome(label, reason=too_large_reason(len(data), limits.max_bytes))
                return
            if self.unpacked > limits.archive_total:
                yield Outcome(
                    label, reason=f"past {human_size(limits.archive_total)} unpacked from one file (not read)"
                )
                return
        kind = sniff(data, name)
        file_sha256 = hashlib.sha256(data).hexdigest()
        if kind in _SINGLE:
            stored = self.known_file(file_sha256)
            if stored is not None:
                yield Outcome(label, duplicate_of=stored)
                return
        try:
            if kind in _CONTAINERS:
                yield from self._container(kind, data, label, depth, parent, inner)
                return
            draft = self._single(kind, data, label, name, file_sha256)
        except ReadError as error:
            yield Outcome(label, reason=str(error))
            return
        yield Outcome(label, replace(draft, original_path=inner, parent_sha256=parent))

    def _single(self, kind: str, data: bytes, label: str, name: str, file_sha256: str) -> ArticleDraft:
        if kind == "text":
            text, encoding = decode_bytes(data)
            draft = article_from_text(
                text,
                name=name,
                path=label,
                file_mtime=self.file_mtime,
                encoding=encoding,
                default_date=self.options.default_date,
            )
            return replace(draft, file_sha256=file_sha256)
        found = _READERS[kind](data, self.options)
        return draft_of(
            found,
            path=label,
            name=name,
            file_sha256=file_sha256,
            file_mtime=self.file_mtime,
            latest=self.latest,
            default_date=self.options.default_date,
        )

    def _container(
        self, kind: str, data: bytes, label: str, depth: int, parent: str | None, inner: str | None
    ) -> Iterator[Outcome]:
        if depth >= self.options.limits.depth:
            raise ReadError(
                f"nested too deep (more than {self.options.limits.depth} archives or messages in one another)"
            )
        if kind == "eml":
            yield from self._message(data, label, depth, parent, inner)
            return
        members = archive.members(data, kind, self.options.limits) if kind != "mbox" else mail.mbox_messages(data)
        for member, content in members:
            member_label = f"{label}/{member}"
            member_inner = member if inner is None else f"{inner}/{member}"
            if isinstance(content, ReadError):
                yield Outcome(member_label, reason=str(content))
            elif kind == "mbox":
                try:
                    yield from self._message(content, member_label, depth + 1, parent, member_inner)
                except ReadError as error:
                    yield Outcome(member_label, reason=str(error))
            else:
                name = member.rsplit("/", 1)[-1]
                yield from self.outcomes(
                    content, member_label, name, depth=depth + 1, parent=parent, inner=member_inner
                )

    def _message(self, data: bytes, label: str, depth: int, parent: str | None, inner: str | None) -> Iterator[Outcome]:
        found = mail.read_message(data, self.options)
        draft = draft_of(
            found,
            path=label,
            name=label.rsplit("/", 1)[-1],
            file_sha256=hashlib.sha256(data).hexdigest(),
            file_mtime=self.file_mtime,
            latest=self.latest,
            default_date=self.options.default_date,
        )
        yield Outcome(label, replace(draft, original_path=inner, parent_sha256=parent))
        for index, (file_name, content) in enumerate(found.attachments, start=1):
            name = _safe_name(file_name) or f"attachment {index}"
            attachment_inner = name if inner is None else f"{inner}/{name}"
            yield from self.outcomes(
                content, f"{label}/{name}", name, depth=depth + 1, parent=draft.sha256, inner=attachment_inner
            )


def _safe_name(file_name: str) -> str:
    """An attachment's file name without folders (it names a member, never a place on disk)."""
    return file_name.replace("\\", "/").rsplit("/", 1)[-1].strip()
