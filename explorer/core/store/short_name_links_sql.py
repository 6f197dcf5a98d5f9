"""Linking a short name to the longer name it shortens across the library ("Treasury" and
"Treasury Department", "Pacific" and "Pacific Ocean", "Shearson" and "Shearson Lehman Brothers
Inc", "Fed" and "Federal Reserve").

Within an article a short form takes the full name the article gives; news gives the full name
in one article and the short one in the next, and a short name can mean other things ("Texaco"
is not "Texaco Canada Inc"). The library decides: a one-word organisation or place joins the one
longer name of its type that it shortens (``entity_links.shortening``). A generic shortening
("Treasury Department" without "Department") needs the long name named in at least
``MIN_SHARED_ARTICLES`` articles, once beside the short one, and no rival named half as often:
an address of 1830 says "the Treasury", one of 1930 the "Treasury Department". A company's first
word or a clipping needs the two named in the same articles at least ``MIN_SHARED_ARTICLES``
times and in ``MIN_SHARE`` of the short name's articles, and no rival named with it half as
often. The merge is a ``merge`` rule with its ``reason``; Split undoes it, and a name the user
split off is never linked again.
"""

from __future__ import annotations

import sqlite3

from explorer.core.extraction.entity_links import Shortening, shortening
from explorer.core.store.curation_sql import rules
from explorer.core.store.link_reasons import link_into

MIN_SHARED_ARTICLES = 3
MIN_SHARE = 0.25
_LINKED_TYPES = ("organisation", "place")
_MENTIONED_AFTER = "id IN (SELECT entity_id FROM mentions WHERE article_id > ?)"  # ? = after_article


def link_short_names(conn: sqlite3.Connection, after_article: int = 0) -> list[tuple[str, str]]:
    """Merge each one-word name the articles above ``after_article`` mention (or whose longer
    names they mention) into the longer name it shortens; returns the (short, long) pairs
    linked. Runs in the caller's transaction."""
    split_off = {payload["alias"] for _, kind, payload in rules(conn) if kind == "split"}
    shorts = conn.execute(
        "SELECT id, key, name, type, articles FROM entities WHERE hidden = 0 AND type IN (?, ?)"
        f" AND instr(key, ' ') = 0 AND ({_MENTIONED_AFTER} OR key IN (SELECT substr(key, 1, instr(key, ' ') - 1)"
        f" FROM entities WHERE hidden = 0 AND instr(key, ' ') > 0 AND {_MENTIONED_AFTER}))",
        (*_LINKED_TYPES, after_article, after_article),
    ).fetchall()
    linked = []
    for entity_id, key, short, type_, articles in shorts:
        if key in split_off:
            continue
        best = _long_name(conn, entity_id, key, short, type_, articles)
        if best is None:
            continue
        survivor, survivor_key, name, shared, how = best
        reason = f"linked because {how} and {shared:,} articles name both"
        link_into(conn, entity_id, key, survivor, survivor_key, name, reason)
        linked.append((short, name))
    return linked


def _long_name(
    conn: sqlite3.Connection, entity_id: int, key: str, short: str, type_: str, articles: int
) -> tuple[int, str, str, int, str] | None:
    """(id, key, name, shared articles, how it shortens) of the one name ``short`` clearly
    shortens, if any."""
    candidates = {
        other: (other_key, name, other_articles, how)
        for other, other_key, name, other_articles in conn.execute(
            "SELECT id, key, name, articles FROM entities WHERE hidden = 0 AND type = ? AND key > ? AND key < ?"
            " AND instr(key, ' ') > 0",
            (type_, key, key + "\U0010ffff"),
        )
        if (how := shortening(short, name, type_))
    }
    if not candidates:
        return None
    marks = ",".join("?" * len(candidates))
    shared = dict.fromkeys(candidates, 0)
    shared.update(
        (other, n)
        for n, other in conn.execute(
            "WITH own AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?)"
            " SELECT count(DISTINCT m.article_id), m.entity_id"
            " FROM mentions m JOIN own ON own.article_id = m.article_id"
            f" WHERE m.entity_id IN ({marks}) GROUP BY m.entity_id",
            (entity_id, *candidates),
        )
    )
    best = _generic_best(candidates, shared) or _paired_best(candidates, shared, articles)
    if best is None:
        return None
    other_key, name, _, how = candidates[best]
    return best, other_key, name, shared[best], how.reason


def _generic_best(candidates: dict[int, tuple[str, str, int, Shortening]], shared: dict[int, int]) -> int | None:
    """The generic long name the library names far more than any rival, named at least once
    beside the short name and in ``MIN_SHARED_ARTICLES`` articles."""
    ranked = sorted(((c[2], other) for other, c in candidates.items() if c[3].generic), reverse=True)
    if not ranked:
        return None
    best_articles, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    if best_articles < MIN_SHARED_ARTICLES or shared[best] < 1 or runner_up * 2 > best_articles:
        return None
    if any(n > shared[best] for other, n in shared.items() if not candidates[other][3].generic):
        return None  # a company or clipping named with it more often is a rival reading
    return best


def _paired_best(
    candidates: dict[int, tuple[str, str, int, Shortening]], shared: dict[int, int], articles: int
) -> int | None:
    """The long name named beside the short one in ``MIN_SHARED_ARTICLES`` articles and
    ``MIN_SHARE`` of the short name's, far more often than any other."""
    ranked = sorted(((n, other) for other, n in shared.items()), reverse=True)
    best_shared, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    if best_shared < MIN_SHARED_ARTICLES or best_shared < MIN_SHARE * articles or runner_up * 2 > best_shared:
        return None
    return best
