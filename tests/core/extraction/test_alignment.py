"""Two candidates are one story when their aligned words agree: wire edits pass, unrelated texts
and formula texts with other figures do not, whichever text comes first."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.alignment import MAX_WORDS, SHORT_WORDS, Text, likeness, text_of, verdict

THRESHOLD = 0.8
# Words of letters, none a number in words ("one", "six"): figures are drawn apart.
VOCABULARY = sorted(
    {"".join(letters) for letters in product("bcdfghjklmnprstvwz", "aeiou", "bdgklmnprstxz")} - {"six", "ten"}
)
word = st.sampled_from(VOCABULARY)
COMMON = ["the", "of", "and", "said", "in", "to", "a", "on"]
words = st.lists(word, min_size=60, max_size=160)
EXAMPLES = settings(max_examples=60, deadline=None)


def text(body_words, title="Company reports results"):
    return text_of(" ".join(body_words), title)


@EXAMPLES
@given(words, words)
def test_the_verdict_and_likeness_do_not_depend_on_which_text_comes_first(first, second):
    a, b = text(first), text(second, "Another headline")
    assert verdict(a, b, THRESHOLD) == verdict(b, a, THRESHOLD)
    assert likeness(a.words, b.words) == likeness(b.words, a.words)
    assert 0.0 <= likeness(a.words, b.words) <= 1.0
    assert likeness(a.words, a.words) == 1.0 and verdict(a, a, THRESHOLD).same_story


@EXAMPLES
@given(words, st.data())
def test_a_tenth_of_the_words_changed_keeps_one_story(base, data):
    changed = list(base)
    for i in data.draw(st.sets(st.integers(0, len(base) - 1), max_size=len(base) // 10)):
        changed[i] = data.draw(word)
    found = verdict(text(base), text(changed), THRESHOLD)
    assert found.same_story and found.likeness >= 0.9


@EXAMPLES
@given(words, st.data())
def test_a_part_added_or_dropped_keeps_one_story_while_it_is_at_most_as_long(base, data):
    extra = data.draw(st.lists(word, min_size=1, max_size=len(base)))
    at = data.draw(st.integers(0, len(base)))
    longer = base[:at] + extra + base[at:]
    assert verdict(text(base), text(longer), THRESHOLD) == verdict(text(longer), text(base), THRESHOLD)
    assert verdict(text(base), text(longer), THRESHOLD).same_story
    assert verdict(text(base), text(longer), THRESHOLD).likeness == 1.0


@st.composite
def unrelated(draw):
    """Two texts of words of their own (each half of the vocabulary), sharing only common words
    (up to half of each text's), as two stories do."""
    texts = []
    for own in (VOCABULARY[::2], VOCABULARY[1::2]):
        body = draw(st.lists(st.sampled_from(own), min_size=30, max_size=100))
        for _ in range(draw(st.integers(0, len(body)))):
            body.insert(draw(st.integers(0, len(body))), draw(st.sampled_from(COMMON)))
        texts.append(body)
    return texts


@EXAMPLES
@given(unrelated())
def test_unrelated_texts_are_two_stories(pair):
    first, second = pair
    assert not verdict(text(first, "Headline"), text(second, "Headline"), THRESHOLD).same_story


def test_a_short_text_inside_a_long_one_is_not_a_copy_of_it():
    long = [f"w{i}x" for i in range(300)]
    found = verdict(text(long[:100]), text(long), THRESHOLD)
    assert found.likeness == 1.0 and not found.same_story


@st.composite
def formula(draw):
    """One template (words with figure slots) filled twice, some slots with other figures (each
    figure met once), under one headline or under two companies' headlines; and the share of
    the figures that differ."""
    template = draw(st.lists(st.one_of(word, st.none()), min_size=8, max_size=40)) + [None]
    slots = template.count(None)
    values = iter(draw(st.lists(st.integers(0, 99999), min_size=2 * slots, max_size=2 * slots, unique=True)))
    changed = draw(st.sets(st.integers(0, slots - 1), min_size=1))
    one, other, slot = [], [], 0
    for w in template:
        if w is None:
            figure = str(next(values))
            one.append(figure)
            other.append(str(next(values)) if slot in changed else figure)
            slot += 1
        else:
            one.append(w)
            other.append(w)
    first_title, second_title = draw(
        st.sampled_from([("Qtly dividend", "Qtly dividend"), ("Alpha Corp sets payout", "Beta Inc sets payout")])
    )
    return (one, first_title), (other, second_title), len(changed) / slots


@EXAMPLES
@given(formula())
def test_formula_texts_with_other_figures_are_two_stories(pair):
    (one, first_title), (other, second_title), share = pair
    if first_title == second_title and share <= 0.1:
        return  # one figure of many corrected under the same headline: a correction, one story
    assert not verdict(text(one, first_title), text(other, second_title), THRESHOLD).same_story


def test_figures_in_words_are_figures():
    body = "The Federal Reserve arranged {} billion dlrs of customer repurchase agreements, a spokesman said."
    first = text_of(body.format("1.5"), "FED ADDS RESERVES VIA CUSTOMER REPURCHASES")
    second = text_of(body.format("two"), "FED ADDS RESERVES VIA CUSTOMER REPURCHASES")
    assert not verdict(first, second, THRESHOLD).same_story


def test_a_correction_of_a_figure_among_many_under_the_same_headline_stays_one_story():
    table = " ".join(f"line {n} item {n + 100} total {n + 200}" for n in range(20))
    corrected = table.replace("item 105", "item 106")
    found = verdict(text_of(table, "X CORP 4TH QTR NET"), text_of(corrected, "CORRECTED - X CORP 4TH QTR NET"), 0.8)
    assert found.same_story


def test_a_huge_article_is_aligned_by_its_beginning():
    huge = [f"w{i}x" for i in range(MAX_WORDS * 2)]
    assert likeness(huge, huge[: MAX_WORDS + 10]) == 1.0
    assert Text(huge, 0).headline_words == []


def test_empty_texts_are_never_a_story():
    assert not verdict(Text([], 0), Text([], 0), THRESHOLD).same_story
    assert likeness([], []) == 1.0 and likeness([], ["a"]) == 0.0


def test_a_headline_tells_formulaic_items_apart():
    body = "Qtly div 13 cts vs 12 cts prior Pay March 13 Record Feb 27"
    same = verdict(text_of(body, "E-SYSTEMS INC <ESY> SETS QUARTERLY"), text_of(body, "E-SYSTEMS <ESY> QUARTERLY"), 0.8)
    other = verdict(
        text_of(body.replace("13 cts", "15 cts"), "E-SYSTEMS INC <ESY> SETS QUARTERLY"),
        text_of(body, "D.H. HOLMES CO LTD SETS PAYOUT"),
        0.8,
    )
    assert same.same_story and not other.same_story


def test_a_short_item_is_a_copy_only_under_a_like_headline():
    body = "Qtly div 20 cts vs 20 cts previously pay April 15 record March 23"
    assert not verdict(
        text_of(body, "QUAKER OATS CO <OAT> REGULAR DIVIDEND"),
        text_of(body, "UNIBANCORP INC <UBCP> REGULAR DIVIDEND SET"),
        0.8,
    ).same_story
    assert verdict(
        text_of(body, "COLGATE-PALMOLIVE CO <CL> SETS PAYOUT"),
        text_of(body, "COLGATE-PALMOLIVE CO <CL> SETS QUARTERLY"),
        0.8,
    ).same_story
    long_body = " ".join(f"w{i}x" for i in range(SHORT_WORDS))
    assert verdict(
        text_of(long_body, "PERU SAYS NEW GOLD DEPOSITS FOUND"),
        text_of(long_body, "PERU ANNOUNCES LARGE GOLD FIND"),
        0.8,
    ).same_story
