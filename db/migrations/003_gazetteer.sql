-- The user's gazetteer: names with the type they always have, applied before NER on every import.
CREATE TABLE gazetteer (
    name_norm TEXT PRIMARY KEY,           -- normalised name (the identity of the entry)
    name TEXT NOT NULL,                   -- as the user wrote it: the pattern matched in texts
    type TEXT NOT NULL                    -- person | organisation | place | group | ...
) WITHOUT ROWID;
