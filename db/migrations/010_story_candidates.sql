-- Stories are found in two stages since this version: candidates share one of 40 band keys of
-- three-word runs, and are verified by aligning their words (docs/stories.md). The keys of the
-- older layout (five-word runs, in the bands of the threshold) never meet the new ones, so they
-- are dropped. The stories grouped by the older measure are kept, readable and counted once,
-- but marked stale: until `knowledge-explorer stories rebuild` (Stories > Rebuild Stories)
-- groups every article again, a new article is compared only with articles imported since.
ALTER TABLE story_settings ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;

DELETE FROM story_keys;

INSERT INTO story_settings (id, threshold, bands, rows_per_band, stale)
SELECT 1, 0.8, 40, 3, 1 WHERE EXISTS (SELECT 1 FROM articles)
ON CONFLICT (id) DO UPDATE SET bands = 40, rows_per_band = 3, stale = 1;
