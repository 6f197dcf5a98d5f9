"""Small valid documents of every format, written by the tests themselves (no fixtures on disk)."""

from __future__ import annotations

import io
import zipfile
import zlib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_bytes(
    pages: list[list[str]],
    *,
    info: dict[str, str] | None = None,
    encrypt: bool = False,
    image: tuple[int, int, bytes] | None = None,
) -> bytes:
    """A PDF written by hand: each page's lines as Helvetica text; ``image`` (width, height,
    8-bit grey pixels) becomes one more page holding only that image (a scan)."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in once the pages are known
    tree = add("")
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            ops += [f"{_pdf_string(line)} Tj", "T*"]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R"
                f" /Resources << /Font << /F1 {font} 0 R >> >> >>"
            )
        )
    if image:
        width, height, pixels = image
        packed = zlib.compress(pixels)
        xobject = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % (width, height, len(packed))
            + packed
            + b"\nendstream"
        )
        draw = f"q {width} 0 0 {height} 0 0 cm /Im1 Do Q".encode()
        content = add(b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {width} {height}] /Contents {content} 0 R"
                f" /Resources << /XObject << /Im1 {xobject} 0 R >> >> >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    objects[tree - 1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    extra = ""
    if info:
        entries = " ".join(f"/{key} {_pdf_string(value)}" for key, value in info.items())
        extra += f" /Info {add(f'<< {entries} >>')} 0 R"
    if encrypt:  # the standard handler with a user password: the O and U entries match no empty password
        key = add("<< /Filter /Standard /V 1 /R 2 /O <" + "41" * 32 + "> /U <" + "42" * 32 + "> /P -4 >>")
        extra += f" /Encrypt {key} 0 R /ID [<{'00' * 16}> <{'00' * 16}>]"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{extra} >>\n".encode())
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], *, table: list[list[str]] | None = None, title: str = "") -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_page(title: str, paragraphs: list[str], *, published: str = "2024-03-15", site: str = "Daily News") -> bytes:
    """A news page with real boilerplate around its article, scripts, an iframe and a remote image."""
    body = "".join(f"<p>{_escape(text)}</p>" for text in paragraphs)
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{_escape(title)} | {site}</title>"
        f'<meta property="og:title" content="{_escape(title)}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        '<script src="https://tracker.example.com/t.js"></script>'
        "<script>document.write('INJECTED');fetch('https://evil.example.com/')</script>"
        '<link rel="stylesheet" href="https://cdn.example.com/s.css">'
        "</head><body>"
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Sport</li></ul></nav>'
        '<div class="cookie-banner">We use cookies. Accept all cookies?</div>'
        f"<article><h1>{_escape(title)}</h1>{body}</article>"
        '<img src="https://images.example.com/photo.jpg">'
        '<iframe src="https://ads.example.com/frame"></iframe>'
        "<aside><h3>Most read</h3><ul><li>Other story</li></ul></aside>"
        "<footer>Copyright 2024 Daily News. All rights reserved.</footer>"
        "</body></html>"
    ).encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def email_bytes(
    subject: str,
    body: str,
    *,
    sender: str = "Ann Reporter <ann@example.com>",
    to: str = "desk@example.com",
    sent: datetime = datetime(2024, 3, 15, 9, 30, tzinfo=UTC),
    attachments: list[tuple[str, bytes]] = (),
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = "<1@example.com>"
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def mbox_bytes(messages: list[bytes]) -> bytes:
    out = []
    for message in messages:
        quoted = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in message.split(b"\n")
        )
        out.append(b"From ann@example.com Fri Mar 15 09:30:00 2024\n" + quoted.rstrip(b"\n") + b"\n\n")
    return b"".join(out)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def epub_bytes(title: str, chapters: list[str], *, author: str = "A. Writer") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{i}" href="chapter%20{i}.xhtml" media-type="application/xhtml+xml"/>'
            for i in range(len(chapters))
        )
        spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{_escape(title)}</dc:title><dc:creator>{_escape(author)}</dc:creator>"
            "<dc:date>2021-06-01</dc:date></metadata>"
            f"<manifest>{items}</manifest><spine>{spine}</spine></package>",
        )
        for i, text in enumerate(chapters):
            book.writestr(
                f"OEBPS/chapter {i}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title>'
                f"</head><body><p>{_escape(text)}</p></body></html>",
            )
    return out.getvalue()
