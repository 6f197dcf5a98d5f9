"""The limits every reader obeys, and their defaults."""

from __future__ import annotations

import dataclasses

import pytest

from explorer.core import settings
from explorer.core.reading.formats.document import Limits, ReadOptions


def test_default_limits_follow_the_settings_and_cannot_be_changed_in_place():
    limits = ReadOptions().limits
    assert limits.max_bytes == settings.DEFAULT_MAX_BYTES
    assert limits.archive_total > limits.max_bytes and limits.depth >= 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        limits.max_pages = 1  # type: ignore[misc]
    assert Limits(max_pages=5).archive_members == Limits().archive_members
