"""Text made safe to open in the program that reads an export.

A spreadsheet runs a CSV cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: an entity name, title or tag from an article could then run a
command on the analyst's machine (CSV injection). ``spreadsheet_cell`` prefixes such text with a
single quote, as OWASP recommends. Numbers stay numbers: a cell is neutralised by its type, so
counts and ids (ints and floats) are written as they are, while text that merely looks like a
number ("-3" as a title) is prefixed like any other text.

XML 1.0 cannot carry most control characters nor lone surrogates at all, so a GEXF or GraphML
file holding one is refused by every parser: ``xml_text`` drops them. A carriage return becomes
a newline, which is what an XML parser would read anyway.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "xml_text"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def spreadsheet_cell(value):
    """``value`` as a CSV cell a spreadsheet shows as text rather than runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, line ends as a parser reads them."""
    return _XML_ILLEGAL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
