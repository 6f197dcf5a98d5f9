"""build_network counts pairs from a stream of sentence units; the counts equal a plain recount."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.analysis.network import association, build_network
from explorer.core.model import Mention
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch
from tests.store_builder import draft

NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Eps"]

# an article: sentences, each the names mentioned in it (repeats allowed)
articles = st.lists(
    st.lists(st.lists(st.sampled_from(NAMES), max_size=4), min_size=1, max_size=6), min_size=1, max_size=8
)


def store(stories):
    db = open_store(":memory:")
    batch = []
    for i, sentences in enumerate(stories):
        text, mentions = "", []
        for n, names in enumerate(sentences):
            for name in names:
                mentions.append(Mention(len(text), len(text) + len(name), name, "person", n))
                text += name + " "
            text += ". "
        batch.append((draft(f"Story {i}", text, date(2024, 1, 1 + i % 28)), mentions))
    add_batch(db, batch)
    return db


@settings(max_examples=60, deadline=None)
@given(stories=articles, min_count=st.integers(1, 3))
def test_pairs_and_sizes_equal_a_plain_recount(stories, min_count) -> None:
    db = store(stories)
    network = build_network(db, top=len(NAMES), min_count=min_count)
    ids = {n.name: n.id for n in network.nodes}
    together: Counter = Counter()
    sizes: Counter = Counter()
    for sentences in stories:
        for names in sentences:
            present = sorted({ids[name] for name in names})
            sizes.update(present)
            together.update(combinations(present, 2))
    expected = {
        pair: n
        for pair, n in together.items()
        if n >= min_count and association(n, sizes[pair[0]], sizes[pair[1]], network.sentences)[0] > 0
    }
    assert {(e.source, e.target): e.together for e in network.edges} == expected
    assert {n.name for n in network.nodes} == {name for s in stories for names in s for name in names}
    assert [e.llr for e in network.edges] == sorted((e.llr for e in network.edges), reverse=True)
