"""Random sequences of ``knowledge-explorer`` commands against a scratch library, every step checked.

    python benchmarks/fuzz_cli.py --minutes N [--seed S] [--processes 0.05]

Every command and sub-command of ``knowledge-explorer --help`` (recursively; not ``serve``, which
serves until stopped, nor ``demo``, which imports a bundled
corpus for minutes, nor the bare command, which opens the window) is run with
random arguments — entity names, dates and their limits, paths (the database itself, its
companions, symlinks, read-only and missing files, names with control characters), malformed
queries, huge and negative ids, files in several encodings — mostly in-process with click's
CliRunner (the spaCy model loaded once), a share as real processes. After each step: no
traceback, exit code 0, 1 or 2, the library whole (``inconsistencies``: integrity and every
summary equal to a recount), nothing changed outside the scratch folder, and a target the
command refused byte-identical. Prints the runs and exit codes per command and each finding
with the command line that reproduces it; exits 1 if anything was found.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import click
import sqlite_utils
from click.testing import CliRunner

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

from benchmarks.fuzz_inputs import Arguments, Scratch  # noqa: E402
from explorer import cli  # noqa: E402
from explorer.core import settings  # noqa: E402
from explorer.core.extraction import extract  # noqa: E402
from explorer.core.ops import pipeline, reextract  # noqa: E402
from explorer.core.store.consistency import inconsistencies  # noqa: E402

SKIPPED = {"demo", "serve"}
OK_CODES = {0, 1, 2}
TIMEOUT = 300


@dataclass
class Step:
    number: int
    command: str  # the command's path, e.g. "article note set"
    args: list[str]
    stdin: str
    in_process: bool

    def command_line(self, scratch: Scratch) -> str:
        stdin = f"printf %s {shlex.quote(self.stdin)} | " if self.stdin else ""
        return (
            f"cd {shlex.quote(str(scratch.lib))} && {stdin}{settings.DB_ENV}=library.db "
            f"knowledge-explorer {' '.join(map(_shell_word, self.args))}"
        )


def _shell_word(arg: str) -> str:
    """``arg`` quoted for a shell; a long run of one character written as the command making it
    (not a run of newlines, which a command substitution would strip)."""
    if len(arg) > 100 and len(set(arg)) == 1 and arg[0] != "\n":
        return f'"$(python3 -c \'print(chr({ord(arg[0])}) * {len(arg)}, end="")\')"'
    return shlex.quote(arg)


@dataclass
class Finding:
    step: Step
    symptom: str


def leaf_commands(group: click.Group = cli.main, prefix: tuple[str, ...] = ()) -> dict[str, click.Command]:
    """Every runnable command under ``group``, by its path ("article note set")."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found.update(leaf_commands(command, path))
        elif " ".join(path) not in SKIPPED:
            found[" ".join(path)] = command
    return found


def random_args(rng: random.Random, path: str, command: click.Command, values: Arguments) -> list[str]:
    """Arguments and options for one run: required ones mostly given, others now and then, and
    sometimes an unknown option, a missing argument or ``--help``."""
    args = path.split()
    if rng.random() < 0.02:
        return [*args, "--help"]
    for param in command.params:
        if isinstance(param, click.Argument):
            count = rng.choice((1, 1, 1, 2, 3)) if param.nargs == -1 else 1
            if rng.random() < 0.03:
                count = 0
            args += [values.value(path, param) for _ in range(count)]
        elif getattr(param, "is_flag", False):
            if rng.random() < 0.3:
                args.append(param.opts[-1])
        elif param.required or rng.random() < 0.35:
            for _ in range(rng.choice((1, 1, 2)) if getattr(param, "multiple", False) else 1):
                args += [param.opts[-1], values.value(path, param)]
    if rng.random() < 0.02:
        args.append(rng.choice(("--bogus", "extra", "--db")))
    return args


def cached_extractors():
    """A factory in place of ``Extractor``: one instance per model, so the model loads once."""
    made: dict[str, extract.Extractor] = {}
    real = extract.Extractor

    def extractor(model: str = settings.DEFAULT_MODEL) -> extract.Extractor:
        return made.setdefault(model, real(model))

    return extractor


def snapshot(paths: list[Path]) -> dict[str, tuple]:
    """Size, modification time and kind of every file under ``paths`` (symlinks not followed)."""
    seen: dict[str, tuple] = {}
    for top in paths:
        if not top.exists():
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in {".git", "__pycache__", ".pytest_cache", ".hypothesis"}]
            for name in files:
                file = Path(folder, name)
                stat = file.lstat()
                seen[str(file)] = (stat.st_size, stat.st_mtime_ns)
    return seen


def fingerprint(path: Path) -> str | None:
    """The bytes of a file (hashed), a folder's listing, a link's target, or None if absent."""
    try:
        return _fingerprint(path)
    except OSError as exc:
        return f"error:{exc.errno}"
    except ValueError:  # a NUL in the name: no such file can exist
        return None


def _fingerprint(path: Path) -> str | None:
    if path.is_symlink():
        return "link:" + os.readlink(path) + ":" + (fingerprint(path.resolve()) or "") if path.exists() else "dangling"
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return None


def _is_database(path: Path) -> bool:
    """An SQLite file, or one whose first pages are still in its ``-wal``: opening it may
    rightly change its bytes (WAL switch, checkpoint), so it is checked by recount instead."""
    try:
        if Path(f"{path}-wal").stat().st_size > 0:
            return True
    except (OSError, ValueError):  # ValueError: a NUL in the name, which no file can have
        pass
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except (OSError, ValueError):
        return False


def partly_imported(step: Step, output: str) -> bool:
    """An import that stored some files and failed others exits 1, yet was not refused."""
    return step.command == "import" and re.search(r"^Imported [1-9]", output, re.MULTILINE) is not None


class Fuzzer:
    def __init__(self, seed: int, process_share: float) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.process_share = process_share
        self.scratch = Scratch(Path(tempfile.mkdtemp(prefix="ke-fuzz-")))
        self.scratch.build()
        self.values = Arguments(self.rng, self.scratch)
        self.commands = leaf_commands()
        self.runs: dict[str, Counter] = defaultdict(Counter)
        self.findings: list[Finding] = []
        self.good_copy = self.scratch.root / "last-good.db"
        self.watched = [self.scratch.outside, settings.data_home(), REPO_DIR]
        self.outside_before = snapshot(self.watched)
        self.runner = CliRunner()
        extractor = cached_extractors()
        pipeline.Extractor = reextract.Extractor = extract.Extractor = extractor

    def run(self, minutes: float) -> int:
        os.chdir(self.scratch.lib)
        os.environ[settings.DB_ENV] = "library.db"
        seeded = self.runner.invoke(cli.main, ["import", "articles", "sub", "-r"])
        if seeded.exit_code != 0 or self._library_problems():
            raise SystemExit(f"Could not seed the scratch library:\n{seeded.output}")
        self._keep()
        self.outside_before = snapshot(self.watched)
        deadline = time.monotonic() + minutes * 60
        number = 1
        while time.monotonic() < deadline:
            self.values.refresh()
            path = self.rng.choice(sorted(self.commands))
            args = random_args(self.rng, path, self.commands[path], self.values)
            stdin = self.rng.choice(("", "y\n", "n\n", "A note from standard input.\n"))
            # A command aimed at the library's -wal or -shm may crash every process mapping it;
            # a NUL cannot be passed to a process.
            companion = any(a.endswith(("-wal", "-shm")) for a in args)
            in_process = any("\x00" in a for a in args) or (not companion and self.rng.random() >= self.process_share)
            self.step(Step(number, path, args, stdin, in_process))
            number += 1
        os.chdir(REPO_DIR)
        self.report()
        shutil.rmtree(self.scratch.root, ignore_errors=True)
        return 1 if self.findings else 0

    def step(self, step: Step) -> None:
        with (self.scratch.root / "steps.log").open("a", encoding="utf-8", errors="replace") as log:
            log.write(f"{step.number} {'in' if step.in_process else 'process'} {step.args!r}\n")
        gc.collect()  # a connection a command left open is closed (and checkpoints) now, not mid-step
        targets = self._targets(step)
        self._checkpoint()
        before = {t: fingerprint(t) for t in targets}
        code, output = self._invoke(step)
        kind = "in-process" if step.in_process else "process"
        self.runs[step.command][f"exit {code}"] += 1
        self.runs[step.command][kind] += 1
        symptoms = []
        if "Traceback (most recent call last)" in output:
            symptoms.append("traceback: " + output.strip().splitlines()[-1][:200])
        if code not in OK_CODES:
            symptoms.append(f"exit code {code}")
        if code != 0 and not partly_imported(step, output):  # before the library is read: it may make its -wal
            symptoms += [f"refused, yet {t.name!r} changed" for t in targets if fingerprint(t) != before[t]]
        damage = self._library_problems()
        symptoms += damage
        after = snapshot(self.watched)
        symptoms += [
            f"changed outside the scratch folder: {p}"
            for p in sorted(set(after.items()) ^ set(self.outside_before.items()))
        ][:3]
        self.outside_before = after
        for symptom in symptoms:
            self.findings.append(Finding(step, symptom))
        if damage:
            self._restore()
        else:
            self._keep()

    def _targets(self, step: Step) -> list[Path]:
        """What a refusal must leave as it was: outputs, and a ``--db`` that is not a database."""
        targets = []
        for i, arg in enumerate(step.args[:-1]):
            value = step.args[i + 1]
            if value.startswith("-"):
                continue
            if arg in ("-o", "--output") or (arg == "--db" and not _is_database(self.scratch.lib / value)):
                targets.append(self.scratch.lib / value)
        if step.command == "backup" and len(step.args) > 1 and not step.args[1].startswith("-"):
            targets.append(self.scratch.lib / step.args[1])
        return [t for t in targets if t != self.scratch.lib]

    def _invoke(self, step: Step) -> tuple[int, str]:
        if step.in_process:
            result = self.runner.invoke(cli.main, step.args, input=step.stdin, catch_exceptions=True)
            output, code, error = result.output, result.exit_code, result.exception
            if error is not None and not isinstance(error, SystemExit):
                output += f"\nTraceback (most recent call last)\n{type(error).__name__}: {error}"
            del result, error
            gc.collect()  # the exception's frames held the command's connection open, as a process's end would not
            return code, output
        try:
            done = subprocess.run(
                [sys.executable, "-m", "explorer", *step.args],
                input=step.stdin,
                text=True,
                capture_output=True,
                timeout=TIMEOUT,
                cwd=self.scratch.lib,
                errors="replace",
                env={**os.environ, "PYTHONPATH": str(REPO_DIR), settings.DB_ENV: "library.db"},
            )
        except subprocess.TimeoutExpired:
            return -1, f"Traceback (most recent call last)\nhung for {TIMEOUT} s"
        return done.returncode, done.stdout + done.stderr

    def _library_problems(self) -> list[str]:
        db_path = self.scratch.db
        if not db_path.exists():
            return ["the library is gone"]
        try:
            conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
            try:
                return [f"library: {p}" for p in inconsistencies(sqlite_utils.Database(conn))]
            finally:
                conn.close()
        except sqlite3.Error as exc:
            return [f"library unreadable: {exc}"]

    def _checkpoint(self) -> None:
        """Fold the WAL into the library, so that a refused command's target compares byte for byte."""
        try:
            conn = sqlite3.connect(self.scratch.db, timeout=30)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        except sqlite3.Error:
            pass

    def _keep(self) -> None:
        self._checkpoint()
        shutil.copyfile(self.scratch.db, self.good_copy)

    def _restore(self) -> None:
        """After a finding that may have spoilt it, go on from the last good library."""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.scratch.db}{suffix}").unlink(missing_ok=True)
        if self.good_copy.exists():
            shutil.copyfile(self.good_copy, self.scratch.db)

    def report(self) -> None:
        total = sum(c["in-process"] + c["process"] for c in self.runs.values())
        print(f"{total} steps, seed {self.seed}; runs per command (in-process / process) and exit codes:")
        for command in sorted(self.runs):
            counts = self.runs[command]
            codes = ", ".join(f"{k} ×{v}" for k, v in sorted(counts.items()) if k.startswith("exit"))
            print(f"  {command:<20} {counts['in-process']:>4} / {counts['process']:<3}  {codes}")
        distinct: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for finding in self.findings:
            distinct[(finding.step.command, finding.symptom.split(":")[0])].append(finding)
        print(f"{len(self.findings)} findings, {len(distinct)} distinct")
        for (command, _), found in sorted(distinct.items()):
            first = found[0]
            print(
                f"- {command}: {first.symptom} ({len(found)}×; first at step {first.step.number}, "
                f"{'in-process' if first.step.in_process else 'process'})"
            )
            print(f"    {first.step.command_line(self.scratch)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, required=True)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--processes", type=float, default=0.05, help="share of steps run as real processes")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.randrange(1_000_000)
    return Fuzzer(seed, options.processes).run(options.minutes)


if __name__ == "__main__":
    sys.exit(main())
