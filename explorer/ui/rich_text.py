"""Tooltips that show text literally.

Qt renders a tooltip as HTML whenever it merely looks like HTML, so a title such as
``<b>x</b>`` would turn bold. Wrapping escaped text in a paragraph makes every tooltip rich
text on purpose, in which the user's characters are only ever characters.
"""

from __future__ import annotations

from html import escape


def literal_tooltip(text: str) -> str:
    return "<p style='white-space:pre-wrap'>" + escape(text).replace("\n", "<br>") + "</p>"
