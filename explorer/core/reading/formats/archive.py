"""ZIP and tar(.gz, .bz2, .xz) archives read in memory, never extracted to disk: each member's
bytes, or why it was refused. Limits against archive bombs (member count, total uncompressed
size, compression ratio) end the reading with a reason; names that would lead outside the
archive, links and encrypted members are refused one by one."""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterator

from explorer.core.model import ReadError
from explorer.core.reading.file_filter import FileFilter
from explorer.core.reading.formats.document import Limits
from explorer.core.reading.ingest import human_size, too_large_reason

Member = tuple[str, bytes | ReadError]
_SKIPPED = FileFilter()  # hidden members, __MACOSX, READMEs… as in a folder


def unsafe_name(name: str) -> bool:
    """An absolute name, a drive, or a ``..`` step: it would lead outside the archive."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts


def members(data: bytes, kind: str, limits: Limits) -> Iterator[Member]:
    """The members of a ``zip`` or ``tar`` archive, in their order inside it."""
    if kind == "zip":
        return _zip_members(data, limits)
    return _tar_members(data, limits)


class _Budget:
    """The members and uncompressed bytes an archive may still hand out."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.count = 0
        self.total = 0

    def take_member(self) -> None:
        self.count += 1
        if self.count > self.limits.archive_members:
            raise ReadError(f"an archive of more than {self.limits.archive_members:,} members (the rest is not read)")

    def take_bytes(self, size: int) -> None:
        self.total += size
        if self.total > self.limits.archive_total:
            raise ReadError(
                f"an archive larger than {human_size(self.limits.archive_total)} uncompressed (the rest is not read)"
            )


def _refusal(name: str) -> ReadError | None:
    if unsafe_name(name):
        return ReadError("a member name leading outside the archive (not read)")
    return None


def _zip_members(data: bytes, limits: Limits) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ReadError("not a text file nor a readable ZIP archive (damaged or incomplete)") from error
    budget = _Budget(limits)
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            budget.take_member()
            name = info.filename
            refusal = _refusal(name) or _zip_refusal(info, limits)
            if refusal:
                yield name, refusal
                continue
            if not _SKIPPED.takes_file(name.rsplit("/", 1)[-1], name):
                continue
            try:
                with archive.open(info) as member:
                    content = member.read(limits.max_bytes + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
                yield name, ReadError(f"a damaged archive member ({type(error).__name__})")
                continue
            budget.take_bytes(len(content))
            if len(content) > limits.max_bytes:
                yield name, ReadError(too_large_reason(len(content), limits.max_bytes))
            elif len(content) > limits.archive_ratio * max(info.compress_size, 1):
                yield name, _ratio_refusal(limits)
            else:
                yield name, content


def _zip_refusal(info: zipfile.ZipInfo, limits: Limits) -> ReadError | None:
    if info.flag_bits & 0x1:
        return ReadError("an encrypted archive member (it needs a password)")
    if info.file_size > limits.max_bytes:
        return ReadError(too_large_reason(info.file_size, limits.max_bytes))
    if info.file_size > limits.archive_ratio * max(info.compress_size, 1):
        return _ratio_refusal(limits)
    return None


def _ratio_refusal(limits: Limits) -> ReadError:
    return ReadError(f"compressed more than {limits.archive_ratio} times (an archive bomb?), not read")


def _tar_members(data: bytes, limits: Limits) -> Iterator[Member]:
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r|*")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError, EOFError, ValueError) as error:
        raise ReadError("not a text file nor a readable tar archive (damaged or incomplete)") from error
    budget = _Budget(limits)
    with archive:
        try:
            for info in archive:
                budget.take_member()
                budget.take_bytes(info.size)
                if budget.total > limits.archive_ratio * len(data):
                    raise _ratio_refusal(limits)
                if info.isdir():
                    continue
                name = info.name
                refusal = _refusal(name) or _tar_refusal(info, limits)
                if refusal:
                    yield name, refusal
                    continue
                if not _SKIPPED.takes_file(name.rsplit("/", 1)[-1], name):
                    continue
                member = archive.extractfile(info)
                yield name, member.read(limits.max_bytes + 1) if member else ReadError("not a regular file")
        except (tarfile.TarError, OSError, EOFError, ValueError) as error:
            raise ReadError(f"a damaged tar archive ({type(error).__name__}; the rest is not read)") from error


def _tar_refusal(info: tarfile.TarInfo, limits: Limits) -> ReadError | None:
    if info.issym() or info.islnk():
        return ReadError("a link inside an archive (not followed)")
    if not info.isfile():
        return ReadError("not a regular file (a device or a pipe inside an archive)")
    if info.size > limits.max_bytes:
        return ReadError(too_large_reason(info.size, limits.max_bytes))
    return None
