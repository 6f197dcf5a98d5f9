"""What an import or a re-extraction settles over the whole library once its articles are stored.

One article cannot tell that "Government" is a word rather than a name, that "EU" is the
"European Union" it never spells out, or that "Volcker" is the "Paul Volcker" of other
articles; the library can. ``settle_library`` runs these
corpus-level rules over the entities the new articles mention, in one write transaction.
"""

from __future__ import annotations

import sqlite_utils

from explorer.core.store.acronym_links_sql import link_acronyms
from explorer.core.store.common_words_sql import hide_common_words
from explorer.core.store.person_names_sql import retype_people
from explorer.core.store.place_spellings_sql import link_place_spellings
from explorer.core.store.plural_phrases_sql import hide_plural_phrases
from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.short_name_links_sql import link_short_names
from explorer.core.store.surname_links_sql import link_surnames


def newest_article(db: sqlite_utils.Database) -> int:
    """The highest article id now stored: the articles an import adds come after it."""
    return db.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]


def settle_library(db: sqlite_utils.Database, after_article: int = 0) -> None:
    """Apply the corpus-level rules to the entities of the articles with ids above ``after_article``."""
    conn = db.conn
    with write_errors_in_words("The library's entities were not settled"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            hide_common_words(conn, after_article)
            hide_plural_phrases(conn, after_article)
            link_acronyms(conn, after_article)
            link_short_names(conn, after_article)
            link_place_spellings(conn, after_article)
            link_surnames(conn, after_article)
            retype_people(conn, after_article)
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
