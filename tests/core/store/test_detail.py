"""Entity detail reads: surface forms, sentences in context and association ranking."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

from explorer.core.model import Mention
from explorer.core.store import open_store
from explorer.core.store.detail import (
    cooccurrence_kwic,
    entity_articles,
    entity_detail,
    kwic,
    sentence_bounds,
)
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import find_entity
from explorer.core.store.related import association, related_entities, sentence_count
from explorer.core.store.writer import add_batch
from tests.store_builder import draft, mentions_in

NAMES = {
    "Alpha": ("Alpha", "person"),
    "Beta": ("Beta Corp", "organisation"),
    "Beta Corp": ("Beta Corp", "organisation"),
    "Gamma": ("Gamma", "place"),
    "Delta": ("Delta", "person"),
}


def with_sentences(body: str) -> list[Mention]:
    """Mentions of NAMES numbered by sentence ('. ' ends one), as the extractor numbers them."""
    ends = [m.end() for m in re.finditer(r"\. ", body)]
    return [
        Mention(m.start, m.end, m.name, m.type, sentence=sum(1 for end in ends if end <= m.start))
        for m in mentions_in(body, NAMES)
    ]


# Alpha shares 3 sentences with Beta (in 3 sentences in all) and 4 with Gamma (in 30): Gamma
# co-occurs more often, but only as often as chance would have it; Delta shares just one.
ARTICLES = [
    ("One", "Alpha met Beta Corp. Gamma rose. Alpha met Beta in Gamma. Nothing here.", date(2024, 1, 1)),
    ("Two", "Alpha met Beta. Alpha saw Gamma. Delta met Alpha. Gamma fell.", date(2024, 2, 1)),
    ("Three", "Alpha saw Gamma. Alpha saw Gamma again. " + "Gamma rose. " * 24 + "Quiet.", date(2024, 3, 1)),
    ("Four", "Delta stayed. Alpha alone. Alpha alone again. Filler text. More filler.", None),
]


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path / "detail.db")
    add_batch(db, [(draft(t, body, day), with_sentences(body)) for t, body, day in ARTICLES])
    yield db
    db.close()


def ids(db):
    return {name: find_entity(db, name).id for name in ("Alpha", "Beta Corp", "Gamma", "Delta")}


def test_related_entities_rank_by_association_not_raw_counts(db) -> None:
    e = ids(db)
    related = related_entities(db, e["Alpha"])
    # Gamma shares more sentences (4) but fewer than chance (9 × 30 / 36 = 7.5): not related.
    assert [(a.entity.name, a.together) for a in related] == [("Beta Corp", 3)]
    assert related[0].llr > 0
    assert all(a.entity.name != "Delta" for a in related)  # one sentence together: below the minimum
    by_pmi = related_entities(db, e["Alpha"], min_count=1, measure="pmi")
    assert [a.pmi for a in by_pmi] == sorted((a.pmi for a in by_pmi), reverse=True)
    assert "Delta" in [a.entity.name for a in by_pmi]


def test_sentence_counts_and_association_values(db) -> None:
    total = sentence_count(db)
    # sentences up to the last mention of each article: 3 + 4 + 26 + 3
    assert total == 3 + 4 + 26 + 3
    g2, pmi = association(3, 9, 3, total)
    expected = 9 * 3 / total
    assert pmi == pytest.approx(math.log2(3 / expected))
    cells = [(3, 9, 3), (6, 9, total - 3), (0, total - 9, 3), (total - 9, total - 9, total - 3)]
    manual = 2 * sum(o * math.log(o * total / (r * c)) for o, r, c in cells if o)
    assert g2 == pytest.approx(manual)
    assert association(1, 50, 50, 1000)[0] == 0.0  # fewer than the 2.5 expected: no attraction
    assert association(0, 5, 5, 100) == (0.0, float("-inf"))


def test_detail_aliases_first_last_and_articles(db) -> None:
    e = ids(db)
    detail = entity_detail(db, e["Beta Corp"])
    assert detail.aliases == [("Beta", 2), ("Beta Corp", 1)]
    assert (detail.first_seen, detail.last_seen) == ("2024-01-01", "2024-02-01")
    articles = entity_articles(db, e["Alpha"])
    assert [(a.title, a.mentions) for a in articles] == [("Two", 3), ("Three", 2), ("One", 2), ("Four", 2)]
    assert sum(a.mentions for a in articles) == 2 + 3 + 2 + 2
    assert entity_detail(db, 999_999) is None


def test_kwic_gives_the_sentence_with_the_mention_marked(db) -> None:
    e = ids(db)
    lines = kwic(db, e["Delta"])
    texts = [line.text for line in lines]
    assert texts == ["Delta met Alpha.", "Delta stayed."]  # dated first, undated last
    for line in lines:
        start, end = line.marks[0]
        assert line.text[start:end] == "Delta"
    together = cooccurrence_kwic(db, e["Alpha"], e["Beta Corp"])
    assert [line.text for line in together] == ["Alpha met Beta Corp.", "Alpha met Beta in Gamma.", "Alpha met Beta."]
    assert [[line.text[s:t] for s, t in line.marks] for line in together][0] == ["Alpha", "Beta Corp"]


@pytest.mark.parametrize(
    ("text", "word", "sentence"),
    [
        (
            "It rained. Mr. Smith met U.S. officials in Washington. Then he left.",
            "Washington",
            "Mr. Smith met U.S. officials in Washington.",
        ),
        ('He said "no." Paris agreed.\n\nLondon did not.', "Paris", "Paris agreed."),
        ("Headline\n\nLondon did not. It did.", "London", "London did not."),
        ('"We will," Lincoln said. Next.', "Lincoln", '"We will," Lincoln said.'),
    ],
)
def test_sentence_bounds(text: str, word: str, sentence: str) -> None:
    start = text.index(word)
    begin, end = sentence_bounds(text, start, start + len(word))
    assert text[begin:end] == sentence


def test_cooccurrence_sentences_follow_the_filter(db) -> None:
    e = ids(db)
    february = DocumentFilter(date_from=date(2024, 2, 1), date_to=date(2024, 2, 29))
    lines = cooccurrence_kwic(db, e["Alpha"], e["Beta Corp"], flt=february)
    assert [line.text for line in lines] == ["Alpha met Beta."]
