"""Text from users and files made safe to show: control characters are shown, never obeyed.

A file named "\\x1b]0;TITLE\\x07a.txt" printed raw retitles the terminal, and a right-to-left
override reverses what follows it. One convention everywhere: such a character is written as
its Python escape ("\\x1b", "\\u202e", "\\n"), and a byte of a file name that is not UTF-8
(a lone surrogate from ``os.fsdecode``) as that byte ("\\xff").
"""

from __future__ import annotations

import re

# C0, DEL and C1 controls, the bidirectional marks, embeddings, overrides and isolates, line and
# paragraph separators, and lone surrogates.
_HIDDEN = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_HIDDEN_RE = re.compile(f"[{_HIDDEN}]")
_HIDDEN_IN_LINES_RE = re.compile(f"(?![\\n\\t])[{_HIDDEN}]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_SURROGATE_BYTES = range(0xDC80, 0xDD00)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code in _SURROGATE_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control, bidi and undecodable character escaped; ``lines`` keeps
    newlines and tabs (a note's own layout)."""
    return (_HIDDEN_IN_LINES_RE if lines else _HIDDEN_RE).sub(_escape, text)
