-- The entity panel's name filter finds any part of a name ("clint" → Bill Clinton) through
-- this trigram index rather than by reading every entity. Kept by triggers on entities.

CREATE VIRTUAL TABLE entity_names USING fts5 (
    name, content = 'entities', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO entity_names (entity_names) VALUES ('rebuild');

CREATE TRIGGER entity_names_ai AFTER INSERT ON entities BEGIN
    INSERT INTO entity_names (rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER entity_names_ad AFTER DELETE ON entities BEGIN
    INSERT INTO entity_names (entity_names, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER entity_names_au AFTER UPDATE OF name ON entities BEGIN
    INSERT INTO entity_names (entity_names, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO entity_names (rowid, name) VALUES (new.id, new.name);
END;
