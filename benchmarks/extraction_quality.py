"""Extraction quality against gold data, beside plain spaCy on the same texts in the same run.

    python benchmarks/extraction_quality.py [--model M] [--gazetteer FILE] [--write docs/extraction.md] [--misses]

- MEANTIME (``../shared/corpora/meantime``, converted by its own script into a temporary folder
  and imported as a user would): named mentions (``syntactic_type="NAM"``) by type PER/ORG/LOC,
  exact span and type, scored on the article bodies (the title line is stored apart from the
  body, and MEANTIME's dateline is dropped by the converter);
- cross-document merging: pairs of gold named mentions in different articles that both systems
  found with the exact span; "same entity" is the gold instance (``intra_cross-doc_annotation``),
  the product's stored entity, or plain spaCy's lower-cased surface text;
- concrete DATE TIMEX3 values (YYYY, YYYY-MM, YYYY-MM-DD) resolved against CREATION_TIME; plain
  spaCy's DATE spans are resolved with dateparser (its own granularity) as the baseline;
- the seed article's rows (``../shared/seed/expected.md``);
- throughput in words/s: the whole import (reading, NER, rules, storage) against plain spaCy's
  ``nlp.pipe`` over the same bodies with the same components.

MEANTIME stores tokens; gold tokens are located in the imported body by searching for each token
in order, so every gold span becomes character offsets into ``articles.body``.
"""

from __future__ import annotations

import argparse
import calendar
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import CORPORA, SHARED  # noqa: E402
from explorer.core import settings  # noqa: E402
from explorer.core.extraction.entities import canonicalize  # noqa: E402
from explorer.core.extraction.extract import EXCLUDED_COMPONENTS, Extractor  # noqa: E402
from explorer.core.extraction.user_gazetteer import GazetteerEntry, read_gazetteer  # noqa: E402
from explorer.core.ops.pipeline import ImportOptions, import_paths  # noqa: E402
from explorer.core.reading.ingest import read_article  # noqa: E402
from explorer.core.store import open_store  # noqa: E402
from explorer.core.store.saved_gazetteer import save_gazetteer  # noqa: E402

MEANTIME = CORPORA / "meantime"
SEED_ARTICLE = SHARED / "seed" / "000_a20fff4a07aab385.txt"
TYPES = ("PER", "ORG", "LOC")
PRODUCT_TYPES = {"person": "PER", "organisation": "ORG", "place": "LOC"}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
CONCRETE_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")
OPEN_ACRONYM = re.compile(r"\s*\(\s*[A-Z][\w&.-]*$")
TOKEN_FORMS = {"``": '"', "''": '"'}
# expected.md's rows: canonical name → accepted types (the product's names for them).
SEED_ROWS = {
    "China": {"place"},
    "Pakistan": {"place"},
    "Beijing": {"place"},
    "Islamabad": {"place"},
    "Afghanistan": {"place"},
    "South Asia": {"place"},
    "United States": {"place"},
    "Xi Jinping": {"person"},
    "Shehbaz Sharif": {"person"},
    "Xinhua": {"organisation"},
    "Reuters": {"organisation"},
    "China-Pakistan Economic Corridor": {"organisation", "event"},
    "Belt and Road Initiative": {"organisation", "event"},
}
SPACY_SEED_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "EVENT": "event"}


@dataclass
class GoldDoc:
    doc_id: str
    created: date
    body: str
    path: Path
    names: dict[tuple[int, int], str] = field(default_factory=dict)  # span → PER/ORG/LOC
    instances: dict[tuple[int, int], str] = field(default_factory=dict)  # span → cross-doc instance
    dates: dict[tuple[int, int], str] = field(default_factory=dict)  # span → TIMEX3 value


# ---- gold data ----


def _token_offsets(root: ET.Element, body: str) -> dict[str, tuple[int, int]]:
    """Character offsets in ``body`` of each token found there, searched in order."""
    offsets: dict[str, tuple[int, int]] = {}
    cursor = 0
    for token in root.iter("token"):
        if token.get("sentence") in ("0", "1"):  # the title and the dropped dateline
            continue
        text = TOKEN_FORMS.get(token.text or "", token.text or "")
        found = body.find(text, cursor)
        if found < 0 or found - cursor > 20:
            continue
        offsets[token.get("t_id")] = (found, found + len(text))
        cursor = found + len(text)
    return offsets


def _without_open_acronym(span: tuple[int, int], body: str) -> tuple[int, int]:
    """MEANTIME ends some names inside the parentheses of their acronym ("General Motors (GM",
    the ")" left out); the name is what precedes the parenthesis."""
    start, end = span
    match = OPEN_ACRONYM.search(body, start, end)
    return (start, match.start()) if match and body.startswith(")", end) else span


def _mention_spans(root: ET.Element, tag: str, offsets) -> dict[str, tuple[int, int]]:
    spans = {}
    for element in root.iter(tag):
        anchors = [offsets.get(a.get("t_id")) for a in element.iter("token_anchor")]
        if anchors and all(anchors):
            spans[element.get("m_id")] = (anchors[0][0], anchors[-1][1])
    return spans


def _referents(root: ET.Element) -> dict[str, str]:
    """Mention m_id → the m_id of the ENTITY it refers to."""
    return {
        source.get("m_id"): relation.find("target").get("m_id")
        for relation in root.iter("REFERS_TO")
        if relation.find("target") is not None
        for source in relation.iter("source")
    }


def _named(root: ET.Element) -> set[str]:
    return {m.get("m_id") for m in root.iter("ENTITY_MENTION") if m.get("syntactic_type") == "NAM"}


def load_gold(folder: Path) -> list[GoldDoc]:
    """MEANTIME converted into ``folder`` by its own script; gold spans as offsets into each body."""
    subprocess.run(
        [sys.executable, str(CORPORA / "meantime_to_txt.py"), str(MEANTIME), str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = {path.stem.split("_", 1)[1]: path for path in folder.glob("*.txt")}
    cross = {p.stem.split("_", 1)[0]: p for p in (MEANTIME / "intra_cross-doc_annotation").glob("*/*.xml")}
    docs = []
    for xml in sorted((MEANTIME / "intra-doc_annotation").glob("*/*.xml")):
        root = ET.parse(xml).getroot()
        path = files.get(root.get("doc_id"))
        if path is None:
            continue
        draft = read_article(path)
        doc = GoldDoc(root.get("doc_id"), draft.published, draft.body, path)
        offsets = _token_offsets(root, draft.body)
        spans = _mention_spans(root, "ENTITY_MENTION", offsets)
        types = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
        refers = _referents(root)
        for m_id in _named(root) & spans.keys():
            kind = types.get(refers.get(m_id))
            if kind in TYPES:
                doc.names[_without_open_acronym(spans[m_id], draft.body)] = kind
        for timex in root.iter("TIMEX3"):
            span = _mention_spans(timex, "TIMEX3", offsets).get(timex.get("m_id"))
            if (
                timex.get("type") == "DATE"
                and span
                and timex.get("functionInDocument") != "CREATION_TIME"
                and CONCRETE_DATE.match(timex.get("value", ""))
            ):
                doc.dates[span] = timex.get("value")
        if doc.doc_id in cross:
            _add_instances(doc, ET.parse(cross[doc.doc_id]).getroot())
        docs.append(doc)
    return docs


def _add_instances(doc: GoldDoc, root: ET.Element) -> None:
    offsets = _token_offsets(root, doc.body)
    spans = _mention_spans(root, "ENTITY_MENTION", offsets)
    instances = {e.get("m_id"): e.get("instance_id") for e in root.iter("ENTITY") if e.get("instance_id")}
    refers = _referents(root)
    for m_id in _named(root) & spans.keys():
        instance = instances.get(refers.get(m_id))
        if instance and spans[m_id] in doc.names:
            doc.instances[spans[m_id]] = instance


# ---- the two systems ----


@dataclass
class Found:
    names: dict[tuple[int, int], str]  # span → PER/ORG/LOC
    identity: dict[tuple[int, int], str]  # span → the entity it was stored as
    dates: list[tuple[int, int, frozenset[str]]]  # start, end, the TIMEX values its period is written as


def _timex_values(start: date, end: date) -> frozenset[str]:
    """How TIMEX3 writes a period: a day, a whole month, a whole year; the early, mid or late
    third of a year or month as that year or month ("late 2006" is value 2006, mod END); a range
    of whole years or months as the years or months at its two ends ("between 2014 and 2016" is
    two TIMEX3, 2014 and 2016); anything else as its start day."""
    if start == end:
        return frozenset({start.isoformat()})
    month_end = end == date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
    whole_months = start.day == 1 and month_end
    if whole_months and start.month == 1 and end.month == 12:
        return frozenset({f"{start.year:04d}", f"{end.year:04d}"})
    if whole_months and start.year == end.year and (start.month - 1) % 4 == 0 and end.month == start.month + 3:
        return frozenset({f"{start.year:04d}"})  # a third of a year
    if whole_months:
        return frozenset({f"{start.year:04d}-{start.month:02d}", f"{end.year:04d}-{end.month:02d}"})
    thirds = {(1, 10), (11, 20), (21, calendar.monthrange(end.year, end.month)[1])}
    if (start.year, start.month) == (end.year, end.month) and (start.day, end.day) in thirds:
        return frozenset({f"{start.year:04d}-{start.month:02d}"})  # a third of a month
    return frozenset({start.isoformat()})


def run_product(
    docs: list[GoldDoc], db_path: Path, model: str, gazetteer: list[GazetteerEntry]
) -> tuple[dict[str, Found], float]:
    if gazetteer:
        db = open_store(db_path)
        save_gazetteer(db, gazetteer)
        db.close()
    extractor = Extractor(model).load()  # loaded outside the timing, as plain spaCy's model is
    extractor.spans("warm up")
    started = time.perf_counter()
    for _ in import_paths(db_path, [d.path for d in docs], ImportOptions(model=model), extractor=extractor):
        pass
    elapsed = time.perf_counter() - started
    db = open_store(db_path)
    by_path = {str(d.path.resolve()): d.doc_id for d in docs}
    found: dict[str, Found] = {d.doc_id: Found({}, {}, []) for d in docs}
    rows = db.conn.execute(
        'SELECT a.path, m.start, m."end", e.type, e.key, m.label, m.time_start, m.time_end '
        "FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"
    )
    for path, start, end, kind, key, label, time_start, time_end in rows:
        result = found[by_path[path]]
        if kind in PRODUCT_TYPES:
            result.names[(start, end)] = PRODUCT_TYPES[kind]
        result.identity[(start, end)] = key
        if label == "date":
            period = (date.fromisoformat(time_start), date.fromisoformat(time_end)) if time_start else None
            values = _timex_values(*period) if period else frozenset()
            result.dates.append((start, end, values))
    db.close()
    return found, elapsed


def run_plain(docs: list[GoldDoc], model: str) -> tuple[dict[str, Found], float]:
    import spacy
    from dateparser.date import DateDataParser

    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    nlp("warm up")
    started = time.perf_counter()
    parsed = list(nlp.pipe([d.body for d in docs], batch_size=64))
    elapsed = time.perf_counter() - started
    found = {}
    for doc, spacy_doc in zip(docs, parsed, strict=True):
        result = Found({}, {}, [])
        parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": _midnight(doc.created)})
        for ent in spacy_doc.ents:
            span = (ent.start_char, ent.end_char)
            if ent.label_ in SPACY_TYPES:
                result.names[span] = SPACY_TYPES[ent.label_]
                result.identity[span] = ent.text.lower()
            elif ent.label_ == "DATE":
                value = _dateparser_value(parser, ent.text)
                result.dates.append((*span, frozenset({value}) if value else frozenset()))
        found[doc.doc_id] = result
    return found, elapsed


def _midnight(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


def _dateparser_value(parser, text: str) -> str | None:
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(data.period, day.isoformat())


# ---- scores ----


def _prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = true_positives / predicted if predicted else 0.0
    r = true_positives / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _without_article(span: tuple[int, int], body: str) -> tuple[int, int]:
    """The span without a leading "the": MEANTIME includes it in some names, the product never."""
    start, end = span
    match = LEADING_ARTICLE.match(body, start, end)
    return (match.end(), end) if match and match.end() < end else span


def named_scores(
    docs: list[GoldDoc], found: dict[str, Found], *, strict: bool = False
) -> dict[str, tuple[float, float, float]]:
    counts = {t: Counter() for t in (*TYPES, "all")}
    for doc in docs:
        predicted = found[doc.doc_id].names
        gold = doc.names
        if not strict:
            predicted = {_without_article(s, doc.body): k for s, k in predicted.items()}
            gold = {_without_article(s, doc.body): k for s, k in gold.items()}
        for span, kind in gold.items():
            for key in (kind, "all"):
                counts[key]["gold"] += 1
                counts[key]["tp"] += predicted.get(span) == kind
            counts["all"]["overlapping"] += any(
                k == kind and s < span[1] and span[0] < e for (s, e), k in predicted.items()
            )
        for kind in predicted.values():
            for key in (kind, "all"):
                counts[key]["predicted"] += 1
    scores = {t: _prf(c["tp"], c["predicted"], c["gold"]) for t, c in counts.items()}
    scores["overlapping"] = _prf(counts["all"]["overlapping"], counts["all"]["predicted"], counts["all"]["gold"])
    return scores


def _miss_cause(span: tuple[int, int], kind: str, predicted: dict[tuple[int, int], str], stored) -> str:
    """Why a gold name was not found: wrong type, other boundaries (which side is longer), or nothing there."""
    start, end = span
    if span in predicted:
        return f"typed {predicted[span]}"
    overlapping = [(s, e, k) for (s, e), k in predicted.items() if s < end and start < e]
    if not overlapping:
        in_store = any(s < end and start < e for s, e in stored)
        return "found as another kind (group, event, ...)" if in_store else "not found"
    s, e, k = overlapping[0]
    boundary = "mention longer" if s <= start and e >= end else "gold longer" if s >= start and e <= end else "crossing"
    return boundary if k == kind else f"{boundary}, typed {k}"


def misses(docs: list[GoldDoc], found: dict[str, Found]) -> str:
    """The gold names a system missed, grouped by cause, each with what it found there."""
    by_cause: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        predicted = {_without_article(s, doc.body): k for s, k in found[doc.doc_id].names.items()}
        for span, kind in doc.names.items():
            span = _without_article(span, doc.body)
            if predicted.get(span) == kind:
                continue
            cause = _miss_cause(span, kind, predicted, found[doc.doc_id].identity)
            there = [doc.body[s:e] for s, e in predicted if s < span[1] and span[0] < e]
            by_cause[cause].append(f"  {kind} {doc.body[slice(*span)]!r}" + (f" (found {there})" if there else ""))
    lines = []
    for cause, items in sorted(by_cause.items(), key=lambda item: -len(item[1])):
        lines += [f"{cause}: {len(items)}", *items]
    return "\n".join(lines) + "\n"


def merge_scores(docs: list[GoldDoc], systems: list[dict[str, Found]]) -> tuple[list[tuple[float, float, float]], int]:
    """Pairwise P/R/F1 of "same entity" over cross-document pairs of mentions every system found."""
    mentions = [
        (doc.doc_id, span, instance)
        for doc in docs
        for span, instance in doc.instances.items()
        if all(span in found[doc.doc_id].identity for found in systems)
    ]
    results = []
    for found in systems:
        counts = Counter()
        for (doc_a, span_a, gold_a), (doc_b, span_b, gold_b) in combinations(mentions, 2):
            if doc_a == doc_b:
                continue
            same = found[doc_a].identity[span_a] == found[doc_b].identity[span_b]
            counts["gold"] += gold_a == gold_b
            counts["predicted"] += same
            counts["tp"] += same and gold_a == gold_b
        results.append(_prf(counts["tp"], counts["predicted"], counts["gold"]))
    return tuple(results), len(mentions)


def date_scores(docs: list[GoldDoc], found: dict[str, Found]) -> tuple[int, int, int]:
    """(gold concrete dates, found: a DATE span overlapping, resolved to the gold value)."""
    gold = hit = right = 0
    for doc in docs:
        for (start, end), value in doc.dates.items():
            gold += 1
            overlapping = [v for s, e, v in found[doc.doc_id].dates if s < end and start < e]
            hit += bool(overlapping)
            right += any(value in values for values in overlapping)
    return gold, hit, right


def seed_rows(model: str) -> tuple[list[bool], list[bool]] | None:
    """Each expected.md row right (name, one accepted type, the whole name) for the product and plain spaCy."""
    if not SEED_ARTICLE.exists():
        return None
    import spacy

    text = SEED_ARTICLE.read_text(encoding="utf-8")
    mentions = canonicalize(Extractor(model).spans(text), text, None)
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    plain = [(ent.text, SPACY_SEED_TYPES.get(ent.label_)) for ent in nlp(text).ents]
    product_ok, plain_ok = [], []
    for name, types in SEED_ROWS.items():
        product_types = {m.type for m in mentions if m.name == name}
        product_ok.append(len(product_types) == 1 and product_types <= types)
        plain_types = {kind for surface, kind in plain if surface == name}
        plain_ok.append(len(plain_types) == 1 and plain_types <= types)
    return product_ok, plain_ok


# ---- report ----


def report(model: str, gazetteer: list[GazetteerEntry], *, show_misses: bool = False) -> str:
    if not MEANTIME.exists():
        sys.exit(f"needs {MEANTIME} (the shared corpora beside the checkout)")
    with tempfile.TemporaryDirectory() as tmp:
        docs = load_gold(Path(tmp) / "meantime-txt")
        product, product_seconds = run_product(docs, Path(tmp) / "quality.db", model, gazetteer)
    plain, plain_seconds = run_plain(docs, model)
    words = sum(len(d.body.split()) for d in docs)
    ours, theirs = named_scores(docs, product), named_scores(docs, plain)
    strict_ours, strict_theirs = named_scores(docs, product, strict=True), named_scores(docs, plain, strict=True)
    (merge_ours, merge_theirs), merge_n = merge_scores(docs, [product, plain])
    dates_ours, dates_theirs = date_scores(docs, product), date_scores(docs, plain)
    seed = seed_rows(model)
    lines = [
        f"Model `{model}`{f', user gazetteer of {len(gazetteer)} names' if gazetteer else ''}; "
        f"MEANTIME: {len(docs)} articles, {words:,} body words, "
        f"{sum(len(d.names) for d in docs)} gold named mentions, {sum(len(d.dates) for d in docs)} concrete dates.",
        "",
        "| measure | product | plain spaCy |",
        "|---|---|---|",
    ]
    for kind in (*TYPES, "all"):
        p, r, f = ours[kind]
        pp, pr, pf = theirs[kind]
        lines.append(
            f"| named {kind}: recall / precision / F1 | {r:.3f} / {p:.3f} / {f:.3f} | {pr:.3f} / {pp:.3f} / {pf:.3f} |"
        )
    lines.append(
        '| named all, strict (a leading "the" counted): recall / precision / F1 | '
        + " | ".join(f"{r:.3f} / {p:.3f} / {f:.3f}" for p, r, f in (strict_ours["all"], strict_theirs["all"]))
        + " |"
    )
    lines.append(
        "| named all, lenient (a mention of the right type overlaps the gold span): recall | "
        + " | ".join(f"{scores['overlapping'][1]:.3f}" for scores in (ours, theirs))
        + " |"
    )
    lines.append(
        f"| cross-doc merge ({merge_n} mentions found by both): P / R / F1 | "
        + " | ".join(f"{p:.3f} / {r:.3f} / {f:.3f}" for p, r, f in (merge_ours, merge_theirs))
        + " |"
    )
    lines.append(
        "| concrete DATEs: found / resolved right | "
        + " | ".join(
            f"{hit}/{gold} / {right}/{gold} ({right / gold:.0%})" for gold, hit, right in (dates_ours, dates_theirs)
        )
        + " |"
    )
    if seed:
        for (name, _), ok, plain_ok in zip(SEED_ROWS.items(), *seed, strict=True):
            lines.append(f"| seed row: {name} | {'yes' if ok else 'no'} | {'yes' if plain_ok else 'no'} |")
        lines.append(f"| seed rows right | {sum(seed[0])}/13 | {sum(seed[1])}/13 |")
    lines.append(
        f"| throughput, words/s | {words / product_seconds:,.0f} (whole import) "
        f"| {words / plain_seconds:,.0f} (NER only) |"
    )
    lines.append(f"| throughput ratio | {plain_seconds / product_seconds:.2f}× plain | 1.00× |")
    table = "\n".join(lines) + "\n"
    if show_misses:
        sys.stderr.write("Gold names the product missed, by cause:\n" + misses(docs, product))
    return table


BEGIN, END = "<!-- quality table: begin -->", "<!-- quality table: end -->"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=settings.DEFAULT_MODEL)
    parser.add_argument("--gazetteer", type=Path, help="a name,type CSV the product imports with")
    parser.add_argument("--write", type=Path, help="replace the table in this markdown file")
    parser.add_argument("--misses", action="store_true", help="list the gold names the product missed, by cause")
    args = parser.parse_args()
    table = report(args.model, read_gazetteer(args.gazetteer) if args.gazetteer else [], show_misses=args.misses)
    sys.stdout.write(table)
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        args.write.write_text(f"{before}{BEGIN}\n{table}{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
