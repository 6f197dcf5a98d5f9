"""What the timeline says in words: which date it plots, what is undated, why a chart is empty.

Kept apart from the widget so that every sentence follows from a ``TimelineData`` alone. A
collection is *mostly undated* when more than half of a series' articles have no publication
date: the chart of the few dated ones would otherwise pass for the whole collection.
"""

from __future__ import annotations

from explorer.core.store.timeline import CORPUS, Basis, TimelineData
from explorer.ui.panes.timeline_plot import bin_label

MOSTLY_UNDATED = 0.5  # share of undated articles above which the chart says so

BASES: dict[Basis, str] = {
    "published": "By publication date",
    "mentioned": "By period mentioned",
    "file": "By file date (not publication date)",
}
AXIS_LABELS: dict[Basis, str] = {
    "published": "",
    "mentioned": "period mentioned in the text",
    "file": "file date (not publication date)",
}


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def undrawn(data: TimelineData) -> set[int]:
    """Series with nothing to place: drawn as a legend note, never as a flat line at zero."""
    if data.basis == "published" and data.articles:
        return {key for key, total in data.articles.items() if total - data.undated_articles.get(key, 0) <= 0}
    return {key for key, values in data.counts.items() if not any(values)}


def legend_note(data: TimelineData) -> str:
    """Appended to the legend name of an undrawn series."""
    return {
        "published": "no dated mentions",
        "mentioned": "no period mentioned",
        "file": "no file date",
    }[data.basis]


def mostly_undated(data: TimelineData) -> dict[int, tuple[int, int]]:
    """(articles, undated articles) of each series whose articles are mostly undated."""
    return {
        key: (total, data.undated_articles.get(key, 0))
        for key, total in data.articles.items()
        if total and data.undated_articles.get(key, 0) > MOSTLY_UNDATED * total
    }


def notice(data: TimelineData, names: dict[int, str]) -> str:
    """Sentences for each mostly undated series, or "" when the chart speaks for its articles."""
    if data.basis != "published":
        return ""
    sentences = []
    for key, (total, undated) in mostly_undated(data).items():
        dated = total - undated
        mentioning = "" if key == CORPUS else f" mentioning {names[key]}"
        if total == 1:
            sentences.append(f"The one article{mentioning} has no publication date.")
        elif dated == 0:
            sentences.append(f"None of the {total:,} articles{mentioning} has a publication date.")
        else:
            shown = "the one dated article" if dated == 1 else f"the {dated:,} dated ones"
            sentences.append(
                f"Most of the {total:,} articles{mentioning} have no publication date "
                f"({undated:,} undated). The chart shows {shown}."
            )
    return "\n".join(sentences)


def empty_message(data: TimelineData | None, names: dict[int, str]) -> str:
    """Why nothing is drawn, in words (the axes are hidden, so numbers never stand alone)."""
    if data is None:
        return "No database is open."
    keys = list(data.counts)
    corpus = keys == [CORPUS]
    if data.basis == "published":
        if corpus and not data.articles.get(CORPUS):
            return "No articles yet: import files or a folder to see them over time."
        if corpus:
            return "No dated articles"
        return (
            f"No dated mentions of {names[keys[0]]}"
            if len(keys) == 1
            else ("No dated mentions of the selected entities")
        )
    subject = (
        "these articles"
        if corpus
        else (f"the articles mentioning {names[keys[0]]}" if len(keys) == 1 else "the articles of these entities")
    )
    if data.basis == "mentioned":
        longer = sum(data.undated.values())
        if longer:
            return (
                f"The periods named in {subject} are all longer than a {data.bin} "
                f"({plural(longer, 'mention')}): choose a larger bin."
            )
        return f"No period (a year, a month, a day) is named in {subject}."
    return f"No file date was recorded for {subject}."


def undated_label(data: TimelineData, names: dict[int, str]) -> tuple[str, str]:
    """The label beside the chart and its tooltip: what is counted but not placed ("" if nothing)."""
    if data.basis == "mentioned":
        return _periods_left_off(data, names)
    total = sum(data.undated.values())
    if not total:
        return "", ""
    unit = "article" if data.measure == "articles" else "mention"
    label, why = {
        "published": ("Undated", "in articles without a date"),
        "file": ("No file date", "in articles without a recorded file date"),
    }[data.basis]
    tooltip = f"{unit.capitalize()}s {why}, not on the chart:\n" + "\n".join(
        f"{names[key]}: {n:,}" for key, n in data.undated.items()
    )
    return f"{label}: {plural(total, unit)}", tooltip


def _periods_left_off(data: TimelineData, names: dict[int, str]) -> tuple[str, str]:
    longer, far = sum(data.undated.values()), sum(data.far.values())
    if not longer + far:
        return "", ""
    lines = []
    if longer:
        lines.append(f"Periods longer than a {data.bin} (choose a larger bin):")
        lines += [f"{names[key]}: {n:,}" for key, n in data.undated.items()]
    if far:
        lines.append("Periods far from the rest, at either end (often a number read as a year):")
        lines += [f"{names[key]}: {n:,}" for key, n in data.far.items()]
    return f"Not on the chart: {plural(longer + far, 'mention')}", "\n".join(lines)


def title(data: TimelineData) -> str:
    """The chart's title: which date places an article, always said when it is not publication."""
    corpus = list(data.counts) == [CORPUS]
    if data.basis == "mentioned":
        return "Periods named in the text" if corpus else "Periods named in the articles of each entity"
    if data.basis == "file":
        what = "Articles" if corpus or data.measure == "articles" else "Mentions"
        placed = sum(sum(values) for values in data.counts.values())
        if len(data.starts) == 1 and len(data.counts) == 1 and placed > 1:
            when = bin_label(data.starts[0], data.bin)
            when = {"day": f"on {when}", "week": f"in the w{when[1:]}"}.get(data.bin, f"in {when}")
            return f"{what} by file date (not publication date): all {int(placed):,} {when}"
        return f"{what} by file date (not publication date)"
    dated = {key: total - undated for key, (total, undated) in mostly_undated(data).items()}
    if CORPUS in dated:
        return f"The {plural(dated[CORPUS], 'dated article')} of {data.articles[CORPUS]:,}"
    return ""
