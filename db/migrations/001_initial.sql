-- Articles, entities, mentions and the summaries the window reads.
-- Dates are ISO-8601 text (YYYY-MM-DD); NULL means undated.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published TEXT,                       -- publication date, NULL when undated
    date_source TEXT NOT NULL,            -- header | front matter | file name | dateline | user | none
    source TEXT,                          -- e.g. Reuters
    source_origin TEXT,                   -- header | dateline | attribution | NULL
    path TEXT,
    file_mtime TEXT,                      -- recorded, never used as the publication date
    encoding TEXT,
    sha256 TEXT NOT NULL UNIQUE,          -- of the normalised text: the same text is stored once
    words INTEGER NOT NULL,
    entity_count INTEGER NOT NULL DEFAULT 0,  -- distinct visible entities mentioned
    extracted INTEGER NOT NULL DEFAULT 0,     -- 1 once its mentions are stored
    imported_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE, id);
CREATE INDEX articles_source ON articles (source COLLATE NOCASE, id);
CREATE INDEX articles_entity_count ON articles (entity_count, id);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,             -- normalised canonical name (type-independent identity)
    name TEXT NOT NULL,                   -- canonical display name
    type TEXT NOT NULL,                   -- person | organisation | place | group | event | law | product | work | date
    hidden INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,  -- summary: articles mentioning it
    mentions INTEGER NOT NULL DEFAULT 0   -- summary: mentions of it
);
CREATE INDEX entities_type_mentions ON entities (type, mentions DESC);
CREATE INDEX entities_mentions ON entities (mentions DESC, id);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

-- How often each mention was labelled with each type: the entity's type is the majority.
CREATE TABLE entity_types (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, type)
) WITHOUT ROWID;

-- Surface forms that always mean one entity (its names, acronyms defined in some article).
CREATE TABLE aliases (
    alias_norm TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX aliases_entity ON aliases (entity_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,               -- character offsets into articles.body
    "end" INTEGER NOT NULL,
    sentence INTEGER NOT NULL DEFAULT 0,  -- sentence number within the article
    label TEXT NOT NULL,                  -- the type this mention was recognised as
    time_start TEXT,                      -- for dates: the period the expression refers to
    time_end TEXT
);
CREATE INDEX mentions_entity_article ON mentions (entity_id, article_id);
CREATE INDEX mentions_article ON mentions (article_id, start);

-- Summary: mentions and articles per entity per publication day (dated articles only).
CREATE TABLE entity_days (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, day)
) WITHOUT ROWID;

-- User curation, replayed on every later import.
CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,                -- JSON
    created_at TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, content = 'articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
