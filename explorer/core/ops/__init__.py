"""Operations the CLI and the window run on a library: import, demo, backup, curation, re-extraction, export."""
