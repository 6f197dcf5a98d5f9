"""The top 200 entities of the demo and the Reuters libraries against labels a person wrote.

    python -m benchmarks.entity_review --reuters-spans /tmp/reuters-spans.json.gz [--write docs/extraction.md]

Builds both libraries through the product's import (``review_libraries``: the demo's shipped spans,
Reuters' spans recorded once by ``python -m benchmarks.review_libraries``), takes the 200 most
mentioned visible entities of each (dates left out), and scores them with the labelled lists in
``benchmarks/labels/entities_demo.csv`` and ``entities_reuters.csv`` (name, whether it is an
entity, its right type, the name it should be merged with): the share of real entities, the
share of those with the right type, and the share split (a real entity listed twice: under two
names, or, for plain spaCy, one text under two labels). Plain spaCy's list, from the same spans,
is one entry per lower-cased text and label. Entries no label covers are listed on standard
error. ``--keep DIR`` builds the libraries in DIR and keeps them; with ``--reuse`` the libraries
DIR already holds are scored again without building them (after labelling new entries).
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available  # noqa: E402
from benchmarks.review_libraries import (  # noqa: E402
    build_library,
    demo_spans_file,
    plain_spacy_counts,
    reuters_entries,
)
from explorer.core.extraction.name_drafts import normalize_name  # noqa: E402
from explorer.core.ops.demo import demo_entries  # noqa: E402

TOP = 200
LABELS = Path(__file__).resolve().parent / "labels"
BEGIN, END = "<!-- entity review: begin -->", "<!-- entity review: end -->"


@dataclass(frozen=True)
class Label:
    entity: bool
    type: str
    merge_with: str


@dataclass(frozen=True)
class Score:
    listed: int
    unlabelled: int
    real: int
    right_type: int
    split: int

    def row(self) -> str:
        labelled = self.listed - self.unlabelled
        return (
            f"{self.real}/{labelled} ({_pct(self.real, labelled)}) | {self.right_type}/{self.real} "
            f"({_pct(self.right_type, self.real)}) | {self.split}/{self.real} ({_pct(self.split, self.real)})"
        )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def label_key(name: str) -> str:
    """A name as labels are looked up: normalised, a leading "the" ignored (plain spaCy keeps it)."""
    return normalize_name(name).removeprefix("the ")


def read_labels(path: Path) -> dict[str, Label]:
    with path.open(newline="", encoding="utf-8") as f:
        return {
            label_key(row["name"]): Label(row["entity"] == "yes", row["type"], row["merge_with"])
            for row in csv.DictReader(f)
        }


def product_top(db_path: Path, n: int = TOP) -> list[tuple[str, str]]:
    """(name, type) of the ``n`` most mentioned visible entities, dates left out."""
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT name, type FROM entities WHERE hidden = 0 AND type != 'date' ORDER BY mentions DESC, id LIMIT ?",
            (n,),
        ).fetchall()


def spacy_top(counts: Counter[tuple[str, str]], n: int = TOP) -> list[tuple[str, str]]:
    return [entry for entry, _ in counts.most_common(n)]


def score(top: list[tuple[str, str]], labels: dict[str, Label]) -> tuple[Score, list[tuple[str, str]]]:
    """The score of a list, and its entries without a label."""
    keys = [label_key(name) for name, _ in top]
    listed = Counter(keys)
    unlabelled = [entry for entry, key in zip(top, keys, strict=True) if key not in labels]
    real = right = split = 0
    for (_, type_), key in zip(top, keys, strict=True):
        label = labels.get(key)
        if label is None or not label.entity:
            continue
        real += 1
        right += type_ == label.type
        partner = label_key(label.merge_with) if label.merge_with else None
        split += listed[key] > 1 or (partner is not None and partner in listed)
    return Score(len(top), len(unlabelled), real, right, split), unlabelled


def review(reuters_spans: Path | None, work: Path, *, reuse: bool = False) -> list[tuple[str, str, Score]]:
    rows = []
    libraries = [("demo (State of the Union)", "entities_demo.csv", demo_entries(), demo_spans_file())]
    if reuters_spans is not None and reuters_available():
        libraries.append(("Reuters-21578", "entities_reuters.csv", reuters_entries(), reuters_spans))
    for title, label_file, entries, spans in libraries:
        db_path = work / f"{label_file}.db"
        if not (reuse and db_path.exists()):
            for old in work.glob(f"{label_file}.db*"):
                old.unlink()  # a fresh library each run
            build_library(db_path, entries, spans)
        labels = read_labels(LABELS / label_file)
        for system, top in (
            ("product", product_top(db_path)),
            ("plain spaCy", spacy_top(plain_spacy_counts(entries, spans))),
        ):
            result, missing = score(top, labels)
            rows.append((title, system, result))
            for name, type_ in missing:
                print(f"unlabelled in {label_file} ({system}): {name},{type_}", file=sys.stderr)
    return rows


def table(rows: list[tuple[str, str, Score]]) -> str:
    lines = [
        f"| library | system | real entities in the top {TOP} | right type | split |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {title} | {system} | {result.row()} |" for title, system, result in rows]
    return "\n".join(lines)


def write_block(doc: Path, text: str) -> None:
    content = doc.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in content:
        head, rest = content.split(BEGIN, 1)
        content = head + block + rest.split(END, 1)[1]
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(content, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters-spans", type=Path, help="Reuters' recorded spans (review_libraries)")
    parser.add_argument("--write", type=Path, help="put the table in this Markdown file")
    parser.add_argument("--keep", type=Path, help="build the libraries in this folder and keep them")
    parser.add_argument(
        "--reuse", action="store_true", help="score the libraries --keep already holds (after new labels) unbuilt"
    )
    args = parser.parse_args()
    if args.reuse and not args.keep:
        parser.error("--reuse needs --keep DIR, the folder of the libraries to score")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = review(args.reuters_spans, args.keep, reuse=args.reuse)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = review(args.reuters_spans, Path(tmp))
    text = table(rows)
    print(text)
    if args.write:
        write_block(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
