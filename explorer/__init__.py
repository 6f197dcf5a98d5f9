"""Knowledge Explorer: read and explore the entities in a collection of news articles."""

__version__ = "0.1.0"
