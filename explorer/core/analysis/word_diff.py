"""Two versions of a story compared word by word: what stayed, what went, what came.

The comparison runs on words (with the spaces after them kept), so a reader sees a changed
figure or a reworded phrase, not a changed line. ``difflib`` aligns the words without its
junk heuristic, which would treat frequent words ("the") as noise in long articles.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["same", "removed", "added"]
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str


def tokens(text: str) -> list[str]:
    """The words of ``text``, each with the space after it (a leading space on its own)."""
    return _TOKEN.findall(text)


def word_diff(first: str, second: str) -> list[Segment]:
    """``first`` turned into ``second``: runs of same, removed and added text, in order.

    The same and removed runs spell ``first`` exactly; the same and added runs spell ``second``.
    Words are compared without their trailing space, so a reflowed line is not a change.
    """
    a, b = tokens(first), tokens(second)
    matcher = difflib.SequenceMatcher(a=[t.strip() for t in a], b=[t.strip() for t in b], autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            # the words match; the spacing may not: the word is the same, each side keeps its own space
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if a[i] == b[j]:
                    _add(segments, "same", a[i])
                else:
                    word = a[i].rstrip()
                    _add(segments, "same", word)
                    _add(segments, "removed", a[i][len(word) :])
                    _add(segments, "added", b[j][len(word) :])
            continue
        _add(segments, "removed", "".join(a[i1:i2]))
        _add(segments, "added", "".join(b[j1:j2]))
    return segments


def _add(segments: list[Segment], kind: Kind, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))
