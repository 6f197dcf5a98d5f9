"""The seed article the product was specified from: every row of ../shared/seed/expected.md."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from explorer.core.extraction.entities import canonicalize, normalize_name
from explorer.core.model import Mention

SEED_DIR = Path(__file__).parents[2].parent / "shared" / "seed"
SEED_ARTICLE = SEED_DIR / "000_a20fff4a07aab385.txt"

# expected.md's rows: canonical name → (accepted types, mentions where the table counts them).
EXPECTED = {
    "China": ({"place"}, 6),  # the table's "×7" counts the "China" inside the corridor's name
    "Pakistan": ({"place"}, 7),
    "Beijing": ({"place"}, 3),
    "Islamabad": ({"place"}, 1),
    "Afghanistan": ({"place"}, 2),
    "South Asia": ({"place"}, 3),
    "United States": ({"place"}, 1),
    "Xi Jinping": ({"person"}, 1),
    "Shehbaz Sharif": ({"person"}, 1),
    "Xinhua": ({"organisation"}, 1),
    "Reuters": ({"organisation"}, 1),
    "China-Pakistan Economic Corridor": ({"organisation", "event"}, 2),  # the name and "CPEC"
    "Belt and Road Initiative": ({"organisation", "event"}, None),
}
CORRIDOR = "China-Pakistan Economic Corridor"


@pytest.fixture(scope="module")
def seed(extractor) -> tuple[str, list[Mention]]:
    if not SEED_ARTICLE.exists():
        pytest.skip(f"needs {SEED_ARTICLE}, absent (the shared data lies beside the checkout)")
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    return text, canonicalize(extractor.spans(text), text, None)


@pytest.mark.parametrize("name", EXPECTED)
def test_each_expected_entity_once_with_its_type_and_mentions(seed, name):
    _, mentions = seed
    types, count = EXPECTED[name]
    found = [m for m in mentions if m.name == name]
    assert found, f"{name} not found"
    assert {m.type for m in found} <= types
    assert len({m.type for m in found}) == 1
    if count is not None:
        assert len(found) == count


def test_every_china_in_the_text_is_highlighted(seed):
    text, mentions = seed
    covered = [m.name for m in mentions for hit in re.finditer(r"\bChina\b", text) if m.start <= hit.start() < m.end]
    assert Counter(covered) == {"China": 6, CORRIDOR: 1}


def test_names_are_the_names_without_article_title_or_possessive(seed):
    text, mentions = seed
    surfaces = {name: {text[m.start : m.end] for m in mentions if m.name == name} for name in EXPECTED}
    assert surfaces["United States"] == {"United States"}
    assert surfaces["Xi Jinping"] == {"Xi Jinping"}
    assert surfaces["Shehbaz Sharif"] == {"Shehbaz Sharif"}
    assert surfaces["Pakistan"] == {"Pakistan"}


def test_cpec_is_an_alias_of_the_corridor_not_an_entity(seed):
    text, mentions = seed
    corridor = [m for m in mentions if m.name == CORRIDOR]
    assert {text[m.start : m.end] for m in corridor} == {CORRIDOR, "CPEC"}
    assert any("CPEC" in m.aliases for m in corridor)
    assert not any(normalize_name(m.name) == "cpec" for m in mentions)


def test_belt_and_road_is_only_ever_the_whole_initiative(seed):
    text, mentions = seed
    initiative = [m for m in mentions if m.name == "Belt and Road Initiative"]
    assert "Belt and Road Initiative" in {text[m.start : m.end] for m in initiative}
    assert not any(m.name == "Belt and Road" for m in mentions)


def test_demonyms_are_groups_and_nothing_else_is_listed(seed):
    _, mentions = seed
    others = {(m.name, m.type) for m in mentions if m.name not in EXPECTED}
    assert others <= {("Chinese", "group"), ("Pakistani", "group")}
    assert not any(m.type == "date" or m.name.lower() in {"two", "recent years"} for m in mentions)
