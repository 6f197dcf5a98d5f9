"""Qt widgets, models and workers over ``explorer.core`` (no SQL here)."""
