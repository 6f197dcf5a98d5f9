"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest

from explorer.core.extraction.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One spaCy pipeline for the whole session: loading the model takes seconds."""
    return Extractor().load()
