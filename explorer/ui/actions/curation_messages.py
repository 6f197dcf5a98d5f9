"""What each curation did, in the words of the status bar: the change, its names and counts, and
the key that takes it back. Plain functions, so that every message is tested without a window."""

from __future__ import annotations


def plural(count: int, unit: str) -> str:
    return f"{count:,} {unit}{'' if count == 1 else 's'}"


def merged(entities: int, name: str, mentions: int) -> str:
    return f"Merged {entities} entities into “{name}” ({plural(mentions, 'mention')})"


def renamed(old: str, new: str) -> str:
    return f"Renamed “{old}” to “{new}”"


def retyped(name: str, entity_type: str) -> str:
    return f"Changed the type of “{name}” to {entity_type}"


def split_off(form: str, name: str, into: str, mentions: int) -> str:
    return f"Split “{form}” off “{name}” into “{into}” ({plural(mentions, 'mention')})"


def hidden(name: str, mentions: int) -> str:
    return f"Hid “{name}” ({plural(mentions, 'mention')}) from lists and counts"


def shown_again(name: str, mentions: int) -> str:
    return f"Showed “{name}” ({plural(mentions, 'mention')}) again; later imports will not hide it"


def added(name: str, entity_type: str, mentions: int, articles: int) -> str:
    return f"Added “{name}” ({entity_type}): {plural(mentions, 'mention')} in {plural(articles, 'article')}"


def dated(articles: int, published: str | None) -> str:
    """Set Date's change, in the words of ``article date`` on the command line."""
    what = plural(articles, "article")
    return f"Dated {what} {published}" if published else f"Marked {what} undated"


def done(message: str, undo_key: str) -> str:
    return f"{message} — {undo_key} undoes" if undo_key else message


def undone(message: str, redo_key: str) -> str:
    return f"Undone: {message}" + (f" — {redo_key} redoes" if redo_key else "")


def redone(message: str, undo_key: str) -> str:
    return f"Redone: {message}" + (f" — {undo_key} undoes" if undo_key else "")
