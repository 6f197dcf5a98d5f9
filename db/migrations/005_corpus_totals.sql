-- Summaries of the whole corpus, kept by triggers on articles: the status bar's total, the
-- timeline's undated count and its articles per day never count a million articles.

CREATE TABLE corpus_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
    articles INTEGER NOT NULL,
    undated INTEGER NOT NULL                -- articles without a publication date
);
INSERT INTO corpus_totals (id, articles, undated)
    SELECT 1, count(*), count(*) - count(published) FROM articles;

-- Dated articles per publication day.
CREATE TABLE corpus_days (
    day TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO corpus_days (day, articles)
    SELECT published, count(*) FROM articles WHERE published IS NOT NULL GROUP BY published;

CREATE TRIGGER corpus_ai AFTER INSERT ON articles BEGIN
    UPDATE corpus_totals SET articles = articles + 1, undated = undated + (new.published IS NULL);
    INSERT INTO corpus_days (day, articles) SELECT new.published, 1 WHERE new.published IS NOT NULL
        ON CONFLICT (day) DO UPDATE SET articles = articles + 1;
END;
CREATE TRIGGER corpus_ad AFTER DELETE ON articles BEGIN
    UPDATE corpus_totals SET articles = articles - 1, undated = undated - (old.published IS NULL);
    UPDATE corpus_days SET articles = articles - 1 WHERE day = old.published;
    DELETE FROM corpus_days WHERE day = old.published AND articles <= 0;
END;
CREATE TRIGGER corpus_au AFTER UPDATE OF published ON articles WHEN old.published IS NOT new.published BEGIN
    UPDATE corpus_totals SET undated = undated - (old.published IS NULL) + (new.published IS NULL);
    UPDATE corpus_days SET articles = articles - 1 WHERE day = old.published;
    DELETE FROM corpus_days WHERE day = old.published AND articles <= 0;
    INSERT INTO corpus_days (day, articles) SELECT new.published, 1 WHERE new.published IS NOT NULL
        ON CONFLICT (day) DO UPDATE SET articles = articles + 1;
END;
