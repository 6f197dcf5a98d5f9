-- Totals of the whole corpus, kept by triggers so that the window's status bar and the
-- timeline's undated count never count a million articles.

CREATE TABLE corpus_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
    articles INTEGER NOT NULL,
    undated INTEGER NOT NULL                -- articles without a publication date
);
INSERT INTO corpus_totals (id, articles, undated)
    SELECT 1, count(*), count(*) - count(published) FROM articles;

CREATE TRIGGER corpus_totals_ai AFTER INSERT ON articles BEGIN
    UPDATE corpus_totals SET articles = articles + 1, undated = undated + (new.published IS NULL);
END;
CREATE TRIGGER corpus_totals_ad AFTER DELETE ON articles BEGIN
    UPDATE corpus_totals SET articles = articles - 1, undated = undated - (old.published IS NULL);
END;
CREATE TRIGGER corpus_totals_au AFTER UPDATE OF published ON articles BEGIN
    UPDATE corpus_totals SET undated = undated - (old.published IS NULL) + (new.published IS NULL);
END;
