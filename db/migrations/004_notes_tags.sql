-- The analyst's own marks on articles: a star, a note, and any number of tags.

CREATE TABLE article_notes (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    starred INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX article_notes_starred ON article_notes (starred) WHERE starred = 1;

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,     -- as the user wrote it; one tag per name in any case
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag, article_id);
