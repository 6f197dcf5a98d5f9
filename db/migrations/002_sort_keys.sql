-- Indexes for the window's sorted, keyset-paged lists.
-- Undated articles and articles without a source sort under '' so that every sort key is
-- non-NULL and a page can continue after (key, id) with one row-value comparison; the
-- (key, id) indexes are walked forwards for ascending and backwards for descending order.

CREATE INDEX articles_published_key ON articles (coalesce(published, ''), id);
CREATE INDEX articles_source_key ON articles (coalesce(source, '') COLLATE NOCASE, id);
CREATE INDEX entities_articles_key ON entities (articles, id);
CREATE INDEX entities_mentions_key ON entities (mentions, id);
CREATE INDEX entities_type_name ON entities (type, name COLLATE NOCASE, id);
