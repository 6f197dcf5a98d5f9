-- Where each article came from, for documents that are not plain text (PDF, web pages, Word,
-- e-mail, EPUB, archives, scans): the format, the member path inside an archive or the file
-- name of an attachment, the article it came with, where its title came from, its author or
-- sender and recipients, its page starts, and the hash of the file's bytes.

ALTER TABLE articles ADD COLUMN format TEXT NOT NULL DEFAULT 'text';  -- text | pdf | html | docx | eml | epub | image
ALTER TABLE articles ADD COLUMN title_source TEXT;   -- "PDF information", "HTML meta", "e-mail header"…; NULL for text
ALTER TABLE articles ADD COLUMN author TEXT;         -- a document's author, an e-mail's sender
ALTER TABLE articles ADD COLUMN recipients TEXT;     -- an e-mail's To and Cc
ALTER TABLE articles ADD COLUMN original_path TEXT;  -- a member path inside an archive, an attachment's name
ALTER TABLE articles ADD COLUMN parent_id INTEGER REFERENCES articles (id) ON DELETE SET NULL;  -- an attachment's message
ALTER TABLE articles ADD COLUMN pages TEXT;          -- JSON list of the body offsets where pages (chapters) start
ALTER TABLE articles ADD COLUMN file_sha256 TEXT;    -- of the file's bytes: the same file is a duplicate before it is read
CREATE INDEX articles_file_sha256 ON articles (file_sha256) WHERE file_sha256 IS NOT NULL;
CREATE INDEX articles_parent ON articles (parent_id) WHERE parent_id IS NOT NULL;
