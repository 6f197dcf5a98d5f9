"""Documents that are not plain text (PDF, web pages, Word, e-mail, EPUB, archives, scans) → article drafts."""
