"""Hiding a plural phrase that names things of a kind, not one thing ("Members of Congress",
"Houses of Congress", "States of the Union").

NER reads "both Houses of Congress" as an organisation. A name "Xs of Y" whose head is the
plural of an ordinary English word is the plural of "X of Y"; where the library also writes
that singular ("a Member of Congress", "either House of Congress") in at least ``MIN_ARTICLES``
articles, the plural is read as many things of that kind and hidden as the user's Hide would (a
``hide`` rule with its reason; Show Again undoes it and the name is never judged again). A
named body in the plural ("Knights of Columbus", "Friends of the Earth") stays, as long as the
library does not write its singular.
"""

from __future__ import annotations

import re
import sqlite3

from explorer.core.extraction.common_words import is_ordinary_word
from explorer.core.extraction.entity_links import singular
from explorer.core.store.common_words_sql import protected_keys
from explorer.core.store.curation_sql import add_rule, set_hidden

MIN_ARTICLES = 2
_PLURAL_OF = re.compile(r"(?P<head>[A-Z][a-z]+) (?P<rest>of (?:the )?[A-Z].*)")


def singular_phrase(name: str) -> str | None:
    """ "Members of Congress" → "Member of Congress"; None for any other shape of name."""
    match = _PLURAL_OF.fullmatch(name)
    if match is None:
        return None
    one = singular(match.group("head"))
    return f"{one} {match.group('rest')}" if one and is_ordinary_word(one) else None


def hide_plural_phrases(conn: sqlite3.Connection, after_article: int = 0) -> list[str]:
    """Hide the plural phrases the articles above ``after_article`` mention whose singular the
    library writes; returns their names. Runs in the caller's transaction."""
    protected = protected_keys(conn)
    hidden = []
    for entity_id, key, name in conn.execute(
        "SELECT id, key, name FROM entities WHERE hidden = 0 AND type != 'person' AND name LIKE '% of %'"
        " AND id IN (SELECT entity_id FROM mentions WHERE article_id > ?)",
        (after_article,),
    ).fetchall():
        one = singular_phrase(name)
        if one is None or key in protected:
            continue
        phrase = '"' + one.replace('"', '""') + '"'
        (articles,) = conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (f"body : {phrase}",)
        ).fetchone()
        if articles >= MIN_ARTICLES:
            set_hidden(conn, entity_id)
            reason = f"“{name}” is the plural of “{one}”, which {articles:,} articles write: things of a kind, not one"
            add_rule(conn, "hide", {"key": key, "reason": reason})
            hidden.append(name)
    return hidden
