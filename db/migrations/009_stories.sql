-- Stories: near-duplicate articles (wire copies, updates, syndicated versions) grouped so that
-- each story can be counted once. Filled by every import and by `stories rebuild`.

-- How articles were grouped: the similarity threshold and the bands it implies (one row).
CREATE TABLE story_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    threshold REAL NOT NULL,
    bands INTEGER NOT NULL,
    rows_per_band INTEGER NOT NULL
);

-- The locality-sensitive hash keys of each article's MinHash bands: articles sharing a key
-- are compared. An article without words has none.
CREATE TABLE story_keys (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_article ON story_keys (article_id);

-- Articles in a story of two or more; an article without a row is a story of its own.
-- story_id is the id of the story's first article (its representative, counted when each
-- story is counted once); similarity is the estimated Jaccard similarity to that article;
-- published is the article's date, kept by a trigger, so that the copies are counted per day
-- without reading a million articles' rows.
CREATE TABLE article_stories (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    similarity REAL NOT NULL,
    published TEXT
);
CREATE INDEX article_stories_story ON article_stories (story_id, article_id);

CREATE TRIGGER article_stories_published AFTER UPDATE OF published ON articles
WHEN old.published IS NOT new.published BEGIN
    UPDATE article_stories SET published = new.published WHERE article_id = new.id;
END;

-- Every other path where the text of a stored article was met again (exact duplicates).
CREATE TABLE article_paths (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    path BLOB NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, path)
) WITHOUT ROWID;

-- Summary: what the copies (articles of a story other than its first) count, per entity and
-- publication day ('' when undated). Counting each story once subtracts it from
-- entities.articles/mentions and entity_days; kept by grouping, deletion, curation and dates.
CREATE TABLE entity_copies (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, day)
) WITHOUT ROWID;
