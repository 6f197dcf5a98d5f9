"""Analysis over the stored mentions: the co-occurrence network."""
