"""User text shown literally wherever Qt would read it as markup.

Qt renders a tooltip as HTML whenever it merely looks like HTML, reads "&" in a menu or button
text as a shortcut marker and "[*]" in a window title as the modified-document marker. A file,
title or entity name can hold any of them, and must show as typed.
"""

from __future__ import annotations

from html import escape


def literal_html(text: str) -> str:
    """For a tooltip or a dialog's label: escaped text in a paragraph, rich text on purpose, in
    which the user's characters are only ever characters."""
    return "<p style='white-space:pre-wrap'>" + escape(text).replace("\n", "<br>") + "</p>"


def literal_mnemonic(text: str) -> str:
    """Text for a menu item or button, its "&" doubled so that none becomes a shortcut."""
    return text.replace("&", "&&")


def literal_title(text: str) -> str:
    """Text for a window title, "[*]" doubled, which Qt shows as one literal "[*]"."""
    return text.replace("[*]", "[*][*]")
