-- Relations extraction finds between entities: a nationality or demonym ("Chinese") is a
-- 'group of' its country ("China"), kept as an entity of its own. The related entity is
-- named by its key (normalised name), so it may be mentioned in later imports, or never.

CREATE TABLE entity_relations (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    relation TEXT NOT NULL,            -- 'group of'
    target_key TEXT NOT NULL,          -- the related entity's key (entities.key)
    target_name TEXT NOT NULL,         -- its canonical name, shown when it has no entity
    PRIMARY KEY (entity_id, relation, target_key)
) WITHOUT ROWID;
CREATE INDEX entity_relations_target ON entity_relations (target_key);
