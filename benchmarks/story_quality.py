"""How well stories are grouped, on Reuters-21578, and the threshold that follows.

    python benchmarks/story_quality.py [--write-docs]

1. Precision: every Reuters-21578 article stored through the product's writer (no NER), the
   grouped pairs listed, and the 200 pairs sampled into ``benchmarks/labels/story_pairs.csv``
   judged by reading them (label ``same`` or ``different``, with a reason). Pairs not yet
   labelled are added to the file with an empty label, for a person to read and fill in.
2. Recall on wire edits: real articles edited the way wires edit them (a new dateline, a
   paragraph added, a paragraph dropped, 10% of the words changed in short runs, and 10% of
   the words changed one by one), each compared with its original as the import compares them
   (a shared band key, then the alignment's verdict at each threshold).
3. Distinct stories: pairs of different texts of the same day and the same Reuters topic,
   sampled at random, and how many would be grouped. Nearly all are different stories, but
   not all: copies under another headline are among them, so the rate is an upper bound. The
   pairs grouped at the default threshold are listed in ``benchmarks/labels/story_distinct.csv``
   to be read like the sample of (1): those labelled ``different`` are the distinct stories
   grouped.

Prints each figure per threshold; ``--write-docs`` regenerates the measured block of
``docs/stories.md``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import CORPORA, reuters_available, reuters_folder  # noqa: E402
from explorer.core import settings  # noqa: E402
from explorer.core.extraction.alignment import Text, likeness, text_of, verdict  # noqa: E402
from explorer.core.extraction.shingles import band_keys, words_signature  # noqa: E402
from explorer.core.reading.ingest import read_article  # noqa: E402
from explorer.core.store import open_store  # noqa: E402
from explorer.core.store.stories import rebuild_stories  # noqa: E402
from explorer.core.store.writer import add_batch  # noqa: E402

LABELS = Path(__file__).resolve().parent / "labels" / "story_pairs.csv"
DISTINCT_LABELS = LABELS.with_name("story_distinct.csv")
DOCS = Path(__file__).resolve().parents[1] / "docs" / "stories.md"
THRESHOLDS = (0.6, 0.7, 0.8, 0.85, 0.9)
SAMPLE = 200
SEED = 18
_TOPICS = re.compile(r'<REUTERS\b[^>]*NEWID="(\d+)".*?<TOPICS>(.*?)</TOPICS>', re.S)
_WORDS = re.compile(r"\S+")


def topics() -> dict[str, str]:
    """Each article's first Reuters topic, by NEWID ('' when it has none)."""
    found = {}
    for sgm in sorted((CORPORA / "reuters21578").glob("reut2-*.sgm")):
        for newid, tags in _TOPICS.findall(sgm.read_text(encoding="latin-1")):
            first = re.search(r"<D>(.*?)</D>", tags)
            found[newid] = first.group(1) if first else ""
    return found


def load(folder: Path):
    return [read_article(path) for path in sorted(folder.glob("*.txt"))]


def grouped_pairs(drafts, db_path: Path) -> tuple[list[tuple[str, str, float]], tuple[float, float], int]:
    """Every pair of articles in one story (by file name), with the likeness of the two; the
    seconds and processor seconds grouping every stored article takes (``rebuild_stories``: the import's
    comparisons, article by article in import order) and how many articles were stored."""
    db = open_store(db_path)
    for i in range(0, len(drafts), 256):
        add_batch(db, [(d, []) for d in drafts[i : i + 256]])
    started, cpu = time.perf_counter(), time.process_time()
    rebuild_stories(db.conn)
    spent, cpu = time.perf_counter() - started, time.process_time() - cpu
    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    names = {i: Path(p).name for i, p in db.execute("SELECT id, path FROM articles")}
    texts = {i: text_of(body, title).words for i, title, body in db.execute("SELECT id, title, body FROM articles")}
    stories = defaultdict(list)
    for article_id, story_id in db.execute("SELECT article_id, story_id FROM article_stories ORDER BY article_id"):
        stories[story_id].append(article_id)
    pairs = []
    for members in stories.values():
        for a, b in combinations(members, 2):
            pairs.append((names[a], names[b], likeness(texts[a], texts[b])))
    return pairs, (spent, cpu), stored


def read_labels(path: Path = LABELS) -> dict[tuple[str, str], tuple[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["first"], r["second"]): (r["label"], r["reason"]) for r in csv.DictReader(f)}


def write_labels(rows, path: Path = LABELS) -> None:
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["first", "second", "similarity", "label", "reason"])
        out.writerows(rows)


# ---- wire edits ---------------------------------------------------------------------------

DATELINES = ("NEW YORK, March 9 (Reuters) - ", "LONDON, April 2 - ", "TOKYO (Reuter) -- ")


def paragraphs(body: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n|\n(?=\s{2,}\S)", body) if p.strip()]


def edits(body: str, other: str, rng: random.Random) -> dict[str, str]:
    """The article as wires re-send it, one edit at a time."""
    parts = paragraphs(body)
    words = _WORDS.findall(body)
    vocabulary = _WORDS.findall(other) or ["word"]
    scattered = list(words)
    for i in rng.sample(range(len(words)), max(1, len(words) // 10)):
        scattered[i] = rng.choice(vocabulary)
    runs = list(words)
    changed = 0
    while changed < len(words) // 10:
        start = rng.randrange(len(words))
        for i in range(start, min(start + 4, len(words))):
            runs[i] = rng.choice(vocabulary)
            changed += 1
    drop = rng.randrange(1, len(parts)) if len(parts) > 1 else 0
    return {
        "new dateline": rng.choice(DATELINES) + body,
        "paragraph added": body + "\n\n" + paragraphs(other)[0],
        "paragraph dropped": "\n\n".join(p for i, p in enumerate(parts) if i != drop),
        "10% of words, in runs": " ".join(runs),
        "10% of words, one by one": " ".join(scattered),
    }


class Candidate:
    """An article's text and band keys, as the import compares them."""

    def __init__(self, body: str, title: str) -> None:
        self.text: Text = text_of(body, title)
        sig = words_signature(self.text.words)
        self.keys = set(band_keys(sig)) if sig is not None else set()


def linked(first: Candidate, second: Candidate, threshold: float) -> bool:
    """Whether the import would link the two: a shared band key, then the alignment's verdict
    (the limits of crowded keys and of candidates per article are a library's, not a pair's)."""
    return bool(first.keys & second.keys) and verdict(first.text, second.text, threshold).same_story


def wire_recall(drafts, rng: random.Random, n: int) -> dict[str, dict[float, float]]:
    """Per edit and threshold, the share of edited copies linked to their original."""
    long_enough = [d for d in drafts if len(paragraphs(d.body)) >= 3 and d.words >= 80]
    chosen = rng.sample(long_enough, min(n, len(long_enough)))
    hits: dict[str, dict[float, int]] = defaultdict(lambda: dict.fromkeys(THRESHOLDS, 0))
    for draft in chosen:
        original = Candidate(draft.body, draft.title)
        for name, text in edits(draft.body, rng.choice(drafts).body, rng).items():
            copy = Candidate(text, draft.title)
            for t in THRESHOLDS:
                hits[name][t] += linked(original, copy, t)
    return {name: {t: k / len(chosen) for t, k in per.items()} for name, per in hits.items()}


def distinct_rate(drafts, by_topic: dict[str, str], rng: random.Random, n: int):
    """Same-day, same-topic pairs (different files), how many each threshold links, and the pairs
    (file names, likeness) linked at the default threshold, once per time sampled."""
    groups = defaultdict(list)
    for d in drafts:
        newid = Path(d.path).stem.split("_")[1]
        if by_topic.get(newid) and d.published:
            groups[d.published, by_topic[newid]].append(d)
    candidates = [g for g in groups.values() if len(g) > 1]
    pairs = []
    while len(pairs) < n:
        a, b = rng.sample(rng.choice(candidates), 2)
        if a.sha256 == b.sha256:  # the same text twice is one story, whatever the measure
            continue
        pairs.append((a, b, Candidate(a.body, a.title), Candidate(b.body, b.title)))
    at_default = [
        (*sorted((Path(a.path).name, Path(b.path).name)), likeness(x.text.words, y.text.words))
        for a, b, x, y in pairs
        if linked(x, y, settings.DEFAULT_STORY_THRESHOLD)
    ]
    return len(pairs), {t: sum(linked(x, y, t) for _, _, x, y in pairs) for t in THRESHOLDS}, at_default


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ke-bench")
    parser.add_argument("--edits", type=int, default=400, help="articles edited")
    parser.add_argument("--distinct", type=int, default=5000, help="same-day same-topic pairs")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if not reuters_available():
        raise SystemExit("needs ../shared/corpora/reuters21578")
    drafts = load(reuters_folder(args.cache))
    with tempfile.TemporaryDirectory() as work:
        pairs, spent, stored = grouped_pairs(drafts, Path(work) / "r.db")
    grouped_articles = len({name for a, b, _ in pairs for name in (a, b)})
    timing = (
        f"Grouping the {stored:,} stored articles took {spent[0]:.1f} s ({1000 * spent[0] / stored:.2f} ms an"
        f" article), {spent[1]:.1f} s of processor time ({1000 * spent[1] / stored:.2f} ms an article)."
    )
    print(
        f"{len(drafts):,} articles; {len(pairs):,} grouped pairs over {grouped_articles:,} articles"
        f" at {settings.DEFAULT_STORY_THRESHOLD}. {timing}"
    )
    labels = read_labels()
    sample = random.Random(SEED).sample(sorted(pairs), min(SAMPLE, len(pairs)))
    rows = [(a, b, f"{s:.3f}", *labels.get((a, b), ("", ""))) for a, b, s in sample]
    write_labels(rows)
    judged = [r for r in rows if r[3]]
    same = sum(r[3] == "same" for r in judged)
    precision = same / len(judged) if judged else float("nan")
    print(
        f"precision: {same} of {len(judged)} labelled pairs are one story ({precision:.3f});"
        f" {len(rows) - len(judged)} pairs await a label in {LABELS.name}"
    )
    rng = random.Random(SEED)
    recall = wire_recall(drafts, rng, args.edits)
    total, linked_distinct, at_default = distinct_rate(drafts, topics(), rng, args.distinct)
    known = read_labels(DISTINCT_LABELS)
    distinct_rows = [(a, b, f"{s:.3f}", *known.get((a, b), ("", ""))) for a, b, s in sorted(set(at_default))]
    write_labels(distinct_rows, DISTINCT_LABELS)
    labels = {(r[0], r[1]): r[3] for r in distinct_rows}
    different = sum(labels[a, b] == "different" for a, b, _ in at_default)
    unread = sum(not labels[a, b] for a, b, _ in at_default)
    distinct_line = (
        f"At {settings.DEFAULT_STORY_THRESHOLD}, {len(at_default):,} of the {total:,} same-day same-topic pairs"
        f" are grouped; read one by one ({len(distinct_rows)} different pairs,"
        f" `benchmarks/labels/story_distinct.csv`), {different} of them are different stories:"
        f" {100 * different / total:.2f} % of distinct stories grouped"
        + (f" ({unread} not read yet)" if unread else "")
    )
    print(distinct_line)
    header = "| edit | " + " | ".join(f"≥ {t}" for t in THRESHOLDS) + " |"
    lines = [header, "|---|" + "---:|" * len(THRESHOLDS)]
    for name, per in recall.items():
        lines.append(f"| {name} | " + " | ".join(f"{100 * per[t]:.1f} %" for t in THRESHOLDS) + " |")
    lines.append(
        f"| same-day, same-topic pairs grouped ({total:,}; upper bound of distinct stories grouped) | "
        + " | ".join(f"{100 * linked_distinct[t] / total:.2f} %" for t in THRESHOLDS)
        + " |"
    )
    print("\n".join(lines))
    if args.write_docs:
        counts = (len(drafts), len(pairs), grouped_articles, same, len(judged))
        _write_docs(*counts, lines, args.edits, timing, distinct_line)


def _write_docs(articles, pairs, grouped, same, judged, table, edited, timing, distinct) -> None:
    block = "\n".join(
        [
            "<!-- measured: benchmarks/story_quality.py --write-docs -->",
            f"Reuters-21578, {articles:,} articles, threshold {settings.DEFAULT_STORY_THRESHOLD}: {pairs:,} grouped"
            f" pairs over {grouped:,} articles. Of {judged} sampled pairs read one by one"
            f" (`benchmarks/labels/story_pairs.csv`, each with its reason), {same} are one story:"
            f" precision {same / judged:.3f}."
            if judged
            else "",
            "",
            f"Copies of {edited} real articles (at least three paragraphs and 80 words) edited as wires do,"
            " linked to their original, and same-day same-topic pairs linked (lower is better), by threshold:",
            "",
            *table,
            "",
            distinct + ".",
            "",
            timing,
            "<!-- end measured -->",
        ]
    )
    text = DOCS.read_text(encoding="utf-8")
    text = re.sub(r"<!-- measured:.*?<!-- end measured -->", lambda _: block, text, flags=re.S)
    DOCS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
