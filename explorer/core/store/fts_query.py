"""Turning what a user types in the search box into a safe FTS5 query, or a short error.

Users type words, "quoted phrases", prefix*, AND/OR/NOT, parentheses and ``title:``/``body:``
filters. Every word is re-emitted as a quoted FTS5 string, so punctuation a user types
("U.S.", "Pakistan’s", "3.5%") never reaches the FTS5 parser as syntax; only the structure
(operators, parentheses, quotes, ``*``) is checked, and a mistake becomes a
``SearchSyntaxError`` whose message fits under the search box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SEARCH_LENGTH = 500
OPERATORS = ("AND", "OR", "NOT")
COLUMNS = ("title", "body")
_QUOTES = '"“”'
_BAREWORD_END = re.compile(r"[\s()" + _QUOTES + "]")
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f]")
_COLUMN_PREFIX = re.compile(r"(?i)(" + "|".join(COLUMNS) + r"):")


class SearchSyntaxError(ValueError):
    """A search the user typed cannot be run; the message says what to fix, in a few words."""


@dataclass(frozen=True)
class _Token:
    kind: str  # term | op | open | close | column
    text: str


def fts_query(text: str | None) -> str | None:
    """The FTS5 expression for ``text``; None when there is nothing to search for."""
    # FTS5 reads a NUL as the end of the query ("unterminated string"); stored text has no
    # control characters, so they can only be typos: spaces instead.
    text = _CONTROL_CHARS.sub(" ", text or "").strip()
    if not text:
        return None
    if len(text) > MAX_SEARCH_LENGTH:
        raise SearchSyntaxError(f"Search is too long (at most {MAX_SEARCH_LENGTH} characters).")
    tokens = _tokens(text)
    _check(tokens)
    if not any(token.kind == "term" for token in tokens):
        return None
    return " ".join(token.text for token in tokens)


def _quoted(text: str, prefix: bool) -> str:
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def _has_token_chars(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token("open" if ch == "(" else "close", ch))
            i += 1
        elif ch in _QUOTES:
            end = next((j for j in range(i + 1, len(text)) if text[j] in _QUOTES), -1)
            if end < 0:
                raise SearchSyntaxError("A quote is not closed.")
            prefix = text.startswith("*", end + 1)
            phrase = text[i + 1 : end]
            if _has_token_chars(phrase):
                tokens.append(_Token("term", _quoted(phrase, prefix)))
            i = end + 1 + prefix
        else:
            match = _BAREWORD_END.search(text, i)
            end = match.start() if match else len(text)
            tokens.extend(_word_tokens(text[i:end]))
            i = end
    return tokens


def _word_tokens(word: str) -> list[_Token]:
    if word in OPERATORS:
        return [_Token("op", word)]
    column = _COLUMN_PREFIX.match(word)
    if column:
        rest = word[column.end() :]
        return [_Token("column", column.group(1).lower() + " :"), *(_word_tokens(rest) if rest else [])]
    core = word.rstrip("*")
    if not core:
        raise SearchSyntaxError("* must follow a word, as in trad*.")
    if not _has_token_chars(core):
        return []
    return [_Token("term", _quoted(core.replace("*", " "), prefix=core != word))]


def _check(tokens: list[_Token]) -> None:
    """Operators between operands, filters before a term, parentheses balanced and not empty."""
    depth = 0
    previous: _Token | None = None
    for token in tokens:
        after_operand = previous is not None and previous.kind in ("term", "close")
        if token.kind == "op" and not after_operand:
            raise SearchSyntaxError(f"{token.text} needs a term on each side, as in a {token.text} b.")
        if previous is not None and previous.kind == "column" and token.kind != "term":
            raise SearchSyntaxError(f"{previous.text[:-2]}: must be followed by a word or a phrase.")
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            if depth == 0:
                raise SearchSyntaxError("A ) has no matching (.")
            if previous is not None and previous.kind == "open":
                raise SearchSyntaxError("Empty parentheses.")
            if previous is not None and previous.kind == "op":
                raise SearchSyntaxError(f"{previous.text} needs a term on each side, as in a {previous.text} b.")
            depth -= 1
        previous = token
    if previous is not None and previous.kind == "op":
        raise SearchSyntaxError(f"{previous.text} needs a term on each side, as in a {previous.text} b.")
    if previous is not None and previous.kind == "column":
        raise SearchSyntaxError(f"{previous.text[:-2]}: must be followed by a word or a phrase.")
    if depth:
        raise SearchSyntaxError("A ( is not closed.")
